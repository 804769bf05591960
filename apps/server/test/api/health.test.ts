import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("GET /api/health", () => {
  it("reports ok and which database it runs on", async () => {
    const res = await server.client().get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: "ok",
      db: process.env.DATABASE_URL ? "postgres" : "pglite",
      version: expect.any(String),
    });
  });

  it("sends security headers and a request id", async () => {
    const res = await server.client().get("/api/health");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("answers unknown API paths with a problem+json 404", async () => {
    const res = await server.client().get("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.code).toBe("not_found");
  });

  it("serves the OpenAPI document and the rendered docs", async () => {
    const client = server.client();
    const spec = await client.get("/api/openapi.json");
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toBe("3.1.0");
    expect(Object.keys(spec.body.paths)).toContain("/api/auth/signup");
    const docs = await client.get("/api/docs");
    expect([200, 302]).toContain(docs.status);
  });
});
