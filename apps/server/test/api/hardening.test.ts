import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../client";
import { startTestServer, type TestServer } from "../harness";
import { browserSocket, conversationBetween, openSocket, send, wsUrl } from "../messaging/messaging.helpers";
import { expectProblem, longSessions, newCast, newParty, orderIn } from "../orders/orders.helpers";

// Issue 14, point 5: what an attack from outside found, each through the real HTTP routes.

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "violet kettle mountain drum";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(longSessions);
});
afterAll(() => server.close());

const login = (email: string, password: string, client = server.client()) =>
  client.post("/api/auth/login", { email, password });

/** A client that speaks with the given access token. */
function withToken(token: string): ApiClient {
  const client = server.client();
  client.bearer = token;
  return client;
}

async function resetLink(email: string): Promise<string> {
  const res = await server.client().get(`/api/test/mailbox?to=${encodeURIComponent(email)}`);
  const mail = (res.body.data as { subject: string; text: string }[]).find((m) =>
    m.subject.includes("Choose a new password"),
  );
  const match = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "");
  if (!match?.[1]) throw new Error(`no reset link for ${email}`);
  return match[1];
}

describe("ending a credential closes its sockets at once", () => {
  it("a password change closes the other sessions' sockets, not the changer's own", async () => {
    const owner = await newParty(server);
    const laptop = server.client();
    await login(owner.email, PASSWORD, laptop);
    const own = await browserSocket(server, owner.client);
    const other = await browserSocket(server, laptop);
    const started = Date.now();
    const res = await owner.client.put("/api/me/password", {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(await other.closed).toBe(4001);
    // Long before the periodic recheck (5 minutes by default).
    expect(Date.now() - started).toBeLessThan(10_000);
    const ping = own.next("pong");
    own.ws.send(JSON.stringify({ type: "ping" }));
    await ping;
    own.close();
  });

  it("a password reset closes every session's socket", async () => {
    const owner = await newParty(server);
    const tab = await browserSocket(server, owner.client);
    await server.client().post("/api/auth/password-reset", { email: owner.email });
    const token = await resetLink(owner.email);
    const res = await server
      .client()
      .post("/api/auth/password-reset/confirm", { token, password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expect(await tab.closed).toBe(4001);
  });

  it("suspending a user closes their browser and token sockets", async () => {
    const admin = await newParty(server, "admin");
    const user = await newParty(server);
    const created = await user.client.post("/api/auth/tokens", { name: "bot" });
    const tab = await browserSocket(server, user.client);
    const script = await openSocket(wsUrl(server, `?token=${created.body.token}`));
    expect(
      (
        await admin.client.post(`/api/admin/users/${user.id}/suspend`, {
          reason: "Scam reports",
          rule: "fraud",
        })
      ).status,
    ).toBe(200);
    expect(await tab.closed).toBe(4001);
    expect(await script.closed).toBe(4001);
  });
});

describe("access tokens", () => {
  it("cannot create tokens, whatever their scopes, so none outlives its parent's revocation", async () => {
    const admin = await newParty(server, "admin");
    const parent = await admin.client.post("/api/auth/tokens", {
      name: "everything",
      scopes: ["read", "write", "admin"],
    });
    expect(parent.status).toBe(201);
    expect(parent.body.scopes).toEqual(["admin", "read", "write"]);
    const bot = withToken(parent.body.token);
    for (const scopes of [undefined, ["read"], ["read", "write", "admin"]]) {
      expectProblem(
        await bot.post("/api/auth/tokens", { name: "child", ...(scopes ? { scopes } : {}) }),
        403,
        "insufficient_scope",
      );
    }
    const listed = await admin.client.get("/api/auth/tokens");
    expect(listed.body.data.map((t: { name: string }) => t.name)).toEqual(["everything"]);

    expect((await admin.client.delete(`/api/auth/tokens/${parent.body.id}`)).status).toBe(204);
    expectProblem(await bot.get("/api/me"), 401, "unauthenticated");
  });

  it("cannot change how the account signs in: password, two-factor, passkeys, sessions, deletion", async () => {
    const owner = await newParty(server);
    const created = await owner.client.post("/api/auth/tokens", { name: "rw" });
    const bot = withToken(created.body.token);
    const sessions = await owner.client.get("/api/me/sessions");
    const sessionId: string = sessions.body.data[0].id;
    const attempts: [string, string, unknown?][] = [
      ["PUT", "/api/me/password", { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }],
      ["POST", "/api/me/two-factor"],
      ["POST", "/api/me/two-factor/confirm", { code: "123456" }],
      ["DELETE", "/api/me/two-factor", { code: "123456" }],
      ["POST", "/api/me/passkeys/options"],
      ["DELETE", "/api/me/passkeys/pk_1"],
      ["DELETE", `/api/me/sessions/${sessionId}`],
      ["DELETE", "/api/me", { password: PASSWORD }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await bot.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.code, `${method} ${path}`).toBe("insufficient_scope");
    }
    // Nothing changed: the old password still signs in, the session lives, no two-factor.
    expect((await login(owner.email, PASSWORD)).status).toBe(200);
    expect((await owner.client.get("/api/me")).body.twoFactor).toBeFalsy();
    // What the token is for still works.
    expect((await bot.get("/api/me")).status).toBe(200);
    expect((await bot.post("/api/notifications/read", { all: true })).status).toBe(200);
  });

  it("a write token is no admin token, even for an admin", async () => {
    const admin = await newParty(server, "admin");
    const created = await admin.client.post("/api/auth/tokens", { name: "rw", scopes: ["read", "write"] });
    expectProblem(
      await withToken(created.body.token).get("/api/admin/ledger/check"),
      403,
      "insufficient_scope",
    );
    const reader = await admin.client.post("/api/auth/tokens", { name: "r", scopes: ["read"] });
    expectProblem(
      await withToken(reader.body.token).post("/api/notifications/read", { all: true }),
      403,
      "insufficient_scope",
    );
  });
});

describe("private responses are not cached", () => {
  it("answers no-store for the caller's own data, by cookie or token, errors included", async () => {
    const c = await newCast(server);
    const order = await orderIn(c, "in_progress");
    const conversationId = await conversationBetween(c.buyer, c.seller);
    await send(c.buyer, conversationId, "Hello there");
    const created = await c.buyer.client.post("/api/auth/tokens", { name: "ro", scopes: ["read"] });
    const bot = withToken(created.body.token);
    const paths = [
      "/api/me",
      "/api/wallet",
      "/api/orders",
      `/api/orders/${order.id}`,
      "/api/conversations",
      `/api/conversations/${conversationId}/messages`,
      "/api/notifications",
      "/api/notifications/preferences",
      "/api/me/sessions",
      "/api/auth/tokens",
      "/api/me/export",
    ];
    for (const path of paths) {
      for (const [how, client] of [
        ["cookie", c.buyer.client],
        ["token", bot],
      ] as const) {
        const res = await client.get(path);
        expect(res.status, `${how} ${path}`).toBe(200);
        expect(res.headers.get("cache-control"), `${how} ${path}`).toBe("no-store");
      }
    }
    const denied = await c.stranger.client.get(`/api/orders/${order.id}`);
    expect(denied.status).toBe(404);
    expect(denied.headers.get("cache-control")).toBe("no-store");
    // Public answers keep their own policy.
    const pub = await server.client().get(`/api/gigs/${c.gigId}`);
    expect(pub.status).toBe(200);
    expect(pub.headers.get("cache-control")).not.toBe("no-store");
  });
});

describe("malformed multipart uploads", () => {
  const boundary = "----hardening-boundary";
  const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
  const png = "\x89PNG\r\n\x1a\nnot really a png";
  const typed = `multipart/form-data; boundary=${boundary}`;
  const cases: [string, string, string][] = [
    ["no boundary", "multipart/form-data", `${part}${png}\r\n--${boundary}--\r\n`],
    ["a body cut before the closing boundary", typed, `${part}${png}\r\n`],
    ["a body cut inside the file", typed, `${part}${png.slice(0, 6)}`],
    ["a body cut inside the part's headers", typed, part.slice(0, 40)],
    ["a boundary the body never uses", typed, "just some bytes, no parts at all"],
    ["an empty body", typed, ""],
    ["an absurdly long boundary", `multipart/form-data; boundary=${"b".repeat(300)}`, `${part}${png}`],
  ];

  for (const [name, contentType, body] of cases) {
    it(`answers 400 problem+json, never 500, to ${name}`, async () => {
      const owner = await newParty(server);
      const created = await owner.client.post("/api/auth/tokens", { name: "upload" });
      const res = await fetch(`${server.url}/api/files`, {
        method: "POST",
        headers: { authorization: `Bearer ${created.body.token}`, "content-type": contentType },
        body: Buffer.from(body, "latin1"),
      });
      const problem = (await res.json()) as { status: number; code: string };
      expect(res.status, JSON.stringify(problem)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(problem.status).toBe(400);
      // An empty body is a well-formed form without the file field.
      expect(problem.code).toBe(body === "" ? "validation_failed" : "malformed_multipart");
    });
  }
});
