// Compiles the server (apps/server) to apps/server/dist/ (ESM, run with plain `node`): one bundle per entry point with shared
// chunks, the workspace's own packages (@atelier/contracts, TypeScript) inlined, every npm dependency
// left to node_modules. The SQL migrations are copied beside the bundle (db/migrate.ts reads
// `./migrations/` next to itself). No source maps are written.
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), "apps/server");
const dist = path.join(here, "dist");

rmSync(dist, { recursive: true, force: true });
await build({
  absWorkingDir: here,
  entryPoints: { server: "src/entrypoints/server.ts", cli: "src/entrypoints/cli.ts" },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: false,
  legalComments: "none",
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
  plugins: [
    {
      name: "external-npm-packages",
      setup(b) {
        // Bare imports are npm packages (external) except the workspace's @atelier/* sources.
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@atelier/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
cpSync(path.join(here, "src/db/migrations"), path.join(dist, "migrations"), { recursive: true });
