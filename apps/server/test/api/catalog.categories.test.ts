import type { CategoryNode } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { TAXONOMY } from "../../src/seed/taxonomy";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("GET /api/categories", () => {
  it("returns the two-level tree in display order", async () => {
    const res = await server.client().get<CategoryNode[]>("/api/categories");
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(9);
    expect(res.body.flatMap((c) => c.children)).toHaveLength(44);
    expect(res.body).toEqual(
      TAXONOMY.map((top) => ({
        slug: top.slug,
        name: top.name,
        description: top.description,
        children: top.children.map((c) => ({ slug: c.slug, name: c.name })),
      })),
    );
  });
});

describe("GET /api/categories/:slug", () => {
  it("returns a top-level category with its children", async () => {
    const res = await server.client().get("/api/categories/graphics-design");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ slug: "graphics-design", name: "Graphics & Design", parent: null });
    expect(res.body.description).toEqual(expect.any(String));
    expect(res.body.children[0]).toEqual({ slug: "logo-design", name: "Logo Design" });
  });

  it("returns a subcategory with its parent", async () => {
    const res = await server.client().get("/api/categories/logo-design");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      slug: "logo-design",
      name: "Logo Design",
      parent: { slug: "graphics-design", name: "Graphics & Design" },
      children: [],
    });
  });

  it("answers 404 for an unknown slug", async () => {
    const res = await server.client().get("/api/categories/time-travel");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("not_found");
  });
});

describe("OpenAPI", () => {
  it("documents the catalog routes", async () => {
    const spec = await server.client().get<{ paths: Record<string, unknown> }>("/api/openapi.json");
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/categories",
        "/api/gigs",
        "/api/gigs/{id}",
        "/api/gigs/{id}/publish",
        "/api/gigs/{id}/images",
        "/api/users/{username}/gigs",
        "/api/me/gigs",
        "/api/admin/moderation/gigs",
        "/api/admin/gigs/{id}/deny",
      ]),
    );
  });
});
