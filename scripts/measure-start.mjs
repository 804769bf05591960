// `node scripts/measure-start.mjs`: the time from `node apps/server/dist/server.js` to the first 200
// of /api/health/ready on the embedded database with the demo data present. Seeds the data directory
// (ATELIER_DATA_DIR, default a temporary one) with a first start if it is empty, then times
// three more starts. Run `npm run build` first. `node scripts/measure-start.mjs other/dist/server.js`
// times another build on the same data directory.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dataDir = process.env.ATELIER_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "atelier-start-"));
const port = process.env.PORT ?? "3917";
// Another build to compare (e.g. a copy of an older dist/ beside this one): its server.js as argument.
const serverJs = path.resolve(process.argv[2] ?? path.join(root, "apps/server/dist/server.js"));

/**
 * CPU seconds a process has used: all its threads, and its main (JavaScript) thread alone, from
 * /proc (Linux; undefined elsewhere). On a machine busy with other work the wall time to ready
 * measures the neighbours as much as the server; the main thread's CPU time is what the start
 * itself costs, close to what an idle machine would take.
 */
function cpuSeconds(pid) {
  const read = (file) => {
    try {
      const stat = readFileSync(file, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime are fields 14 and 15 of stat (11 and 12 after the command), in clock ticks.
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return undefined;
    }
  };
  return { all: read(`/proc/${pid}/stat`), main: read(`/proc/${pid}/task/${pid}/stat`) };
}

/** One start: the time to ready, with the phases the server logs ("booted", the search index). */
async function startOnce() {
  const started = performance.now();
  const child = spawn(process.execPath, [serverJs], {
    env: { ...process.env, ATELIER_DATA_DIR: dataDir, PORT: port, LOG_LEVEL: "info", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const phases = {};
  let bootedAt;
  let buffered = "";
  child.stdout.on("data", (chunk) => {
    buffered += chunk.toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (line.includes('"msg":"booted"')) {
        bootedAt = performance.now() - started;
        Object.assign(phases, JSON.parse(line));
      } else if (line.includes('"msg":"search memory index loaded"'))
        phases.searchIndexMs = JSON.parse(line).ms;
    }
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
  const cpu = cpuSeconds(child.pid);
  child.kill("SIGTERM");
  await new Promise((r) => child.on("exit", r));
  // Before boot() starts: node itself and loading the server's modules.
  const loadMs =
    bootedAt === undefined || phases.appBuiltMs === undefined ? undefined : bootedAt - phases.appBuiltMs;
  const s = (n) => (n === undefined ? "?" : `${(n / 1000).toFixed(2)} s`);
  const detail =
    `modules loaded ${s(loadMs)}, database open ${s(phases.databaseOpenMs)}, migrated ${s(phases.migratedMs)}, ` +
    `app built ${s(phases.appBuiltMs)} (from boot), search index ${s(phases.searchIndexMs)}; ` +
    `CPU until ready: main thread ${cpu.main?.toFixed(2) ?? "?"} s, all threads ${cpu.all?.toFixed(2) ?? "?"} s; ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`;
  return { ms, detail };
}

process.stdout.write(`data directory: ${dataDir}\n`);
const first = await startOnce();
process.stdout.write(`first start (seeds when empty): ${(first.ms / 1000).toFixed(2)} s\n`);
for (let i = 1; i <= 3; i++) {
  const run = await startOnce();
  process.stdout.write(
    `start ${i} with the demo data present: ${(run.ms / 1000).toFixed(2)} s — ${run.detail}\n`,
  );
}
