/**
 * Public page benchmark (`npm run bench:pages`): a gig page (`GET /<username>/<slug>`, the HTML
 * search engines read, rendered by the real server) on PostgreSQL under concurrency, beside a raw
 * Fastify + pg server reading one gig row by primary key, in the same run on the same database.
 * Target: the page rate at least half the raw rate.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:pages -- --duration 10
 *
 * The page server runs as production starts it: built afresh (`npm run build`), `node dist/server.js`
 * (`--source`: the sources through tsx). The raw server runs through tsx (its few lines do the same
 * work either way). `--rate <n>` offers both the same load; `--profile <dir>` writes a V8 CPU profile
 * of each server there.
 *
 * Exit code 1 when a request failed; `--enforce` also fails below the target.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { EventEmitter } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Db } from "../src/db/client";
import { migrate } from "../src/db/migrate";
import { postgresDb } from "../src/db/postgres";
import { newId } from "../src/platform/ids";
import { progress } from "../src/platform/progress";
import { ensureReferenceData } from "../src/seed/reference";
import { insertActiveGig } from "../test/factories/gigs";
import { cpuMs, startChild } from "./child-process";
import { dbUrl, percentile, recreateDatabase } from "./pgbench";

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PAGES_DB = "atelier_bench_pages";
export const TARGET_RATIO = 0.5;

// autocannon ships no types; these are the parts this benchmark uses.
interface CannonRequest {
  method?: string;
  path?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
interface CannonResult {
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (
  opts: {
    url: string;
    connections: number;
    duration: number;
    timeout: number;
    requests: CannonRequest[];
    overallRate?: number;
  },
  done: (err: Error | null, result: CannonResult) => void,
) => EventEmitter;
const autocannon: Autocannon = createRequire(import.meta.url)("autocannon");

interface Options {
  databaseUrl: string;
  duration: number;
  warmup: number;
  connections: number;
  sellers: number;
  gigsPerSeller: number;
  /** Node flags for both servers, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`. */
  nodeArgs: string[];
  /** Requests a second offered by all connections together (`--rate`); undefined: as fast as served. */
  rate: number | undefined;
  /** The page server's script, relative to apps/server: the sources, or the build (`dist/server.js`). */
  server: string;
}

interface Gig {
  id: string;
  path: string;
}

/** Sellers with active gigs (the slug of a factory gig is its id). */
async function seed(db: Db, o: Options): Promise<Gig[]> {
  const bar = progress("seeding", o.sellers);
  const gigs: Gig[] = [];
  for (let s = 0; s < o.sellers; s++) {
    const id = newId("usr");
    const username = `bench_seller_${s}_${randomBytes(3).toString("hex")}`;
    await db.query(
      `INSERT INTO users (id, email, username, display_name, password_hash, roles, is_seller, seller_level, became_seller_at, created_at)
       VALUES ($1, $2, $3, $4, 'bench:no-password', ARRAY['member'], true, 'new', now(), now())`,
      [id, `${username}@bench.example`, username, `Bench seller ${s}`],
    );
    for (let g = 0; g < o.gigsPerSeller; g++) {
      const gigId = await insertActiveGig(db, id, { title: `Bench gig ${s}.${g} <with> "markup" & more` });
      gigs.push({ id: gigId, path: `/${username}/${gigId}` });
    }
    bar.tick();
  }
  bar.stop();
  return gigs;
}

interface Load {
  perSecond: number;
  ok: number;
  errors: number;
  latencyMs: { p50: number; p99: number };
}

/** A measured run: the load, and the CPU the server process and its database backends spent on it. */
interface Measured extends Load {
  /** CPU milliseconds of the server process (all its threads) per request answered. */
  serverCpuMsPerRequest: number | null;
  /** CPU milliseconds of the PostgreSQL backends serving it per request answered. */
  dbCpuMsPerRequest: number | null;
}

/** Loads `url` with requests rotating over `paths` for `seconds`, with a progress bar. */
function load(
  url: string,
  paths: readonly string[],
  o: Options,
  seconds: number,
  label: string,
): Promise<Load> {
  const latencies: number[] = [];
  const bar = progress(label, seconds);
  let n = 0;
  const request: CannonRequest = {
    method: "GET",
    setupRequest: (req) => ({ ...req, path: paths[n++ % paths.length] }),
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: o.connections,
        duration: seconds,
        timeout: 30,
        requests: [request],
        ...(o.rate ? { overallRate: o.rate } : {}),
      },
      (err, result) => {
        bar.stop();
        if (err) return reject(err);
        const sorted = latencies.sort((a, b) => a - b);
        resolve({
          perSecond: result["2xx"] / result.duration,
          ok: result["2xx"],
          errors: result.non2xx + result.errors + result.timeouts,
          latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99) },
        });
      },
    );
    instance.on("response", (_c: unknown, _s: number, _b: number, ms: number) => latencies.push(ms));
    let ticks = 0;
    instance.on("tick", () => {
      if (++ticks <= seconds) bar.tick();
    });
  });
}

export interface PagesBenchResult {
  page: Measured;
  raw: Measured;
  ratio: number;
  /** Raw server CPU per request / page server CPU per request: the ratio of rates when CPU-bound. */
  cpuRatio: number | null;
  meetsTarget: boolean;
}

/** The whole benchmark: seed, the gig page's run, the raw read's run, one after the other. */
export async function runPagesBench(o: Options): Promise<PagesBenchResult> {
  const admin = postgresDb(o.databaseUrl, 1);
  const url = dbUrl(o.databaseUrl, PAGES_DB);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-bench-pages-"));
  try {
    await recreateDatabase(admin, PAGES_DB);
    const db = postgresDb(url, 4);
    let gigs: Gig[];
    try {
      await migrate(db);
      await ensureReferenceData(db);
      gigs = await seed(db, o);
    } finally {
      await db.close();
    }
    const measure = async (
      script: string,
      env: Record<string, string>,
      paths: string[],
      label: string,
    ): Promise<Measured> => {
      const child = await startChild(script, {
        cwd: SERVER_DIR,
        env: { DATABASE_URL: url, ...env },
        probe: paths[0]!,
        nodeArgs: o.nodeArgs,
      });
      try {
        if (o.warmup > 0) await load(child.url, paths, o, o.warmup, `${label} (warm-up)`);
        // The backends the server holds after the warm-up (its pool is open by then).
        const backends = (
          await admin.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            [PAGES_DB],
          )
        ).map((r) => r.pid);
        const server = child.pid === undefined ? [] : [child.pid];
        const [server0, db0] = [cpuMs(server), cpuMs(backends)];
        const result = await load(child.url, paths, o, o.duration, label);
        const [server1, db1] = [cpuMs(server), cpuMs(backends)];
        const perRequest = (a: number | null, b: number | null) =>
          a === null || b === null || result.ok === 0 ? null : (b - a) / result.ok;
        return {
          ...result,
          serverCpuMsPerRequest: perRequest(server0, server1),
          dbCpuMsPerRequest: perRequest(db0, db1),
        };
      } finally {
        await child.stop();
      }
    };
    const page = await measure(
      o.server,
      { ATELIER_SEED_DEMO: "0", ATELIER_DATA_DIR: dataDir, NODE_ENV: "production" },
      gigs.map((g) => g.path),
      "gig page",
    );
    const raw = await measure(
      "bench/raw-pk.server.ts",
      {},
      gigs.map((g) => `/gigs/${g.id}`),
      "raw pk read",
    );
    const ratio = page.perSecond / Math.max(1, raw.perSecond);
    const cpuRatio =
      page.serverCpuMsPerRequest && raw.serverCpuMsPerRequest !== null
        ? raw.serverCpuMsPerRequest / page.serverCpuMsPerRequest
        : null;
    return { page, raw, ratio, cpuRatio, meetsTarget: ratio >= TARGET_RATIO };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${PAGES_DB} WITH (FORCE)`);
    await admin.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The figures as a table. */
export function formatPagesReport(r: PagesBenchResult, o: Options): string {
  const ms = (v: number | null) => (v === null ? "n/a" : v.toFixed(3)).padStart(10);
  const row = (name: string, l: Measured) =>
    `| ${name.padEnd(40)} | ${l.perSecond.toFixed(0).padStart(8)} | ${l.latencyMs.p50.toFixed(1).padStart(7)} | ${l.latencyMs.p99.toFixed(1).padStart(7)} | ${String(l.errors).padStart(6)} | ${ms(l.serverCpuMsPerRequest)} | ${ms(l.dbCpuMsPerRequest)} |`;
  return [
    `page server ${o.server}; ${o.connections} connections${o.rate ? ` at ${o.rate} req/s in all` : ""}, ${o.duration} s each, ${o.sellers * o.gigsPerSeller} gigs, PostgreSQL, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
    "",
    `| ${"run".padEnd(40)} | ${"req/s".padStart(8)} | ${"p50 ms".padStart(7)} | ${"p99 ms".padStart(7)} | ${"errors".padStart(6)} | ${"server CPU".padStart(10)} | ${"db CPU".padStart(10)} |`,
    `| ${"".padEnd(40)} | ${"".padStart(8)} | ${"".padStart(7)} | ${"".padStart(7)} | ${"".padStart(6)} | ${"ms/req".padStart(10)} | ${"ms/req".padStart(10)} |`,
    `| ${"-".repeat(40)} | ${"-".repeat(8)} | ${"-".repeat(7)} | ${"-".repeat(7)} | ${"-".repeat(6)} | ${"-".repeat(10)} | ${"-".repeat(10)} |`,
    row("gig page GET /<username>/<slug> (HTML)", r.page),
    row("raw Fastify + pg primary-key read (JSON)", r.raw),
    "",
    `page / raw = ${r.ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}): ${r.meetsTarget ? "met" : "NOT met"}`,
    `raw / page server CPU per request = ${r.cpuRatio === null ? "n/a" : r.cpuRatio.toFixed(2)} (the rate ratio a machine with a core to spare for each would show)`,
  ].join("\n");
}

/** Builds the server as production runs it (`npm run build`); returns the script to start. */
function buildServer(): string {
  execFileSync("node", [path.join(SERVER_DIR, "../../scripts/build-server.mjs")], { stdio: "inherit" });
  return "dist/server.js";
}

async function main() {
  // Not strict: `npm run bench` passes every benchmark the same options (`--gigs` is search's).
  const { values } = parseArgs({
    strict: false,
    options: {
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      connections: { type: "string", default: "20" },
      sellers: { type: "string", default: "20" },
      "gigs-per-seller": { type: "string", default: "5" },
      enforce: { type: "boolean", default: false },
      profile: { type: "string" },
      server: { type: "string" },
      source: { type: "boolean", default: false },
      rate: { type: "string" },
    },
  });
  const o: Options = {
    databaseUrl: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
    sellers: Number(values.sellers),
    gigsPerSeller: Number(values["gigs-per-seller"]),
    // `--rate <n>`: both servers at the same offered load, so CPU per request compares like with like
    // (at full speed it also depends on how many requests share a turn of the event loop).
    rate: typeof values.rate === "string" ? Number(values.rate) : undefined,
    // The page server as production starts it (`node dist/server.js`), built afresh; `--source`: the
    // sources through tsx; `--server <script>`: another page server (an older copy, to compare with).
    server:
      typeof values.server === "string"
        ? values.server
        : values.source === true
          ? "src/entrypoints/server.ts"
          : buildServer(),
    // `--profile <dir>`: a V8 CPU profile of each server (NODE_OPTIONS does not take --cpu-prof).
    nodeArgs:
      typeof values.profile === "string"
        ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`]
        : [],
  };
  const result = await runPagesBench(o);
  process.stdout.write(`${formatPagesReport(result, o)}\n`);
  const failed =
    result.page.errors + result.raw.errors > 0 || (values.enforce === true && !result.meetsTarget);
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
