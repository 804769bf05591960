/**
 * Search benchmark: builds (or reuses) a generated corpus, starts the real server as a child process
 * in test mode, and drives every kind of query through HTTP with concurrency, once through the search
 * as built and once through the naive plan (every match ranked by ts_rank, OFFSET pages, exact count)
 * on the same database in the same run.
 *
 * Caches cold: each kind's queries are drawn from thousands generated from the corpus
 * (bench/search.queries.ts) and each is sent once — ours and the naive plan get disjoint slices, the
 * warm-up a third — so almost every measured request is a query the server has not seen.
 *
 *   npm run bench:search -- --gigs 100000            # PGlite in /tmp/atelier-bench-pglite
 *   DATABASE_URL=postgres://…/atelier_bench npm run bench:search -- --gigs 1000000
 *
 * The corpus is reused: a PGlite data directory or a PostgreSQL database that already holds N gigs
 * and a current index is benchmarked as it is.
 *
 * Options: --gigs N (100000), --concurrency C (2), --requests R per kind and plan (200),
 * --seconds S per kind and plan (20), --data-dir DIR, --kinds common,rare,…, --no-naive,
 * --no-warmup, --slowest K (print each kind's K slowest requests), --query-seed N (7: another seed
 * draws other queries, so a second run on the same database is cold too).
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/app/config";
import { migrate } from "../src/db/migrate";
import { openDatabase } from "../src/db/open";
import { progress } from "../src/platform/progress";
import { ensureReferenceData } from "../src/seed/reference";
import { cpuMs, startChild, type BenchChild } from "./child-process";
import { ensureCorpus } from "./corpus";
import { buildQuerySets, KIND_NOTES, KINDS, type BenchQuery, type Kind } from "./search.queries";

const { values: args } = parseArgs({
  options: {
    gigs: { type: "string", default: "100000" },
    /**
     * Requests in flight at once. The target is a latency (how long a buyer waits), so the default
     * is one request per core: more clients than cores on a saturated machine measure the queue
     * (p95 ≈ clients × service time), not the search. `--concurrency 8` shows the queue.
     */
    concurrency: { type: "string", default: "2" },
    requests: { type: "string", default: "200" },
    seconds: { type: "string", default: "20" },
    "data-dir": { type: "string", default: "/tmp/atelier-bench-pglite" },
    kinds: { type: "string" },
    "no-naive": { type: "boolean", default: false },
    /** Skip the warm-up pass of other queries (measure a just-started server). */
    "no-warmup": { type: "boolean", default: false },
    /** Print the slowest requests of each kind and plan. */
    slowest: { type: "string", default: "0" },
    /** The seed of the generated queries: another one measures queries no earlier run sent. */
    "query-seed": { type: "string", default: "7" },
  },
});

const GIGS = Number(args.gigs);
const CONCURRENCY = Number(args.concurrency);
const REQUESTS = Number(args.requests);
const SECONDS = Number(args.seconds);
const DATA_DIR = path.resolve(args["data-dir"]);
const databaseUrl = process.env.DATABASE_URL || undefined;
/** Warm-up queries per kind (never measured). */
const WARMUP = 20;
/** The target: p95 at or under this many milliseconds for every kind. */
const TARGET_MS = 50;

/**
 * Deep pages: our request needs the cursor of page N, walked through HTTP before timing starts in
 * pages of another size (90 or 98 rows), so the measured page (20 rows) is one the server has not
 * computed. Queries with fewer results than the page needs are dropped.
 */
async function walkDeepPages(base: string, list: BenchQuery[]): Promise<BenchQuery[]> {
  const out: BenchQuery[] = [];
  const bar = progress("walking deep-page cursors", list.length);
  for (const item of list) {
    bar.tick();
    if (!item.deep) continue;
    const { q, page } = item.deep;
    // Page 10 starts after 180 rows (2 × 90), page 50 after 980 (10 × 98).
    const [steps, size] = page === 10 ? [2, 90] : [10, 98];
    let cursor: string | null = null;
    for (let step = 0; step < steps; step++) {
      const params = new URLSearchParams({ q, limit: String(size), ...(cursor ? { cursor } : {}) });
      const res = await fetch(`${base}/api/search/gigs?${params.toString()}`);
      const body = (await res.json()) as { nextCursor: string | null };
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    if (!cursor) continue;
    out.push({
      ours: new URLSearchParams({ q, limit: "20", cursor }).toString(),
      naive: new URLSearchParams({ q, limit: "20", offset: String((page - 1) * 20) }).toString(),
    });
  }
  bar.stop();
  return out;
}

/** The real server in test mode on the bench's database, checked to run on the database asked for. */
function startServer(): Promise<BenchChild> {
  const expected = databaseUrl ? "postgres" : "pglite";
  return startChild("src/entrypoints/server.ts", {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: {
      ATELIER_TEST_MODE: "1",
      ATELIER_SEED_DEMO: "0",
      ATELIER_DATA_DIR: DATA_DIR,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    probe: "/api/health",
    nodeArgs: process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
    timeoutMs: 120_000,
    inheritOutput: true,
    onReady: async (response) => {
      const health = (await response.json()) as { db: string };
      if (health.db !== expected) throw new Error(`the server runs on ${health.db}, expected ${expected}`);
    },
  });
}

interface Stats {
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  /** The server process's CPU per request, ms (on PostgreSQL the database's own CPU is not in it). */
  cpu: number;
}

/** The server under test, whose CPU time `load` reads. */
let serverPid: number | undefined;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Sends each URL once, in order, with `CONCURRENCY` workers, until the list ends or SECONDS pass. */
async function load(label: string, urls: string[]): Promise<Stats> {
  const latencies: number[] = [];
  const byUrl: { url: string; ms: number }[] = [];
  let errors = 0;
  let next = 0;
  const bar = progress(label, urls.length);
  const started = performance.now();
  const cpuBefore = cpuMs([serverPid]);
  const deadline = started + SECONDS * 1000;
  const worker = async () => {
    while (next < urls.length && performance.now() < deadline) {
      const url = urls[next++] ?? "";
      const t0 = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      const elapsed = performance.now() - t0;
      latencies.push(elapsed);
      byUrl.push({ url, ms: elapsed });
      if (res.status !== 200) errors++;
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  bar.stop();
  const slowest = Number(args.slowest);
  if (slowest > 0) {
    for (const r of byUrl.sort((a, b) => b.ms - a.ms).slice(0, slowest)) {
      process.stderr.write(
        `  slow ${label}: ${r.ms.toFixed(0)} ms ${decodeURIComponent(r.url.replace(/^[^?]*\?/, ""))}\n`,
      );
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    n: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: latencies.length / elapsed,
    cpu: ((cpuMs([serverPid]) ?? Number.NaN) - (cpuBefore ?? Number.NaN)) / Math.max(1, latencies.length),
  };
}

/** A process's resident set size in MB (Linux), or "?" elsewhere. */
function residentMegabytes(pid: number | undefined): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? (kb / 1024).toFixed(0) : "?";
  } catch {
    return "?";
  }
}

const ms = (v: number) => (Number.isNaN(v) ? "-" : v < 10 ? v.toFixed(1) : v.toFixed(0)).padStart(6);
const load1 = () => (loadavg()[0] ?? 0).toFixed(1);

/** Ours, the naive plan and the warm-up: disjoint slices of one list, so nothing is sent twice. */
function slices(list: readonly BenchQuery[]): {
  ours: BenchQuery[];
  naive: BenchQuery[];
  warm: BenchQuery[];
} {
  const warm = list.slice(0, Math.min(WARMUP, Math.floor(list.length / 10)));
  const rest = list.slice(warm.length);
  const ours = rest.slice(0, Math.min(REQUESTS, Math.ceil(rest.length / 2)));
  return { ours, naive: rest.slice(ours.length, ours.length + REQUESTS), warm };
}

interface Row {
  kind: Kind;
  set: number;
  ours: Stats;
  naive: Stats | null;
  load: string;
  total: string;
}

async function main() {
  const config = loadConfig({
    ...process.env,
    ATELIER_DATA_DIR: DATA_DIR,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const db = await openDatabase(config);
  let lists: Record<Kind, BenchQuery[]>;
  let documents: number;
  const generated = Math.max(2_000, REQUESTS * 2 + WARMUP);
  try {
    await migrate(db);
    await ensureReferenceData(db);
    await ensureCorpus(db, GIGS);
    ({ lists, documents } = await buildQuerySets(db, generated, Number(args["query-seed"])));
  } finally {
    await db.close();
  }

  const kinds = (args.kinds?.split(",") ?? KINDS) as Kind[];
  const server = await startServer();
  serverPid = server.pid;
  const base = server.url;
  const loadBefore = load1();
  try {
    // The first search of a process loads the memory engine's index (on PGlite by default).
    const firstStarted = performance.now();
    await (await fetch(`${base}/api/search/gigs?q=bench`)).arrayBuffer();
    const firstSearchMs = performance.now() - firstStarted;
    const rssAfterLoad = residentMegabytes(server.pid);
    // Deep pages need their cursors, walked through HTTP (pages of another size) before timing.
    if (kinds.includes("deep")) {
      const deep = lists.deep.slice(0, WARMUP + REQUESTS * 2);
      const walkedOurs = await walkDeepPages(base, deep.slice(0, WARMUP + REQUESTS));
      // The naive plan pages by offset: its slice needs no walk.
      const naive = deep.slice(WARMUP + REQUESTS).map((d) => ({
        ours: "",
        naive: new URLSearchParams({
          q: d.deep?.q ?? "",
          limit: "20",
          offset: String(((d.deep?.page ?? 1) - 1) * 20),
        }).toString(),
      }));
      lists.deep = [...walkedOurs, ...naive];
    }
    if (!args["no-warmup"]) {
      const warm = kinds.flatMap((k) => slices(lists[k]).warm.map((r) => r.ours || null)).filter(Boolean);
      const bar = progress("warm-up (queries never measured)", warm.length);
      for (const qs of warm) {
        await (await fetch(`${base}/api/search/gigs?${qs}`)).arrayBuffer();
        bar.tick();
      }
      bar.stop();
    }
    const rows: Row[] = [];
    for (const kind of kinds) {
      const { ours, naive } = slices(lists[kind]);
      const measured = ours.filter((r) => r.ours);
      if (measured.length === 0) continue;
      const first = (await (await fetch(`${base}/api/search/gigs?${measured[0]?.ours ?? ""}`)).json()) as {
        total: number;
      };
      const oursStats = await load(
        `${kind}: ours`,
        measured.slice(1).map((r) => `${base}/api/search/gigs?${r.ours}`),
      );
      const naiveStats = args["no-naive"]
        ? null
        : await load(
            `${kind}: naive`,
            naive.filter((r) => r.naive).map((r) => `${base}/api/test/search/naive?${r.naive}`),
          );
      rows.push({
        kind,
        set: lists[kind].length,
        ours: oursStats,
        naive: naiveStats,
        load: load1(),
        total: String(first.total),
      });
    }

    const dbName = databaseUrl ? "PostgreSQL" : "PGlite";
    const configured = process.env.ATELIER_SEARCH_ENGINE;
    const engine = configured && configured !== "auto" ? configured : databaseUrl ? "sql" : "memory";
    process.stdout.write(
      `\nSearch benchmark: ${documents.toLocaleString("en-US")} searchable gigs on ${dbName} (${engine} engine), concurrency ${CONCURRENCY}, ` +
        `each query sent once (caches cold), up to ${REQUESTS} requests or ${SECONDS} s per kind and plan. Latency in ms through HTTP; cpu/req: the server process's CPU ms per request (ours).\n` +
        `Machine: ${cpus().length} cores, load average ${loadBefore} at the start and ${load1()} at the end ` +
        `(above the core count, other processes share the CPU and every figure grows).\n` +
        `First search ${firstSearchMs.toFixed(0)} ms${engine === "memory" ? " (the memory engine loads its index then)" : ""}; server RSS ` +
        `${rssAfterLoad} MB after it, ${residentMegabytes(server.pid)} MB at the end.\n\n`,
    );
    process.stdout.write(
      `| kind     | queries |   n | ours p50 |  p95 |  p99 | cpu/req | naive n | p50 |  p95 | load | ≤ ${TARGET_MS} ms | first query's total, what\n`,
    );
    for (const r of rows) {
      const errors = r.ours.errors + (r.naive?.errors ?? 0);
      const cells = [
        r.kind.padEnd(8),
        String(r.set).padStart(7),
        String(r.ours.n).padStart(3),
        ms(r.ours.p50).padStart(8),
        ms(r.ours.p95).padStart(4),
        ms(r.ours.p99).padStart(4),
        (Number.isNaN(r.ours.cpu) ? "-" : r.ours.cpu.toFixed(1)).padStart(7),
        (r.naive ? String(r.naive.n) : "-").padStart(7),
        r.naive ? ms(r.naive.p50) : "-",
        r.naive ? ms(r.naive.p95) : "-",
        r.load.padStart(4),
        (r.ours.p95 <= TARGET_MS ? "yes" : "NO").padEnd(7),
        `${r.total}, ${KIND_NOTES[r.kind]}${errors > 0 ? `  (${errors} non-200 responses!)` : ""}`,
      ];
      process.stdout.write(`| ${cells.join(" | ")}\n`);
    }
    const met = rows.filter((r) => r.ours.p95 <= TARGET_MS).map((r) => r.kind);
    const missed = rows.filter((r) => r.ours.p95 > TARGET_MS).map((r) => r.kind);
    process.stdout.write(
      `\np95 ≤ ${TARGET_MS} ms: ${met.length > 0 ? met.join(", ") : "none"}; ` +
        `over: ${missed.length > 0 ? missed.join(", ") : "none"} (load average ${load1()} on ${cpus().length} cores).\n`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
