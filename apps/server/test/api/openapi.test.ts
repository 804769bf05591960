import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  IDEMPOTENT_OPERATIONS,
  OPTIONALLY_IDEMPOTENT_OPERATIONS,
  PUBLIC_OPERATIONS,
} from "../../src/app/openapi";
import { ERROR_CODES } from "../../src/platform/error-codes";
import type { ApiClient, ApiResponse } from "../client";
import { unique } from "../client";
import { newCast, orderBody, type Cast } from "../orders/orders.helpers";
import { startTestServer, type TestServer } from "../harness";

/**
 * The OpenAPI document says what the server does: the success status each operation documents is
 * the one it sends (for a sample that covers 200, 201 and 204), every operation documents its
 * problem responses, anonymous GETs answer 401 exactly where the document asks for a sign-in, and
 * each problem's `type` link leads to the error reference page.
 */

interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}
interface Operation {
  operationId: string;
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, Response> };
}

let server: TestServer;
let doc: Document;
let cast: Cast;
const operations: { method: string; path: string; op: Operation }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  doc = (await server.client().get<Document>("/api/openapi.json")).body;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) operations.push({ method, path, op });
  }
  cast = await newCast(server);
});
afterAll(() => server.close());

function operation(id: string) {
  const found = operations.find((o) => o.op.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
}

/** The documented success status of an operation (its only 1xx/2xx response). */
function documentedSuccess(id: string): number {
  const statuses = Object.keys(operation(id).op.responses).filter((s) => /^[12]\d\d$/.test(s));
  expect(statuses, id).toHaveLength(1);
  return Number(statuses[0]);
}

function resolve(response: Response): Response {
  if (!response.$ref) return response;
  const name = response.$ref.replace("#/components/responses/", "");
  return doc.components.responses[name]!;
}

describe("the OpenAPI document", () => {
  it("documents one success response for every operation", () => {
    expect(operations.length).toBeGreaterThan(60);
    for (const { op } of operations) {
      const success = Object.keys(op.responses).filter((s) => /^[12]\d\d$/.test(s));
      expect(success.length, op.operationId).toBeGreaterThan(0);
    }
  });

  it("documents 4xx problem responses (the Problem schema) for every operation", () => {
    for (const { op } of operations) {
      const problems = Object.entries(op.responses).filter(([status]) => /^4(\d\d|XX)$/.test(status));
      expect(problems.length, op.operationId).toBeGreaterThan(0);
      for (const [status, response] of problems) {
        const schema = resolve(response).content?.["application/problem+json"]?.schema;
        expect(schema, `${op.operationId} ${status}`).toEqual({ $ref: "#/components/schemas/Problem" });
      }
    }
  });

  it("shares Money, Problem, GigCard and Order as components, referenced by the operations", () => {
    const text = JSON.stringify(doc.paths);
    for (const name of ["Money", "Problem", "GigCard", "Order"]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    expect(text).toContain('"#/components/schemas/Order"');
    expect(JSON.stringify(doc)).toContain('"#/components/schemas/Money"');
    expect(JSON.stringify(doc)).toContain('"#/components/schemas/GigCard"');
    // Sharing made the document smaller than the 275 KB it was when every schema was inlined (with
    // the first round's operations); sections 11–14 added about 25 KB of operations since (225 KB).
    expect(JSON.stringify(doc).length).toBeLessThan(240_000);
  });

  it("documents the CSRF header on changes, Idempotency-Key where money moves, and the security", () => {
    for (const { method, op } of operations) {
      const headers = (op.parameters ?? []).filter((p) => p.in === "header").map((p) => p.name);
      if (["post", "put", "patch", "delete"].includes(method))
        expect(headers, op.operationId).toContain("X-CSRF-Token");
      const idempotency = (op.parameters ?? []).find((p) => p.name === "Idempotency-Key");
      if (IDEMPOTENT_OPERATIONS.has(op.operationId)) expect(idempotency?.required).toBe(true);
      // Accepting a milestone: a repeat is refused by state anyway; a key, if sent, replays the answer.
      else if (OPTIONALLY_IDEMPOTENT_OPERATIONS.has(op.operationId))
        expect(idempotency?.required).toBe(false);
      else expect(idempotency).toBeUndefined();
      expect(op.security, op.operationId).toBeDefined();
    }
    expect(Object.keys((doc.components as Record<string, Record<string, unknown>>).securitySchemes!)).toEqual(
      ["session", "bearerToken"],
    );
    const upload = doc.paths["/api/files"]!.post as unknown as {
      requestBody: { content: Record<string, unknown> };
    };
    expect(Object.keys(upload.requestBody.content)).toEqual(["multipart/form-data"]);
  });
});

describe("documented success statuses are the ones the server sends", () => {
  const check = async (id: string, send: () => Promise<ApiResponse>) => {
    const res = await send();
    expect(res.status, `${id}: ${JSON.stringify(res.body)}`).toBe(documentedSuccess(id));
  };

  it("for identity, catalog, search, orders and wallet operations", async () => {
    const client: ApiClient = server.client();
    const email = `${unique("oa")}@example.com`;
    await check("signup", () =>
      client.post("/api/auth/signup", { email, password: "correct horse battery", username: unique("oa") }),
    );
    await check("getMe", () => client.get("/api/me"));
    await check("logout", () => client.post("/api/auth/logout"));
    await check("login", () => client.post("/api/auth/login", { email, password: "correct horse battery" }));
    const token = await client.post<{ id: string }>("/api/auth/tokens", { name: "openapi" });
    expect(token.status).toBe(documentedSuccess("createToken"));
    await check("revokeToken", () => client.delete(`/api/auth/tokens/${token.body.id}`));
    await check("listCategories", () => client.get("/api/categories"));
    await check("getGig", () => client.get(`/api/gigs/${cast.gigId}`));
    let searchId = "";
    await check("searchGigs", async () => {
      const res = await client.get("/api/search/gigs?q=logo");
      searchId = res.body.searchId;
      return res;
    });
    await check("logSearchClick", () =>
      client.post("/api/search/clicks", { searchId, gigId: cast.gigId, position: 1 }),
    );
    const { payment: _payment, ...quote } = orderBody(cast.gigId);
    await check("quoteOrder", () => client.post("/api/orders/quote", quote));
    let orderId = "";
    await check("placeOrder", async () => {
      const res = await cast.buyer.client.post("/api/orders", orderBody(cast.gigId), {
        "idempotency-key": unique("key"),
      });
      orderId = res.body.id;
      return res;
    });
    await check("getOrder", () => cast.buyer.client.get(`/api/orders/${orderId}`));
    await check("getWallet", () => cast.seller.client.get("/api/wallet"));
  });
});

describe("the documented security", () => {
  it("asks for a sign-in exactly where an anonymous GET answers 401", async () => {
    const anonymous = server.client();
    for (const { method, path, op } of operations) {
      // Test-mode routes exist only in test mode; the development mailbox's access is being changed
      // elsewhere (issue 12); the socket authenticates itself before its upgrade.
      if (method !== "get" || /^\/api\/(test|dev)\//.test(path) || path === "/api/ws") continue;
      const res = await anonymous.get(path.replace(/\{[^}]+\}/g, "x"));
      const documentedPublic = PUBLIC_OPERATIONS.has(op.operationId);
      const demanded = res.status === 401 || (res.status === 404 && path.startsWith("/api/admin/"));
      expect(demanded, `${op.operationId} answered ${res.status}`).toBe(!documentedPublic);
    }
  });
});

describe("GET /api/docs/errors", () => {
  it("lists every error code with its status, where a problem's type link leads", async () => {
    const client = server.client();
    const problem = await client.get("/api/orders/none");
    expect(problem.status).toBe(401);
    const [page, anchor] = String(problem.body.type).split("#");
    const res = await fetch(`${server.url}${page}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain(`id="${anchor}"`);
    for (const [code, { statuses }] of Object.entries(ERROR_CODES)) {
      expect(html, code).toMatch(new RegExp(`<tr id="${code}">.*<td>${statuses.join(", ")}</td>`));
    }
  });
});
