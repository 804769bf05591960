import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode } from "../../src/modules/identity/identity.totp";
import { unique, type ApiClient, type ApiResponse } from "../client";
import { startTestServer, type TestServer } from "../harness";
import { browserSocket, openSocket, wsUrl } from "../messaging/messaging.helpers";
import { expectLedgerBalanced, longSessions, newCast, newParty, orderIn } from "../orders/orders.helpers";

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "violet kettle mountain drum";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(longSessions);
});
afterAll(() => server.close());

function expectProblem(res: ApiResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body.code).toBe(code);
}

async function advance(seconds: number) {
  const res = await server.client().post("/api/test/clock", { advanceSeconds: seconds });
  expect(res.status).toBe(200);
}

async function mailbox(to: string): Promise<{ to: string; subject: string; text: string }[]> {
  const res = await server.client().get(`/api/test/mailbox?to=${encodeURIComponent(to)}`);
  expect(res.status).toBe(200);
  return res.body.data;
}

/** The token in the newest e-mail to `to` whose subject contains `subject`. */
async function tokenFrom(to: string, subject: string): Promise<string> {
  const mail = (await mailbox(to)).find((m) => m.subject.includes(subject));
  expect(mail, `an e-mail "${subject}" to ${to}`).toBeDefined();
  const match = /token=([A-Za-z0-9_-]+)/.exec(mail!.text);
  expect(match).not.toBeNull();
  return match![1]!;
}

const login = (email: string, password: string, code?: string, client = server.client()) =>
  client.post("/api/auth/login", { email, password, ...(code ? { code } : {}) });

const now = () => server.deps.clock.now();
const codeAt = (secret: string, offsetSteps = 0) =>
  totpCode(secret, new Date(now().getTime() + offsetSteps * 30_000));

describe("weak passwords", () => {
  it("refuses common or guessable passwords at signup with 400 weak_password, accepts a long phrase", async () => {
    for (const password of ["password1234", "1234567890", "qwertyuiop12", "iloveyou2026"]) {
      const username = unique("weak");
      const res = await server
        .client()
        .post("/api/auth/signup", { email: `${username}@example.test`, username, password });
      expectProblem(res, 400, "weak_password");
      expect(res.body.errors).toEqual([{ path: "password", message: "is too easy to guess" }]);
    }
    // A password built from the person's own username is weak too.
    const username = unique("selfie");
    const own = await server
      .client()
      .post("/api/auth/signup", { email: `${username}@example.test`, username, password: `${username}2026` });
    expectProblem(own, 400, "weak_password");
    // 9 characters is too short whatever it is (validation), 10 good ones are fine.
    const short = await server
      .client()
      .post("/api/auth/signup", { email: `${username}@example.test`, username, password: "Kx8#qP2!z" });
    expectProblem(short, 400, "validation_failed");
    const ok = await server
      .client()
      .post("/api/auth/signup", { email: `${username}@example.test`, username, password: "Kx8#qP2!zW" });
    expect(ok.status).toBe(201);
  });
});

describe("e-mail verification", () => {
  it("sends a link at signup; the token works once; /api/me says so", async () => {
    const client = server.client();
    const user = await client.signup();
    expect((await client.get("/api/me")).body.emailVerified).toBe(false);
    const token = await tokenFrom(user.email, "Confirm your e-mail");
    expect((await server.client().post("/api/auth/verify-email", { token })).status).toBe(200);
    expect((await client.get("/api/me")).body.emailVerified).toBe(true);
    expectProblem(await server.client().post("/api/auth/verify-email", { token }), 400, "invalid_token");
    expectProblem(
      await server.client().post("/api/auth/verify-email", { token: "nope" }),
      400,
      "invalid_token",
    );
  });

  it("expires after 48 hours (works 10 s before 48 h, not after)", async () => {
    const a = await server.client().signup();
    const b = await server.client().signup();
    const tokenA = await tokenFrom(a.email, "Confirm your e-mail");
    const tokenB = await tokenFrom(b.email, "Confirm your e-mail");
    await advance(48 * 3600 - 10);
    expect((await server.client().post("/api/auth/verify-email", { token: tokenA })).status).toBe(200);
    await advance(10);
    expectProblem(
      await server.client().post("/api/auth/verify-email", { token: tokenB }),
      400,
      "invalid_token",
    );
  });

  it("a resent link replaces the earlier one", async () => {
    const client = server.client();
    const user = await client.signup();
    const first = await tokenFrom(user.email, "Confirm your e-mail");
    expect((await client.post("/api/me/verify-email/resend")).status).toBe(202);
    const second = await tokenFrom(user.email, "Confirm your e-mail");
    expect(second).not.toBe(first);
    expectProblem(
      await server.client().post("/api/auth/verify-email", { token: first }),
      400,
      "invalid_token",
    );
    expect((await server.client().post("/api/auth/verify-email", { token: second })).status).toBe(200);
  });
});

describe("password reset", () => {
  it("answers the same status and body for known and unknown e-mails; only a known one gets mail", async () => {
    const user = await server.client().signup();
    const stranger = `${unique("nobody")}@example.test`;
    const known = await server.client().post("/api/auth/password-reset", { email: user.email });
    const unknown = await server.client().post("/api/auth/password-reset", { email: stranger });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(unknown.headers.get("content-type")).toBe(known.headers.get("content-type"));
    expect(await mailbox(stranger)).toEqual([]);
    expect((await mailbox(user.email)).some((m) => m.subject === "Choose a new password")).toBe(true);
  });

  it("sets the new password, ends every session, and the link works once", async () => {
    const client = server.client();
    const user = await client.signup();
    const other = server.client();
    expect((await login(user.email, PASSWORD, undefined, other)).status).toBe(200);
    await server.client().post("/api/auth/password-reset", { email: user.email });
    const token = await tokenFrom(user.email, "Choose a new password");
    const res = await server
      .client()
      .post("/api/auth/password-reset/confirm", { token, password: NEW_PASSWORD });
    expect(res.status).toBe(200);
    expectProblem(await client.get("/api/me"), 401, "unauthenticated");
    expectProblem(await other.get("/api/me"), 401, "unauthenticated");
    expectProblem(await login(user.email, PASSWORD), 401, "invalid_credentials");
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
    const again = await server
      .client()
      .post("/api/auth/password-reset/confirm", { token, password: "another fine long phrase" });
    expectProblem(again, 400, "invalid_token");
  });

  it("refuses a weak new password without using up the link", async () => {
    const user = await server.client().signup();
    await server.client().post("/api/auth/password-reset", { email: user.email });
    const token = await tokenFrom(user.email, "Choose a new password");
    const weak = await server
      .client()
      .post("/api/auth/password-reset/confirm", { token, password: "password1234" });
    expectProblem(weak, 400, "weak_password");
    const ok = await server
      .client()
      .post("/api/auth/password-reset/confirm", { token, password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
  });

  it("expires after one hour; a newer link replaces an older one", async () => {
    const a = await server.client().signup();
    const b = await server.client().signup();
    await server.client().post("/api/auth/password-reset", { email: a.email });
    await server.client().post("/api/auth/password-reset", { email: b.email });
    const tokenA = await tokenFrom(a.email, "Choose a new password");
    const tokenB = await tokenFrom(b.email, "Choose a new password");
    await advance(3600 - 10);
    const inTime = await server
      .client()
      .post("/api/auth/password-reset/confirm", { token: tokenA, password: NEW_PASSWORD });
    expect(inTime.status).toBe(200);
    await advance(10);
    const late = await server
      .client()
      .post("/api/auth/password-reset/confirm", { token: tokenB, password: NEW_PASSWORD });
    expectProblem(late, 400, "invalid_token");

    await server.client().post("/api/auth/password-reset", { email: b.email });
    const first = await tokenFrom(b.email, "Choose a new password");
    await server.client().post("/api/auth/password-reset", { email: b.email });
    const second = await tokenFrom(b.email, "Choose a new password");
    const old = await server
      .client()
      .post("/api/auth/password-reset/confirm", { token: first, password: NEW_PASSWORD });
    expectProblem(old, 400, "invalid_token");
    const fresh = await server
      .client()
      .post("/api/auth/password-reset/confirm", { token: second, password: NEW_PASSWORD });
    expect(fresh.status).toBe(200);
  });
});

describe("password change", () => {
  it("needs the current password, refuses weak ones, and ends the other sessions only", async () => {
    const client = server.client();
    const user = await client.signup();
    const other = server.client();
    await login(user.email, PASSWORD, undefined, other);
    expectProblem(
      await client.put("/api/me/password", { currentPassword: "not it at all", newPassword: NEW_PASSWORD }),
      400,
      "wrong_password",
    );
    expectProblem(
      await client.put("/api/me/password", { currentPassword: PASSWORD, newPassword: "password1234" }),
      400,
      "weak_password",
    );
    const res = await client.put("/api/me/password", {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect((await client.get("/api/me")).status).toBe(200);
    expectProblem(await other.get("/api/me"), 401, "unauthenticated");
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
  });
});

async function enrol(client: ApiClient): Promise<{ secret: string; recoveryCodes: string[] }> {
  const begin = await client.post("/api/me/two-factor");
  expect(begin.status).toBe(201);
  const secret = begin.body.secret as string;
  expect(begin.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+secret=/);
  expect(begin.body.otpauthUrl).toContain("algorithm=SHA1&digits=6&period=30");
  const confirm = await client.post("/api/me/two-factor/confirm", { code: codeAt(secret) });
  expect(confirm.status).toBe(200);
  return { secret, recoveryCodes: confirm.body.recoveryCodes };
}

describe("two-factor (TOTP)", () => {
  it("enrols with a code, then login needs a code; each code is accepted once", async () => {
    const client = server.client();
    const user = await client.signup();
    const begin = await client.post("/api/me/two-factor");
    expectProblem(await client.post("/api/me/two-factor/confirm", { code: "000000" }), 400, "invalid_code");
    const secret = begin.body.secret as string;
    const confirmed = await client.post("/api/me/two-factor/confirm", { code: codeAt(secret) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    expect((await client.get("/api/me")).body.twoFactorEnabled).toBe(true);
    expectProblem(await client.post("/api/me/two-factor"), 409, "two_factor_already_enabled");

    expectProblem(await login(user.email, PASSWORD), 401, "two_factor_required");
    expectProblem(await login(user.email, PASSWORD, "123456"), 401, "two_factor_required");
    // The enrolment code's step is used: the same code does not sign in.
    expectProblem(await login(user.email, PASSWORD, codeAt(secret)), 401, "two_factor_required");
    // A wrong password with a right code is still the plain 401.
    await advance(30);
    expectProblem(await login(user.email, "not the password", codeAt(secret)), 401, "invalid_credentials");
    const code = codeAt(secret);
    expect((await login(user.email, PASSWORD, code)).status).toBe(200);
    expectProblem(await login(user.email, PASSWORD, code), 401, "two_factor_required");
  });

  it("accepts one step of clock skew either way, not two, and never an older step than the last used", async () => {
    const client = server.client();
    const user = await client.signup();
    const { secret } = await enrol(client);
    await advance(120); // four steps later
    expectProblem(await login(user.email, PASSWORD, codeAt(secret, -2)), 401, "two_factor_required");
    expectProblem(await login(user.email, PASSWORD, codeAt(secret, 2)), 401, "two_factor_required");
    expect((await login(user.email, PASSWORD, codeAt(secret, -1))).status).toBe(200);
    // The next step (+1) is still ahead of the last used one.
    expect((await login(user.email, PASSWORD, codeAt(secret, 1))).status).toBe(200);
    // The current step is now behind the last used (+1): refused.
    expectProblem(await login(user.email, PASSWORD, codeAt(secret, 0)), 401, "two_factor_required");
  });

  it("signs in with each recovery code once; turns off with a code", async () => {
    const client = server.client();
    const user = await client.signup();
    const { secret, recoveryCodes } = await enrol(client);
    const [first, second] = recoveryCodes;
    expect((await login(user.email, PASSWORD, first)).status).toBe(200);
    expectProblem(await login(user.email, PASSWORD, first), 401, "two_factor_required");
    // Case and dash do not matter.
    expect((await login(user.email, PASSWORD, second!.toUpperCase().replace("-", ""))).status).toBe(200);

    await advance(30);
    expectProblem(
      await client.delete("/api/me/two-factor", { "content-type": "application/json" }),
      400,
      "validation_failed",
    );
    const off = await client.request("DELETE", "/api/me/two-factor", { code: codeAt(secret) });
    expect(off.status).toBe(204);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
    const again = await client.request("DELETE", "/api/me/two-factor", { code: codeAt(secret) });
    expectProblem(again, 409, "two_factor_not_enabled");
  });
});

describe("where you are signed in", () => {
  it("lists live sessions with the current one marked; revoking one ends it; others' ids are 404", async () => {
    const client = server.client();
    const user = await client.signup();
    const phone = server.client();
    await login(user.email, PASSWORD, undefined, phone);
    const list = await client.get("/api/me/sessions");
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.data.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toMatch(/token/i);
    const other = list.body.data.find((s: { current: boolean }) => !s.current);
    const stranger = server.client();
    await stranger.signup();
    expectProblem(await stranger.delete(`/api/me/sessions/${other.id}`), 404, "not_found");
    expect((await client.delete(`/api/me/sessions/${other.id}`)).status).toBe(204);
    expectProblem(await phone.get("/api/me"), 401, "unauthenticated");
    expect((await client.get("/api/me/sessions")).body.data).toHaveLength(1);
  });

  it("closes the socket of a session at once when it signs out or is revoked, and a token's when revoked", async () => {
    const owner = await newParty(server);
    const tab = await browserSocket(server, owner.client);
    await tab.next("hello");
    const laptop = server.client();
    await login(owner.email, PASSWORD, undefined, laptop);
    const laptopTab = await browserSocket(server, laptop);
    await laptopTab.next("hello");
    const created = await owner.client.post("/api/auth/tokens", { name: "socket" });
    const script = await openSocket(wsUrl(server, `?token=${created.body.token}`));
    await script.next("hello");

    const started = Date.now();
    expect((await laptop.post("/api/auth/logout")).status).toBe(204);
    expect(await laptopTab.closed).toBe(4001);
    expect((await owner.client.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(204);
    expect(await script.closed).toBe(4001);
    const sessions = await owner.client.get("/api/me/sessions");
    const current = sessions.body.data.find((s: { current: boolean }) => s.current);
    const other = server.client();
    await login(owner.email, PASSWORD, undefined, other);
    const otherTab = await browserSocket(server, other);
    await otherTab.next("hello");
    const otherId = (await owner.client.get("/api/me/sessions")).body.data.find(
      (s: { id: string }) => s.id !== current.id,
    ).id;
    expect((await owner.client.delete(`/api/me/sessions/${otherId}`)).status).toBe(204);
    expect(await otherTab.closed).toBe(4001);
    // Well before the periodic recheck (5 minutes by default).
    expect(Date.now() - started).toBeLessThan(20_000);
    // The owner's own tab stays open.
    tab.close();
  });
});

describe("access token scopes", () => {
  it("a token cannot create tokens; read-only tokens cannot change anything; admin scope is for admins", async () => {
    const owner = await newParty(server);
    const readOnly = await owner.client.post("/api/auth/tokens", { name: "ro", scopes: ["read"] });
    expect(readOnly.body.scopes).toEqual(["read"]);
    const full = await owner.client.post("/api/auth/tokens", { name: "rw" });
    expect(full.body.scopes).toEqual(["read", "write"]);
    const script = server.client();
    script.bearer = full.body.token;
    expectProblem(await script.post("/api/auth/tokens", { name: "child" }), 403, "insufficient_scope");
    const reader = server.client();
    reader.bearer = readOnly.body.token;
    expect((await reader.get("/api/me")).status).toBe(200);
    expectProblem(await reader.post("/api/me/two-factor"), 403, "insufficient_scope");
    expectProblem(
      await owner.client.post("/api/auth/tokens", { name: "adm", scopes: ["admin"] }),
      403,
      "insufficient_scope",
    );

    const admin = await newParty(server, "admin");
    const noAdmin = await admin.client.post("/api/auth/tokens", { name: "plain" });
    const withAdmin = await admin.client.post("/api/auth/tokens", { name: "ops", scopes: ["read", "admin"] });
    const plain = server.client();
    plain.bearer = noAdmin.body.token;
    expectProblem(await plain.get("/api/admin/ledger/check"), 403, "insufficient_scope");
    const ops = server.client();
    ops.bearer = withAdmin.body.token;
    expect((await ops.get("/api/admin/ledger/check")).status).toBe(200);
  });
});

describe("private responses and CSRF", () => {
  it("marks authenticated answers no-store, leaves public ones alone", async () => {
    const c = await newCast(server);
    for (const path of ["/api/me", "/api/wallet", "/api/orders", "/api/me/sessions"]) {
      const res = await c.buyer.client.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
    const pub = await server.client().get("/api/categories");
    expect(pub.headers.get("cache-control")).not.toBe("no-store");
  });

  it("binds the CSRF token to the session: another session's token is refused", async () => {
    const a = server.client();
    await a.signup();
    const b = server.client();
    await b.signup();
    const bToken = b.cookies.get("atelier_csrf")!;
    // A planted csrf cookie matching the header does not help either.
    a.cookies.set("atelier_csrf", bToken);
    expectProblem(await a.post("/api/me/two-factor"), 403, "csrf_failed");
    expect((await b.post("/api/me/two-factor")).status).toBe(201);
  });
});

describe("export and deletion", () => {
  it("exports the caller's own data without secrets", async () => {
    const c = await newCast(server);
    const order = await orderIn(c, "in_progress");
    const res = await c.buyer.client.get("/api/me/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    expect(res.body.profile.id).toBe(c.buyer.id);
    expect(res.body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect(res.body.ledgerLines.length).toBeGreaterThanOrEqual(0);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain("password_hash");
    expect(text).not.toContain("token_hash");
    expect(text).not.toContain(c.seller.email);
    const sellerExport = await c.seller.client.get("/api/me/export");
    expect(sellerExport.body.gigs.map((g: { id: string }) => g.id)).toEqual([c.gigId]);
  });

  it("refuses while orders are open (409), then deletes: no sign-in, public traces anonymised, ledger balanced", async () => {
    const c = await newCast(server);
    const order = await orderIn(c, "delivered");
    expectProblem(
      await c.seller.client.request("DELETE", "/api/me", { password: PASSWORD }),
      409,
      "open_orders",
    );
    expectProblem(
      await c.buyer.client.request("DELETE", "/api/me", { password: PASSWORD }),
      409,
      "open_orders",
    );
    expectProblem(
      await c.buyer.client.request("DELETE", "/api/me", { password: "wrong one" }),
      400,
      "wrong_password",
    );
    await c.buyer.client.post(`/api/orders/${order.id}/accept`);
    expect((await c.buyer.client.get(`/api/orders/${order.id}`)).body.status).toBe("completed");
    const ledgerBefore = await c.admin.client.get("/api/admin/ledger/check");

    const del = await c.seller.client.request("DELETE", "/api/me", { password: PASSWORD });
    expect(del.status).toBe(204);
    expectProblem(await c.seller.client.get("/api/me"), 401, "unauthenticated");
    expectProblem(await login(c.seller.email, PASSWORD), 401, "invalid_credentials");
    expectProblem(await server.client().get(`/api/users/${c.seller.username}`), 404, "not_found");
    expectProblem(await server.client().get(`/api/gigs/${c.gigId}`), 404, "not_found");
    // The buyer's order still names the other side, anonymised.
    const seen = await c.buyer.client.get(`/api/orders/${order.id}`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain(c.seller.username);
    expect(JSON.stringify(seen.body)).toContain("Deleted user");
    // Money records are untouched and the ledger still balances.
    const ledgerAfter = await c.admin.client.get("/api/admin/ledger/check");
    expect(ledgerAfter.body.entries).toBe(ledgerBefore.body.entries);
    await expectLedgerBalanced(c.admin);
    // The e-mail is free again for a new account.
    const again = server.client();
    expect(
      (
        await again.post("/api/auth/signup", {
          email: c.seller.email,
          username: unique("again"),
          password: PASSWORD,
        })
      ).status,
    ).toBe(201);
  });
});
