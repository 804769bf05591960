import path from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * What the compiled server imports before it can answer. Packages that take a noticeable part of
 * a second to import and that most requests never need are imported on first use
 * (docs/operations.md, "Start time"); a static import of one of them anywhere on the way from
 * `entrypoints/server.ts` would put it back into every start. This bundles the server the way
 * `scripts/build-server.mjs` does (in memory) and follows only the static imports.
 */
const LOADED_ON_FIRST_USE = [
  "sharp",
  "@peculiar/x509",
  "@trustnxt/c2pa-ts",
  "@aws-sdk/client-s3",
  "@simplewebauthn/server",
  "nodemailer",
  "@zxcvbn-ts/core",
  "@zxcvbn-ts/language-common",
  "@zxcvbn-ts/language-en",
  "pg",
  "@electric-sql/pglite",
  "tar",
  "pdf-lib",
];

async function packagesImportedAtStart(): Promise<Set<string>> {
  const result = await build({
    absWorkingDir: path.resolve(import.meta.dirname, "../.."),
    entryPoints: { server: "src/entrypoints/server.ts" },
    outdir: "dist-check",
    write: false,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "external-npm-packages",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("@atelier/") ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  const outputs: Metafile["outputs"] = result.metafile.outputs;
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind !== "import-statement") continue;
      if (imported.external) packages.add(imported.path);
      else visit(imported.path);
    }
  };
  visit("dist-check/server.js");
  return packages;
}

describe("start: what the compiled server imports before it answers", () => {
  it("loads the heavy packages on first use, not at start", async () => {
    const atStart = await packagesImportedAtStart();
    // The check itself sees static imports: fastify is one.
    expect(atStart.has("fastify")).toBe(true);
    const heavy = [...atStart].filter((p) =>
      LOADED_ON_FIRST_USE.some((h) => p === h || p.startsWith(`${h}/`)),
    );
    expect(heavy).toEqual([]);
  });
});
