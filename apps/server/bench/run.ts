/**
 * Runs every benchmark in this folder (`*.bench.ts`) one after another, passing the command-line
 * options through: `npm run bench -- --gigs 100000`.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n=== ${bench} ===\n`);
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(dir, bench), ...process.argv.slice(2)],
    {
      stdio: "inherit",
      cwd: path.resolve(dir, ".."),
    },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
