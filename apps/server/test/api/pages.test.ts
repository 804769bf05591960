import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONTENT_DIR } from "../../src/modules/pages/pages.usecases";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("GET /api/pages/:slug", () => {
  it.each(["terms", "privacy", "help"])(
    "serves the default %s page shipped with the server",
    async (slug) => {
      const res = await server.client().get(`/api/pages/${slug}`);
      expect(res.status).toBe(200);
      const shipped = await readFile(path.join(DEFAULT_CONTENT_DIR, `${slug}.md`), "utf8");
      expect(res.body).toEqual({
        slug,
        title: expect.any(String),
        markdown: shipped,
        source: "default",
      });
      expect(res.body.title.length).toBeGreaterThan(0);
    },
  );

  it("serves an operator's file from <data dir>/content instead of the default", async () => {
    const dir = path.join(server.config.dataDir, "content");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "terms.md"), "# House rules\n\nBe kind to each other.\n");
    try {
      const res = await server.client().get("/api/pages/terms");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        slug: "terms",
        title: "House rules",
        markdown: "# House rules\n\nBe kind to each other.\n",
        source: "operator",
      });
      // The pages the operator did not replace keep their defaults.
      const privacy = await server.client().get("/api/pages/privacy");
      expect(privacy.body.source).toBe("default");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const after = await server.client().get("/api/pages/terms");
    expect(after.body.source).toBe("default");
  });

  it("prefers ATELIER_CONTENT_DIR when it is set", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "atelier-content-"));
    await writeFile(path.join(dir, "help.md"), "# Ask us\n\nWrite to help@example.org.\n");
    const other = await startTestServer((config) => {
      config.contentDir = dir;
    });
    try {
      const res = await other.client().get("/api/pages/help");
      expect(res.body).toMatchObject({ title: "Ask us", source: "operator" });
      expect(res.body.markdown).toContain("help@example.org");
    } finally {
      await other.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("answers 404 problem+json for any other name, and never reads outside the content folders", async () => {
    for (const slug of ["about", "..%2F..%2Fpackage", "terms.md", "TERMS"]) {
      const res = await server.client().get(`/api/pages/${slug}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.code).toBe("not_found");
    }
  });
});
