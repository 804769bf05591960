import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unique, type ApiResponse } from "../client";
import { startTestServer, type TestServer } from "../harness";

const PASSWORD = "correct horse battery";

function expect429(res: ApiResponse, windowSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body.code).toBe("rate_limited");
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  return retryAfter;
}

async function advance(server: TestServer, seconds: number) {
  const res = await server.client().post("/api/test/clock", { advanceSeconds: seconds });
  expect(res.status).toBe(200);
}

const login = (server: TestServer, email: string, password: string) =>
  server.client().post("/api/auth/login", { email, password });

describe("sign-in rate limits", () => {
  let server: TestServer;
  let window: number;
  beforeAll(async () => {
    server = await startTestServer();
    window = server.config.auth.loginWindowSeconds;
  });
  afterAll(() => server.close());

  it("answers the 6th failure for one account with 429 and Retry-After, even with the right password", async () => {
    const limit = server.config.auth.loginFailuresPerAccount;
    expect(limit).toBe(5);
    const user = await server.client().signup();
    for (let i = 0; i < limit; i++) {
      const res = await login(server, user.email, `wrong password ${i}`);
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    expect429(await login(server, user.email, "wrong password again"), window);
    // The counter is per account, whatever the case of the e-mail.
    expect429(await login(server, user.email.toUpperCase(), PASSWORD), window);
  });

  it("holds the limit against a burst of parallel guesses", async () => {
    const user = await server.client().signup();
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(server, user.email, `guess ${i}`)),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(server.config.auth.loginFailuresPerAccount);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - server.config.auth.loginFailuresPerAccount);
  });

  it("keeps answering 401 (not 429) for other accounts from the same client", async () => {
    const other = await server.client().signup();
    const res = await login(server, other.email, "not the password");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("invalid_credentials");
    expect((await login(server, other.email, PASSWORD)).status).toBe(200);
  });

  it("never locks anyone out for good: after the window, signing in works again", async () => {
    const user = await server.client().signup();
    for (let i = 0; i < 5; i++) await login(server, user.email, "wrong");
    const retryAfter = expect429(await login(server, user.email, PASSWORD), window);
    await advance(server, retryAfter - 5);
    expect429(await login(server, user.email, PASSWORD), window);
    await advance(server, 5);
    const res = await login(server, user.email, PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.id);
  });

  it("resets the account's counter on a successful sign-in", async () => {
    const user = await server.client().signup();
    for (let i = 0; i < 4; i++) expect((await login(server, user.email, "wrong")).status).toBe(401);
    expect((await login(server, user.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login(server, user.email, "wrong")).status).toBe(401);
    expect429(await login(server, user.email, "wrong"), window);
  });
});

describe("the per-client limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("stops a client spraying many accounts, until the window passes", async () => {
    const { loginFailuresPerIp, loginFailuresPerAccount, loginWindowSeconds } = server.config.auth;
    expect(loginFailuresPerIp).toBeGreaterThan(loginFailuresPerAccount);
    const victim = await server.client().signup();
    // Successful sign-ins are not failures: they leave the client's whole budget in place.
    for (let i = 0; i < 10; i++) expect((await login(server, victim.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < loginFailuresPerIp; i++) {
      // Every attempt names another account, so no account limit is ever reached.
      const res = await login(server, `${unique("spray")}@example.test`, "guess");
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    expect429(await login(server, `${unique("spray")}@example.test`, "guess"), loginWindowSeconds);
    expect429(await login(server, victim.email, PASSWORD), loginWindowSeconds);
    await advance(server, loginWindowSeconds);
    expect((await login(server, victim.email, PASSWORD)).status).toBe(200);
  });
});

describe("session expiry", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("sets the cookies to expire at the session's absolute end", async () => {
    const client = server.client();
    const res = await client.post("/api/auth/signup", {
      email: `${unique("exp")}@example.test`,
      username: unique("exp"),
      password: PASSWORD,
    });
    const now = Date.parse((await server.client().get("/api/test/clock")).body.now);
    for (const name of ["atelier_session", "atelier_csrf"]) {
      const line = res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`))!;
      const expires = Date.parse(/Expires=([^;]+)/i.exec(line)![1]!);
      expect(Math.abs(expires - now - server.config.auth.sessionAbsoluteSeconds * 1000)).toBeLessThan(5000);
    }
  });

  it("ends a session left idle for longer than the idle period, and use keeps it alive", async () => {
    const idle = server.config.auth.sessionIdleSeconds;
    const client = server.client();
    await client.signup();
    await advance(server, idle - 60);
    expect((await client.get("/api/me")).status).toBe(200);
    await advance(server, idle - 60); // idle−60 since the last use, 2·idle−120 since sign-in
    expect((await client.get("/api/me")).status).toBe(200);
    await advance(server, idle + 1);
    const res = await client.get("/api/me");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("unauthenticated");
    await advance(server, 0);
    expect((await client.get("/api/me")).status).toBe(401); // revoked, not merely idle
  });

  it("ends every session at its absolute expiry, however active", async () => {
    const { sessionIdleSeconds: idle, sessionAbsoluteSeconds: absolute } = server.config.auth;
    const client = server.client();
    const user = await client.signup();
    const step = idle - 3600;
    let elapsed = 0;
    while (elapsed + step < absolute - 3600) {
      await advance(server, step);
      elapsed += step;
      expect((await client.get("/api/me")).status, `after ${elapsed} s`).toBe(200);
    }
    await advance(server, absolute - 3600 - elapsed);
    expect((await client.get("/api/me")).status).toBe(200);
    await advance(server, 3601);
    expect((await client.get("/api/me")).status).toBe(401);
    // Signing in again starts a new session.
    expect((await client.post("/api/auth/login", { email: user.email, password: PASSWORD })).status).toBe(
      200,
    );
    expect((await client.get("/api/me")).status).toBe(200);
  });

  it("does not end a personal access token with the sessions", async () => {
    const client = server.client();
    await client.signup();
    const script = server.client();
    script.bearer = (await client.post("/api/auth/tokens", { name: "cron" })).body.token;
    await advance(server, server.config.auth.sessionAbsoluteSeconds + 1);
    expect((await client.get("/api/me")).status).toBe(401);
    expect((await script.get("/api/me")).status).toBe(200);
  });
});
