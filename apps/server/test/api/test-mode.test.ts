import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiResponse } from "../client";
import { startTestServer, type TestServer } from "../harness";

const PROBLEM_KEYS = ["code", "detail", "errors", "status", "title", "type"];

function expectCleanProblem(res: ApiResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body).toMatchObject({ type: `/api/docs/errors#${code}`, status, code });
  for (const key of Object.keys(res.body)) expect(PROBLEM_KEYS).toContain(key);
}

describe("with test mode", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("POST /api/test/admins grants admin to an existing user", async () => {
    const client = server.client();
    const user = await client.signup();
    expect((await client.get("/api/me")).body.roles).toEqual(["member"]);
    const res = await server.client().post("/api/test/admins", { email: user.email.toUpperCase() });
    expect(res.status).toBe(204);
    expect((await client.get("/api/me")).body.roles).toEqual(["member", "admin"]);
  });

  it("POST /api/test/admins answers 404 for an unknown e-mail and validates its body", async () => {
    expectCleanProblem(
      await server.client().post("/api/test/admins", { email: "nobody@example.test" }),
      404,
      "not_found",
    );
    expectCleanProblem(
      await server.client().post("/api/test/admins", { email: "a@example.test", role: "admin" }),
      400,
      "validation_failed",
    );
  });

  it("POST /api/test/clock moves the server's time and returns the new now", async () => {
    const client = server.client();
    const before = Date.parse((await client.get("/api/test/clock")).body.now);
    const res = await client.post("/api/test/clock", { advanceSeconds: 7 * 24 * 3600 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ now: expect.stringMatching(/Z$/), jobsRun: expect.any(Number) });
    const after = Date.parse(res.body.now);
    expect(after - before).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
    expect(after - before).toBeLessThan(7 * 24 * 3600 * 1000 + 5000);
    // The rest of the server lives in the moved time.
    const user = await server.client().post("/api/auth/signup", {
      email: `clock${after}@example.test`,
      username: `clock${after}`,
      password: "correct horse battery",
    });
    expect(Date.parse(user.body.user.createdAt)).toBeGreaterThanOrEqual(after);
  });

  it("POST /api/test/clock refuses going back in time and unknown fields", async () => {
    expectCleanProblem(
      await server.client().post("/api/test/clock", { advanceSeconds: -60 }),
      400,
      "validation_failed",
    );
    expectCleanProblem(
      await server.client().post("/api/test/clock", { advanceSeconds: 1.5 }),
      400,
      "validation_failed",
    );
    expectCleanProblem(
      await server.client().post("/api/test/clock", { advanceSeconds: 1, to: "2030-01-01" }),
      400,
      "validation_failed",
    );
  });
});

describe("without test mode", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((c) => {
      c.testMode = false;
    });
  });
  afterAll(() => server.close());

  it("has no clock of its own to move", () => {
    expect(server.deps.testClock).toBeUndefined();
  });

  it("answers 404 on every test-mode path", async () => {
    const client = server.client();
    const user = await client.signup();
    expectCleanProblem(await client.post("/api/test/clock", { advanceSeconds: 60 }), 404, "not_found");
    expectCleanProblem(await client.get("/api/test/clock"), 404, "not_found");
    expectCleanProblem(await client.post("/api/test/admins", { email: user.email }), 404, "not_found");
    expect((await client.get("/api/me")).body.roles).toEqual(["member"]);
  });
});

describe("problem bodies", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("say nothing about internals when the server fails", async () => {
    const client = server.client();
    await client.signup();
    // Break the database under a running server: the next query fails unexpectedly.
    await server.deps.db.exec("ALTER TABLE personal_access_tokens RENAME TO personal_access_tokens_gone");
    const res = await client.get("/api/auth/tokens");
    expectCleanProblem(res, 500, "internal_error");
    expect(res.body).toEqual({
      type: "/api/docs/errors#internal_error",
      title: "Internal error",
      status: 500,
      code: "internal_error",
      detail: "Something went wrong on our side.",
    });
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    await server.deps.db.exec("ALTER TABLE personal_access_tokens_gone RENAME TO personal_access_tokens");
    expect((await client.get("/api/auth/tokens")).status).toBe(200);
  });

  it("carry only the documented keys for every kind of refusal", async () => {
    const client = server.client();
    expectCleanProblem(await client.get("/api/nothing-here"), 404, "not_found");
    expectCleanProblem(await client.post("/api/auth/signup", "{"), 400, "malformed_json");
    expectCleanProblem(await client.post("/api/auth/signup", {}), 400, "validation_failed");
    expectCleanProblem(await client.get("/api/me"), 401, "unauthenticated");
    expectCleanProblem(
      await client.post("/api/auth/signup", "x", { "content-type": "text/csv" }),
      415,
      "unsupported_media_type",
    );
  });
});
