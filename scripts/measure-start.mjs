// `node scripts/measure-start.mjs`: the time from `node apps/server/dist/server.js` to the first 200
// of /api/health/ready on the embedded database with the demo data present. Seeds the data directory
// (ATELIER_DATA_DIR, default a temporary one) with a first start if it is empty, then times
// three more starts. Run `npm run build` first.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dataDir = process.env.ATELIER_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "atelier-start-"));
const port = process.env.PORT ?? "3917";

async function startOnce() {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, "apps/server/dist/server.js")], {
    env: { ...process.env, ATELIER_DATA_DIR: dataDir, PORT: port, LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: "ignore",
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const ms = performance.now() - started;
  child.kill("SIGTERM");
  await new Promise((r) => child.on("exit", r));
  return ms;
}

process.stdout.write(`data directory: ${dataDir}\nfirst start (seeds when empty): `);
process.stdout.write(`${((await startOnce()) / 1000).toFixed(2)} s\n`);
for (let i = 1; i <= 3; i++) {
  process.stdout.write(
    `start ${i} with the demo data present: ${((await startOnce()) / 1000).toFixed(2)} s\n`,
  );
}
