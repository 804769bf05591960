import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "../../src/modules/identity/identity.totp";
import { unique, type ApiResponse } from "../client";
import { startTestServer, type TestServer } from "../harness";
import { newParty } from "../orders/orders.helpers";

const PASSWORD = "correct horse battery";

let server: TestServer;
beforeAll(async () => {
  // Client addresses come from X-Forwarded-For here, as behind a proxy.
  server = await startTestServer((config) => {
    config.trustProxy = true;
    config.rateLimits.signup = { limit: 3, windowSeconds: 3600 };
    config.rateLimits.search = { limit: 4, windowSeconds: 60 };
    config.rateLimits.password_reset = { limit: 2, windowSeconds: 3600 };
    config.auth.requireAdminTwoFactor = true;
  });
});
afterAll(() => server.close());

const from = (ip: string) => ({ "x-forwarded-for": ip });

function expect429(res: ApiResponse) {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body.code).toBe("rate_limited");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
}

describe("general request limits", () => {
  it("counts signups per address with RateLimit headers; the 4th of 3 is 429; another address is free", async () => {
    const signup = (ip: string) => {
      const username = unique("rl");
      return server
        .client()
        .post(
          "/api/auth/signup",
          { email: `${username}@example.test`, username, password: PASSWORD },
          from(ip),
        );
    };
    const first = await signup("10.1.0.1");
    expect(first.status).toBe(201);
    expect(first.headers.get("ratelimit-policy")).toBe('"signup";q=3;w=3600');
    expect(first.headers.get("ratelimit")).toMatch(/^"signup";r=2;t=\d+$/);
    expect((await signup("10.1.0.1")).status).toBe(201);
    const third = await signup("10.1.0.1");
    expect(third.status).toBe(201);
    expect(third.headers.get("ratelimit")).toMatch(/^"signup";r=0;t=\d+$/);
    const fourth = await signup("10.1.0.1");
    expect429(fourth);
    expect(fourth.headers.get("ratelimit")).toMatch(/^"signup";r=0;t=\d+$/);
    expect((await signup("10.1.0.2")).status).toBe(201);
    // The window ends.
    await server.client().post("/api/test/clock", { advanceSeconds: 3600 });
    expect((await signup("10.1.0.1")).status).toBe(201);
  });

  it("limits search per address and password reset requests per address (same 429 for any e-mail)", async () => {
    for (let i = 0; i < 4; i++) {
      expect((await server.client().get("/api/search/gigs?q=logo", from("10.2.0.1"))).status).toBe(200);
    }
    expect429(await server.client().get("/api/search/gigs?q=logo", from("10.2.0.1")));
    expect((await server.client().get("/api/search/gigs?q=logo", from("10.2.0.2"))).status).toBe(200);

    const reset = (email: string) =>
      server.client().post("/api/auth/password-reset", { email }, from("10.2.0.3"));
    expect((await reset("a@example.test")).status).toBe(202);
    expect((await reset("b@example.test")).status).toBe(202);
    expect429(await reset("c@example.test"));
  });

  it("shares its counters through the database (another app on the same database sees them)", async () => {
    const rows = await server.deps.db.query<{ bucket: string; count: number }>(
      "SELECT bucket, count FROM rate_limit_buckets WHERE bucket = $1",
      ["rl:search:ip:10.2.0.1"],
    );
    expect(rows).toEqual([{ bucket: "rl:search:ip:10.2.0.1", count: 5 }]);
  });
});

describe("sign-in failures per account and source", () => {
  it("throttles the guesser's address while the owner signs in from another", async () => {
    const owner = await server.client().signup();
    const attacker = "10.3.0.66";
    const limit = server.config.auth.loginFailuresPerAccount;
    for (let i = 0; i < limit; i++) {
      const res = await server
        .client()
        .post("/api/auth/login", { email: owner.email, password: `guess number ${i}` }, from(attacker));
      expect(res.status).toBe(401);
    }
    expect429(
      await server
        .client()
        .post("/api/auth/login", { email: owner.email, password: "guess" }, from(attacker)),
    );
    // Even the right password is throttled from the guessing address.
    expect429(
      await server
        .client()
        .post("/api/auth/login", { email: owner.email, password: PASSWORD }, from(attacker)),
    );
    // The owner, elsewhere, is not locked out.
    const ownerLogin = await server
      .client()
      .post("/api/auth/login", { email: owner.email, password: PASSWORD }, from("10.3.0.7"));
    expect(ownerLogin.status).toBe(200);
    // The attacker's other targets are guarded by the per-address failure limit.
    expect(server.config.auth.loginFailuresPerIp).toBeGreaterThan(limit);
  });

  it("throttles one address guessing many accounts at the per-address limit", async () => {
    const ip = "10.4.0.9";
    const perIp = server.config.auth.loginFailuresPerIp;
    for (let i = 0; i < perIp; i++) {
      const res = await server
        .client()
        .post(
          "/api/auth/login",
          { email: `${unique("x")}@example.test`, password: "whatever it is" },
          from(ip),
        );
      expect(res.status).toBe(401);
    }
    expect429(
      await server
        .client()
        .post("/api/auth/login", { email: "someone@example.test", password: "pw pw pw pw" }, from(ip)),
    );
  });
});

describe("two-factor for admins (production setting)", () => {
  it("answers 403 two_factor_required on admin routes until the admin turns two-factor on", async () => {
    const admin = await newParty(server, "admin");
    const res = await admin.client.get("/api/admin/ledger/check");
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("two_factor_required");
    const begin = await admin.client.post("/api/me/two-factor");
    const code = totpCode(begin.body.secret, server.deps.clock.now());
    expect((await admin.client.post("/api/me/two-factor/confirm", { code })).status).toBe(200);
    expect((await admin.client.get("/api/admin/ledger/check")).status).toBe(200);
    // Members still get the plain 404.
    const member = await newParty(server);
    expect((await member.client.get("/api/admin/ledger/check")).status).toBe(404);
  });
});
