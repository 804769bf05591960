import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generatedSection } from "./orders.diagram";

describe("docs/orders.md", () => {
  it("shows the lifecycle exactly as the transition table defines it", async () => {
    const doc = await readFile(path.resolve(import.meta.dirname, "../../../../../docs/orders.md"), "utf8");
    // Regenerate with `npm run docs:orders -w @atelier/server` after changing orders.lifecycle.ts.
    expect(doc).toContain(generatedSection());
  });
});
