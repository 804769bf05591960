import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, unique, type ApiResponse } from "../client";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const PROBLEM_KEYS = ["code", "detail", "errors", "status", "title", "type"];

/** Every error is problem+json with only the documented keys: no stack, no internals. */
function expectProblem(res: ApiResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body).toMatchObject({
    type: `/api/docs/errors#${code}`,
    status,
    code,
    title: expect.any(String),
  });
  for (const key of Object.keys(res.body)) expect(PROBLEM_KEYS).toContain(key);
  expect(JSON.stringify(res.body)).not.toMatch(/ at .*\.(ts|js):\d+/);
}

function setCookie(res: ApiResponse, name: string): string {
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  expect(line, `Set-Cookie ${name}`).toBeDefined();
  return line!;
}

const userCount = async (where: string, params: unknown[]) =>
  (
    await server.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE ${where}`, params)
  )[0]!.n;

function signupBody(overrides: Record<string, unknown> = {}) {
  const username = unique("sign");
  return { email: `${username}@example.test`, username, password: "correct horse battery", ...overrides };
}

const SELLER_PROFILE = {
  headline: "I design things people remember",
  bio: "Designer with ten years of practice in branding and illustration for small businesses.",
  skills: ["logo design", "branding"],
  languages: ["English", "German"],
  country: "DE",
};

describe("POST /api/auth/signup", () => {
  it("creates a member, signs them in and sets the session and CSRF cookies", async () => {
    const client = server.client();
    const body = signupBody({ displayName: "Ada Lovelace" });
    const res = await client.post("/api/auth/signup", body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: {
        id: expect.stringMatching(/^usr_[0-9a-z]{26}$/),
        username: body.username,
        displayName: "Ada Lovelace",
        email: body.email,
        roles: ["member"],
        isSeller: false,
        sellerLevel: null,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        emailVerified: false,
        twoFactorEnabled: false,
      },
    });

    const session = setCookie(res, "atelier_session");
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(session).toMatch(/; Path=\//i);
    expect(session).not.toMatch(/; Secure/i); // plain HTTP here; Secure behind HTTPS
    const csrf = setCookie(res, "atelier_csrf");
    expect(csrf).not.toMatch(/HttpOnly/i); // the web app reads it
    expect(csrf).toMatch(/; SameSite=Lax/i);
    expect(client.cookies.get("atelier_session")).not.toBe(client.cookies.get("atelier_csrf"));

    const me = await client.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body.user);
  });

  it("stores only a hash of the password and of the session token", async () => {
    const client = server.client();
    const user = await client.signup({ password: "a very secret phrase" });
    const [row] = await server.deps.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE id = $1",
      [user.id],
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    const token = client.cookies.get("atelier_session")!;
    const sessions = await server.deps.db.query<{ token_hash: string }>(
      "SELECT token_hash FROM sessions WHERE user_id = $1",
      [user.id],
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.token_hash).not.toContain(token);
  });

  it("defaults the display name to the username", async () => {
    const res = await server.client().post("/api/auth/signup", signupBody());
    expect(res.status).toBe(201);
    expect(res.body.user.displayName).toBe(res.body.user.username);
  });

  it("refuses a password under 10 characters, naming the field", async () => {
    const res = await server.client().post("/api/auth/signup", signupBody({ password: "123456789" }));
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors).toEqual([{ path: "password", message: expect.any(String) }]);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it.each([
    { label: "upper case", username: "Alice_1" },
    { label: "2 characters", username: "ab" },
    { label: "31 characters", username: "a".repeat(31) },
    { label: "a hyphen", username: "ada-lovelace" },
    { label: "a space", username: "ada lovelace" },
    { label: "a non-ASCII letter", username: "adé" },
  ])("refuses a username with $label", async ({ username }) => {
    const res = await server.client().post("/api/auth/signup", signupBody({ username }));
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["username"]);
  });

  it("accepts usernames of 3 and 30 characters of [a-z0-9_]", async () => {
    const short = `a${unique("").slice(-2)}`.slice(0, 3);
    for (const username of [short, `u_9${unique("x")}`.padEnd(30, "0")]) {
      const res = await server
        .client()
        .post("/api/auth/signup", signupBody({ username, email: `${username}@example.test` }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });

  it.each(["not-an-email", "a@", "@example.test", "", "a b@example.test"])(
    "refuses the e-mail %j",
    async (email) => {
      const res = await server.client().post("/api/auth/signup", signupBody({ email }));
      expectProblem(res, 400, "validation_failed");
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["email"]);
    },
  );

  it("refuses missing fields, naming each", async () => {
    const res = await server.client().post("/api/auth/signup", {});
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "email",
      "password",
      "username",
    ]);
  });

  it("refuses a duplicate e-mail in any letter case with 409", async () => {
    const first = signupBody();
    expect((await server.client().post("/api/auth/signup", first)).status).toBe(201);
    const res = await server
      .client()
      .post("/api/auth/signup", signupBody({ email: first.email.toUpperCase() }));
    expectProblem(res, 409, "account_exists");
    expect(res.body.errors).toEqual([{ path: "email", message: expect.any(String) }]);
    expect(await userCount("lower(email) = lower($1)", [first.email])).toBe(1);
  });

  it("refuses a duplicate username with 409", async () => {
    const first = signupBody();
    expect((await server.client().post("/api/auth/signup", first)).status).toBe(201);
    const res = await server.client().post("/api/auth/signup", signupBody({ username: first.username }));
    expectProblem(res, 409, "account_exists");
    expect(res.body.errors).toEqual([{ path: "username", message: expect.any(String) }]);
  });

  it.each([
    { field: "role", json: '"role": "admin"' },
    { field: "roles", json: '"roles": ["member", "admin"]' },
    { field: "isSeller", json: '"isSeller": true' },
    { field: "sellerLevel", json: '"sellerLevel": "top_rated"' },
    { field: "__proto__", json: '"__proto__": {"roles": ["admin"]}' },
  ])("refuses the unknown field $field and creates nothing", async ({ field, json }) => {
    const body = signupBody();
    const raw = `${JSON.stringify(body).slice(0, -1)}, ${json}}`;
    const res = await server.client().post("/api/auth/signup", raw);
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors).toEqual([{ path: field, message: "unknown field" }]);
    expect(await userCount("username = $1", [body.username])).toBe(0);
  });

  it("answers malformed JSON with 400 malformed_json", async () => {
    const res = await server.client().post("/api/auth/signup", '{"email": "a@example.test",');
    expectProblem(res, 400, "malformed_json");
  });

  it("answers a body over 1 MiB with 413", async () => {
    const res = await server
      .client()
      .post("/api/auth/signup", signupBody({ displayName: "x".repeat(1024 * 1024) }));
    expectProblem(res, 413, "payload_too_large");
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "application/xml"])(
    "answers a %s body with 415",
    async (type) => {
      const body = signupBody();
      const res = await server
        .client()
        .post("/api/auth/signup", JSON.stringify(body), { "content-type": type });
      expectProblem(res, 415, "unsupported_media_type");
      expect(await userCount("username = $1", [body.username])).toBe(0);
    },
  );

  it("refuses text with a NUL character as invalid input, not a server error", async () => {
    const res = await server.client().post("/api/auth/signup", signupBody({ displayName: "Ada\u0000" }));
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors).toEqual([{ path: "displayName", message: "must not contain NUL characters" }]);
    const key = await server
      .client()
      .post("/api/auth/login", '{"email": "a@example.test", "pass\\u0000": "x"}');
    expectProblem(key, 400, "validation_failed");
    expect(key.body.errors).toEqual([{ path: "pass", message: "must not contain NUL characters" }]);
  });
});

describe("POST /api/auth/login", () => {
  it("signs in and rotates the session: the cookie held before no longer works", async () => {
    const client = server.client();
    const user = await client.signup({ password: "rotate me please" });
    const before = client.cookies.get("atelier_session")!;
    const beforeCsrf = client.cookies.get("atelier_csrf")!;

    const res = await client.post("/api/auth/login", { email: user.email, password: "rotate me please" });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, username: user.username, email: user.email });
    setCookie(res, "atelier_session");
    expect(client.cookies.get("atelier_session")).not.toBe(before);
    expect(client.cookies.get("atelier_csrf")).not.toBe(beforeCsrf);
    expect((await client.get("/api/me")).status).toBe(200);

    const stale = new ApiClient(server.url);
    stale.cookies.set("atelier_session", before);
    expectProblem(await stale.get("/api/me"), 401, "unauthenticated");
  });

  it("accepts the e-mail in any letter case and with surrounding spaces", async () => {
    const client = server.client();
    const user = await client.signup();
    const res = await server.client().post("/api/auth/login", {
      email: `  ${user.email.toUpperCase()} `,
      password: "correct horse battery",
    });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(user.id);
  });

  it("keeps other sessions of the same user alive", async () => {
    const laptop = server.client();
    const user = await laptop.signup();
    const phone = server.client();
    expect(
      (await phone.post("/api/auth/login", { email: user.email, password: "correct horse battery" })).status,
    ).toBe(200);
    expect((await laptop.get("/api/me")).status).toBe(200);
    expect((await phone.get("/api/me")).status).toBe(200);
  });

  it("gives a wrong password and an unknown e-mail the identical 401", async () => {
    const user = await server.client().signup();
    const wrongPassword = await server
      .client()
      .post("/api/auth/login", { email: user.email, password: "not the password" });
    const unknownEmail = await server.client().post("/api/auth/login", {
      email: `${unique("nobody")}@example.test`,
      password: "not the password",
    });
    expectProblem(wrongPassword, 401, "invalid_credentials");
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(unknownEmail.headers.get("content-type")).toBe(wrongPassword.headers.get("content-type"));
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it("tells a suspended user (right password) with 403 account_suspended, and ends their sessions", async () => {
    const client = server.client();
    const user = await client.signup();
    const token = server.client();
    token.bearer = (await client.post("/api/auth/tokens", { name: "cli" })).body.token;
    await server.deps.db.query("UPDATE users SET suspended_at = now() WHERE id = $1", [user.id]);
    const res = await server
      .client()
      .post("/api/auth/login", { email: user.email, password: "correct horse battery" });
    expectProblem(res, 403, "account_suspended");
    // A wrong password learns nothing about the suspension.
    const guess = await server
      .client()
      .post("/api/auth/login", { email: user.email, password: "not the password" });
    expectProblem(guess, 401, "invalid_credentials");
    expectProblem(await client.get("/api/me"), 401, "unauthenticated");
    expectProblem(await token.get("/api/me"), 401, "unauthenticated");
  });

  it("validates its body", async () => {
    const res = await server.client().post("/api/auth/login", { email: "a@example.test" });
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["password"]);
    const extra = await server
      .client()
      .post("/api/auth/login", { email: "a@example.test", password: "x", remember: true });
    expectProblem(extra, 400, "validation_failed");
  });
});

describe("POST /api/auth/logout", () => {
  it("answers 204, clears the cookies and revokes the session on the server", async () => {
    const client = server.client();
    await client.signup();
    const token = client.cookies.get("atelier_session")!;
    const res = await client.post("/api/auth/logout");
    expect(res.status).toBe(204);
    expect(client.cookies.has("atelier_session")).toBe(false);
    expect(client.cookies.has("atelier_csrf")).toBe(false);
    expectProblem(await client.get("/api/me"), 401, "unauthenticated");

    const replay = new ApiClient(server.url);
    replay.cookies.set("atelier_session", token);
    expectProblem(await replay.get("/api/me"), 401, "unauthenticated");
  });

  it("answers 401 when nobody is signed in", async () => {
    expectProblem(await server.client().post("/api/auth/logout"), 401, "unauthenticated");
  });
});

describe("CSRF", () => {
  it("refuses cookie-authenticated unsafe requests without the header or with a wrong one", async () => {
    const client = server.client();
    await client.signup();
    const csrf = client.cookies.get("atelier_csrf")!;
    client.csrf = false;
    expectProblem(await client.post("/api/auth/tokens", { name: "x" }), 403, "csrf_failed");
    expectProblem(await client.put("/api/me/seller-profile", SELLER_PROFILE), 403, "csrf_failed");
    expectProblem(await client.delete("/api/auth/tokens/pat_x"), 403, "csrf_failed");
    expectProblem(await client.post("/api/auth/logout"), 403, "csrf_failed");
    const wrong = { "x-csrf-token": `${csrf}x` };
    expectProblem(await client.post("/api/auth/tokens", { name: "x" }, wrong), 403, "csrf_failed");
    expectProblem(await client.put("/api/me/seller-profile", SELLER_PROFILE, wrong), 403, "csrf_failed");
    expectProblem(await client.delete("/api/auth/tokens/pat_x", wrong), 403, "csrf_failed");
    expectProblem(
      await client.post("/api/auth/tokens", { name: "x" }, { "x-csrf-token": "" }),
      403,
      "csrf_failed",
    );
    // Nothing happened: still signed in, no token, not a seller.
    client.csrf = true;
    const me = await client.get("/api/me");
    expect(me.body.isSeller).toBe(false);
    expect((await client.get("/api/auth/tokens")).body.data).toEqual([]);
  });

  it("lets safe requests through without the header", async () => {
    const client = server.client();
    await client.signup();
    client.csrf = false;
    expect((await client.get("/api/me")).status).toBe(200);
  });

  it("is not needed with a bearer token", async () => {
    const owner = server.client();
    await owner.signup();
    const created = await owner.post("/api/auth/tokens", { name: "script" });
    const script = server.client();
    script.bearer = created.body.token;
    const res = await script.put("/api/me/seller-profile", SELLER_PROFILE);
    expect(res.status).toBe(200);
  });
});

describe("GET /api/me", () => {
  it("answers 401 when signed out", async () => {
    expectProblem(await server.client().get("/api/me"), 401, "unauthenticated");
  });

  it("answers 401 to a made-up session cookie", async () => {
    const client = new ApiClient(server.url);
    client.cookies.set("atelier_session", "made-up");
    expectProblem(await client.get("/api/me"), 401, "unauthenticated");
  });
});

describe("personal access tokens", () => {
  it("are shown once, work as bearer tokens, are listed without the secret, and can be revoked", async () => {
    const owner = server.client();
    const user = await owner.signup();
    const created = await owner.post("/api/auth/tokens", { name: "deploy script" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^pat_/),
      name: "deploy script",
      token: expect.stringMatching(/^atl_pat_[A-Za-z0-9_-]{43}$/),
      scopes: ["read", "write"],
      createdAt: expect.any(String),
    });

    const script = server.client();
    script.bearer = created.body.token;
    const me = await script.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);

    const list = await owner.get("/api/auth/tokens");
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      data: [
        {
          id: created.body.id,
          name: "deploy script",
          scopes: ["read", "write"],
          createdAt: created.body.createdAt,
          lastUsedAt: expect.any(String),
        },
      ],
    });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    expect((await owner.delete(`/api/auth/tokens/${created.body.id}`)).status).toBe(204);
    expectProblem(await script.get("/api/me"), 401, "unauthenticated");
    expect((await owner.get("/api/auth/tokens")).body.data).toEqual([]);
    expectProblem(await owner.delete(`/api/auth/tokens/${created.body.id}`), 404, "not_found");
  });

  it("cannot be revoked by another user: 404, and the token keeps working", async () => {
    const owner = server.client();
    await owner.signup();
    const created = await owner.post("/api/auth/tokens", { name: "mine" });
    const stranger = server.client();
    await stranger.signup();
    expectProblem(await stranger.delete(`/api/auth/tokens/${created.body.id}`), 404, "not_found");
    expect((await stranger.get("/api/auth/tokens")).body.data).toEqual([]);
    const script = server.client();
    script.bearer = created.body.token;
    expect((await script.get("/api/me")).status).toBe(200);
  });

  it("refuse an invalid bearer token with 401 even where no sign-in is needed", async () => {
    for (const bearer of ["atl_pat_not-a-real-token", "garbage"]) {
      const client = server.client();
      client.bearer = bearer;
      expectProblem(await client.get("/api/me"), 401, "unauthenticated");
      expectProblem(await client.get("/api/health"), 401, "unauthenticated");
    }
  });

  it("need a signed-in user and a name", async () => {
    expectProblem(await server.client().post("/api/auth/tokens", { name: "x" }), 401, "unauthenticated");
    expectProblem(await server.client().get("/api/auth/tokens"), 401, "unauthenticated");
    const client = server.client();
    await client.signup();
    const res = await client.post("/api/auth/tokens", { name: "   " });
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors[0].path).toBe("name");
    expectProblem(
      await client.post("/api/auth/tokens", { name: "x", scopes: ["all"] }),
      400,
      "validation_failed",
    );
  });
});

describe("PUT /api/me/seller-profile", () => {
  it("makes the user a seller at level New and can be saved again", async () => {
    const client = server.client();
    const user = await client.signup();
    const res = await client.put("/api/me/seller-profile", SELLER_PROFILE);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, isSeller: true, sellerLevel: "new" });
    expect(res.body.profile).toEqual(SELLER_PROFILE);
    const me = await client.get("/api/me");
    expect(me.body).toMatchObject({ isSeller: true, sellerLevel: "new", roles: ["member"] });

    const again = await client.put("/api/me/seller-profile", {
      ...SELLER_PROFILE,
      headline: "Now with motion design",
    });
    expect(again.status).toBe(200);
    expect(again.body.user.sellerLevel).toBe("new");
    const profile = await server.client().get(`/api/users/${user.username}`);
    expect(profile.body.headline).toBe("Now with motion design");
  });

  it.each([
    { field: "headline", value: "Hi" },
    { field: "bio", value: "Too short." },
    { field: "skills", value: [] },
    { field: "languages", value: [] },
    { field: "country", value: "Germany" },
    { field: "country", value: "de" },
  ])("refuses a bad $field", async ({ field, value }) => {
    const client = server.client();
    await client.signup();
    const res = await client.put("/api/me/seller-profile", { ...SELLER_PROFILE, [field]: value });
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors.map((e: { path: string }) => e.path.split(".")[0])).toEqual([field]);
    expect((await client.get("/api/me")).body.isSeller).toBe(false);
  });

  it("refuses unknown fields such as a self-assigned level", async () => {
    const client = server.client();
    await client.signup();
    const res = await client.put("/api/me/seller-profile", { ...SELLER_PROFILE, sellerLevel: "top_rated" });
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors).toEqual([{ path: "sellerLevel", message: expect.any(String) }]);
    expect((await client.get("/api/me")).body).toMatchObject({ isSeller: false, sellerLevel: null });
  });

  it("needs a signed-in user", async () => {
    expectProblem(
      await server.client().put("/api/me/seller-profile", SELLER_PROFILE),
      401,
      "unauthenticated",
    );
  });
});

describe("GET /api/users/:username", () => {
  it("shows a seller's public profile and nothing private", async () => {
    const client = server.client();
    const user = await client.signup({ displayName: "Grace H" });
    await client.put("/api/me/seller-profile", SELLER_PROFILE);
    const res = await server.client().get(`/api/users/${user.username}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      username: user.username,
      displayName: "Grace H",
      isSeller: true,
      sellerLevel: "new",
      headline: SELLER_PROFILE.headline,
      bio: SELLER_PROFILE.bio,
      skills: SELLER_PROFILE.skills,
      languages: SELLER_PROFILE.languages,
      country: "DE",
      rating: { average: null, count: 0 },
      memberSince: expect.stringMatching(/Z$/),
      responseTimeHours: null,
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(user.email);
    expect(text).not.toContain(user.id);
  });

  it("shows a buyer's profile with empty seller fields", async () => {
    const user = await server.client().signup();
    const res = await server.client().get(`/api/users/${user.username}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      isSeller: false,
      sellerLevel: null,
      headline: null,
      bio: null,
      skills: [],
    });
    expect(JSON.stringify(res.body)).not.toContain(user.email);
  });

  it("answers 404 for an unknown or suspended user", async () => {
    expectProblem(await server.client().get(`/api/users/${unique("ghost")}`), 404, "not_found");
    const user = await server.client().signup();
    await server.deps.db.query("UPDATE users SET suspended_at = now() WHERE id = $1", [user.id]);
    expectProblem(await server.client().get(`/api/users/${user.username}`), 404, "not_found");
  });

  it("answers 400, not a server error, for a name with a NUL character", async () => {
    const res = await server.client().get("/api/users/a%00b");
    expectProblem(res, 400, "bad_request");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
