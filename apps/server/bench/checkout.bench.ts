/**
 * Checkout benchmark (`npm run bench:checkout`): order placement (POST /api/orders) on PostgreSQL
 * under concurrency, beside pgbench's TPC-B on the same server in the same run.
 *
 * It creates a fresh database, fills it with sellers, active gigs and buyers holding personal access
 * tokens, starts the real server as a child process, loads it with autocannon (every request with its
 * own Idempotency-Key, rotating buyers, gigs, tiers and extras), checks that every 2xx left exactly one
 * order and that the ledger is balanced, then runs pgbench for the same duration and prints both.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:checkout -- --duration 20
 *
 * Exit code 1 when a request failed or the checks did not hold; `--enforce` also fails below the target.
 */
import { randomBytes } from "node:crypto";
import type { EventEmitter } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { Db } from "../src/db/client";
import { postgresDb } from "../src/db/postgres";
import { migrate } from "../src/db/migrate";
import { hashSecret, newId, newSecret } from "../src/platform/ids";
import { progress } from "../src/platform/progress";
import { ensureReferenceData } from "../src/seed/reference";
import { insertActiveGig } from "../test/factories/gigs";
import { sleep, startChild, type BenchChild } from "./child-process";
import {
  formatCheckoutReport,
  TARGET_RATIO,
  type CheckoutBenchOptions,
  type CheckoutBenchResult,
} from "./checkout.report";
import {
  busyShare,
  dbStats,
  dbUrl,
  machineBusyMs,
  percentile,
  recreateDatabase,
  runPgbench,
} from "./pgbench";

export { formatCheckoutReport, TARGET_RATIO, type CheckoutBenchOptions, type CheckoutBenchResult };

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHECKOUT_DB = "atelier_bench_checkout";
const PGBENCH_DB = "atelier_bench_pgbench";
const TOKEN_PREFIX = "atl_pat_";
// autocannon ships no types; these are the parts this benchmark uses.
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
  onResponse?: (status: number, body: string) => void;
}
interface CannonResult {
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface CannonInstance extends EventEmitter {
  stop(): void;
}
type Autocannon = (
  opts: { url: string; connections: number; duration: number; timeout: number; requests: CannonRequest[] },
  done: (err: Error | null, result: CannonResult) => void,
) => CannonInstance;
const autocannon: Autocannon = createRequire(import.meta.url)("autocannon");

interface Buyer {
  id: string;
  token: string;
}

interface Fixture {
  buyers: Buyer[];
  gigIds: string[];
  adminToken: string;
}

/** Sellers with active gigs, buyers and an admin, each person with a personal access token. */
async function seed(db: Db, o: CheckoutBenchOptions): Promise<Fixture> {
  const bar = progress("seeding", o.sellers + o.buyers + 1);
  const now = new Date();
  const tokens: { id: string; userId: string; token: string }[] = [];
  const insertUser = async (kind: "seller" | "buyer" | "admin", i: number) => {
    const id = newId("usr");
    const username = `bench_${kind}_${i}_${randomBytes(3).toString("hex")}`;
    await db.query(
      `INSERT INTO users (id, email, username, display_name, password_hash, roles, is_seller, seller_level, became_seller_at, created_at)
       VALUES ($1, $2, $3, $4, 'bench:no-password', $5, $6, $7, $8, $9)`,
      [
        id,
        `${username}@bench.example`,
        username,
        `Bench ${kind} ${i}`,
        kind === "admin" ? ["member", "admin"] : ["member"],
        kind === "seller",
        kind === "seller" ? "new" : null,
        kind === "seller" ? now : null,
        now,
      ],
    );
    tokens.push({ id: newId("pat"), userId: id, token: TOKEN_PREFIX + newSecret(32) });
    bar.tick();
    return id;
  };
  const gigIds: string[] = [];
  for (let s = 0; s < o.sellers; s++) {
    const sellerId = await insertUser("seller", s);
    for (let g = 0; g < o.gigsPerSeller; g++)
      gigIds.push(await insertActiveGig(db, sellerId, { title: `Bench gig ${s}.${g}` }));
  }
  const buyerIds: string[] = [];
  for (let b = 0; b < o.buyers; b++) buyerIds.push(await insertUser("buyer", b));
  const adminId = await insertUser("admin", 0);
  await db.query(
    `INSERT INTO personal_access_tokens (id, user_id, name, token_hash, created_at)
     SELECT id, user_id, 'bench', token_hash, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, user_id, token_hash)`,
    [tokens.map((t) => t.id), tokens.map((t) => t.userId), tokens.map((t) => hashSecret(t.token)), now],
  );
  bar.stop();
  const tokenOf = new Map(tokens.map((t) => [t.userId, t.token]));
  return {
    buyers: buyerIds.map((id) => ({ id, token: tokenOf.get(id)! })),
    gigIds,
    adminToken: tokenOf.get(adminId)!,
  };
}

/** The real server (`src/entrypoints/server.ts` under tsx) in its own process group, ready on /api/health. */
async function startServer(databaseUrl: string): Promise<BenchChild> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-bench-checkout-"));
  try {
    const child = await startChild("src/entrypoints/server.ts", {
      cwd: SERVER_DIR,
      env: { DATABASE_URL: databaseUrl, ATELIER_SEED_DEMO: "0", ATELIER_DATA_DIR: dataDir },
      probe: "/api/health",
      nodeArgs: (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
    });
    return {
      ...child,
      stop: async () => {
        await child.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * One request per call: a fresh Idempotency-Key, the next buyer, and a gig, tier and extras that vary.
 * The IDs of the orders that came back are collected in `placed`.
 */
function orderRequests(fixture: Fixture, runTag: string, placed: Set<string>): CannonRequest {
  const tiers = ["basic", "standard", "premium"] as const;
  const extraSets = [[], ["ext_fast"], ["ext_source"], ["ext_fast", "ext_source"]];
  let n = 0;
  return {
    method: "POST",
    path: "/api/orders",
    onResponse: (status, body) => {
      const id = status === 201 ? /"id":"(ord_[0-9a-z]+)"/.exec(body.slice(0, 200))?.[1] : undefined;
      if (id) placed.add(id);
    },
    setupRequest: (req) => {
      const i = n++;
      const buyer = fixture.buyers[i % fixture.buyers.length]!;
      const gigId = fixture.gigIds[(i * 7 + Math.floor(i / fixture.buyers.length)) % fixture.gigIds.length]!;
      return {
        ...req,
        headers: {
          ...req.headers,
          "content-type": "application/json",
          authorization: `Bearer ${buyer.token}`,
          "idempotency-key": `${runTag}-${i}`,
        },
        body: JSON.stringify({
          gigId,
          tier: tiers[i % tiers.length],
          extraIds: extraSets[Math.floor(i / 3) % extraSets.length],
          quantity: 1 + (i % 2),
          payment: { method: "card", token: "tok_visa" },
        }),
      };
    },
  };
}

interface LoadResult {
  ok2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  seconds: number;
  latencies: number[];
}

/** Runs autocannon for `seconds`, ticking a progress bar once a second. */
function load(
  url: string,
  request: CannonRequest,
  connections: number,
  seconds: number,
  label: string,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const bar = progress(label, seconds);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, timeout: 30, requests: [request] },
      (err, result) => {
        bar.stop();
        if (err) return reject(err);
        const statusCodes = Object.fromEntries(
          Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
        );
        resolve({
          ok2xx: result["2xx"],
          errors: result.non2xx + result.errors + result.timeouts,
          statusCodes,
          seconds: result.duration,
          latencies,
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) =>
      latencies.push(ms),
    );
    // autocannon ticks once more than its duration in seconds.
    let ticks = 0;
    instance.on("tick", () => {
      if (++ticks <= seconds) bar.tick();
    });
  });
}

/** The whole benchmark; prints progress on stderr and returns the figures. */
export async function runCheckoutBench(o: CheckoutBenchOptions): Promise<CheckoutBenchResult> {
  const admin = postgresDb(o.databaseUrl, 1);
  const benchUrl = dbUrl(o.databaseUrl, CHECKOUT_DB);
  let server: BenchChild | undefined;
  try {
    await recreateDatabase(admin, CHECKOUT_DB);
    const db = postgresDb(benchUrl, 4);
    let fixture: Fixture;
    try {
      await migrate(db);
      await ensureReferenceData(db);
      fixture = await seed(db, o);
    } finally {
      await db.close();
    }

    server = await startServer(benchUrl);
    const runTag = `bench-${randomBytes(4).toString("hex")}`;
    const placed = new Set<string>();
    const request = orderRequests(fixture, runTag, placed);
    const warm =
      o.warmup > 0 ? await load(server.url, request, o.connections, o.warmup, "checkout warm-up") : null;
    // The tables a checkout writes start empty, and plans made then (a sequential scan of an empty
    // table is the cheapest) stay cached in the server's connections. A live database has rows and
    // statistics that autovacuum keeps current (every minute by default: longer than this run), so
    // the statistics are brought up to date after the warm-up; it invalidates the cached plans.
    const analyze = postgresDb(benchUrl, 1);
    try {
      await analyze.exec("ANALYZE");
    } finally {
      await analyze.close();
    }
    // pg_stat_database is flushed by each backend at most once a second.
    await sleep(1500);
    const before = await dbStats(admin, CHECKOUT_DB);
    const busyBefore = await machineBusyMs();
    const main = await load(server.url, request, o.connections, o.duration, "checkout load");
    const busyAfter = await machineBusyMs();

    const checkRes = await fetch(`${server.url}/api/admin/ledger/check`, {
      headers: { authorization: `Bearer ${fixture.adminToken}` },
    });
    const ledgerBody: unknown = checkRes.ok ? await checkRes.json() : null;
    const ledgerBalanced =
      typeof ledgerBody === "object" &&
      ledgerBody !== null &&
      "balanced" in ledgerBody &&
      ledgerBody.balanced === true;
    await server.stop();
    const serverLog = server.output();
    server = undefined;
    const after = await dbStats(admin, CHECKOUT_DB);

    const check = postgresDb(benchUrl, 1);
    let counts: { orders: number; found: number; without_key: number; stray: number } | undefined;
    try {
      [counts] = await check.query<{ orders: number; found: number; without_key: number; stray: number }>(
        `SELECT (SELECT count(*) FROM orders)::bigint AS orders,
                (SELECT count(*) FROM orders WHERE id = ANY($1::text[]))::bigint AS found,
                (SELECT count(*) FROM orders o LEFT JOIN (
                   SELECT response_body->>'id' AS id, count(*) AS n FROM idempotency_keys
                   WHERE status = 'done' AND response_code = 201 GROUP BY 1) k ON k.id = o.id
                 WHERE k.n IS DISTINCT FROM 1)::bigint AS without_key,
                (SELECT count(*) FROM sandbox_charges WHERE status = 'authorized')::bigint AS stray`,
        [[...placed]],
      );
    } finally {
      await check.close();
    }
    const ordersInDb = Number(counts?.orders ?? -1);
    const ok2xx = main.ok2xx + (warm?.ok2xx ?? 0);
    const unanswered = ordersInDb - placed.size;
    const runs = warm ? 2 : 1;
    const ordersMatch =
      placed.size === ok2xx &&
      Number(counts?.found ?? -1) === ok2xx &&
      unanswered >= 0 &&
      unanswered <= runs * o.connections;
    if (main.errors > 0 && serverLog.trim() !== "")
      process.stderr.write(`\nserver log (last lines):\n${serverLog.slice(-4000)}\n`);

    const sorted = [...main.latencies].sort((a, b) => a - b);
    const ordersPerSecond = main.ok2xx / main.seconds;
    const pgbench = o.skipPgbench ? null : await runPgbench(admin, o, PGBENCH_DB);
    const cpuMsPerOrder =
      busyBefore === null || busyAfter === null ? null : (busyAfter - busyBefore) / Math.max(1, main.ok2xx);
    const ratio = pgbench ? ordersPerSecond / pgbench.tps : null;
    return {
      checkout: {
        orders: main.ok2xx,
        ordersPerSecond,
        latencyMs: {
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: sorted.at(-1) ?? 0,
          mean: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
        },
        errors: main.errors + (warm?.errors ?? 0),
        statusCodes: main.statusCodes,
        commitsPerOrder: (after.commits - before.commits) / Math.max(1, main.ok2xx),
        cpuMsPerOrder,
        machineBusy:
          busyBefore === null || busyAfter === null
            ? null
            : busyShare(busyAfter - busyBefore, main.seconds * 1000),
        rowsWrittenPerOrder: (after.written - before.written) / Math.max(1, main.ok2xx),
      },
      checks: {
        ordersMatch,
        ordersInDb,
        ok2xx,
        unanswered,
        ordersWithoutKey: Number(counts?.without_key ?? -1),
        ledgerBalanced,
        strayAuthorizations: Number(counts?.stray ?? -1),
      },
      pgbench,
      ratio,
      meetsTarget: ratio === null ? null : ratio >= TARGET_RATIO,
    };
  } finally {
    await server?.stop();
    if (!o.keep) {
      for (const name of [CHECKOUT_DB, PGBENCH_DB])
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await admin.close();
  }
}

const OPTIONS = {
  duration: { type: "string", default: "20" },
  warmup: { type: "string", default: "3" },
  // Closed-loop clients: each waits for its order before placing the next, so at most `connections`
  // checkouts are in flight, and a group-commit batch holds at most that many. An order's cost falls
  // as batches grow (1.6 ms of machine CPU at 16 connections, 1.1 ms at 32, 1.0 ms at 64), so the
  // figure depends on this number: 32 is what ~1,000 orders/s at ~30 ms each keeps in flight
  // (Little's law). docs/orders.md gives the figures at 16, 32 and 64.
  connections: { type: "string", default: "32" },
  buyers: { type: "string", default: "200" },
  sellers: { type: "string", default: "20" },
  "gigs-per-seller": { type: "string", default: "3" },
  scale: { type: "string", default: "10" },
  "pgbench-clients": { type: "string", default: "8" },
  "pgbench-jobs": { type: "string", default: "2" },
  keep: { type: "boolean", default: false },
  "skip-pgbench": { type: "boolean", default: false },
  enforce: { type: "boolean", default: false },
  json: { type: "boolean", default: false },
} as const;

/**
 * `npm run bench` (bench/run.ts) passes the same arguments to every benchmark: the options of the
 * others (`--gigs 100000`) are dropped here, ours are parsed strictly.
 */
function ownArguments(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const name = arg.startsWith("--") ? arg.slice(2).split("=")[0] : undefined;
    const spec = Object.entries(OPTIONS).find(([key]) => key === name)?.[1];
    if (!spec) continue;
    out.push(arg);
    if (spec.type === "string" && !arg.includes("=") && i + 1 < argv.length) out.push(argv[++i] ?? "");
  }
  return out;
}

function options(argv: string[]): { bench: CheckoutBenchOptions; json: boolean; enforce: boolean } {
  const { values } = parseArgs({ args: ownArguments(argv), options: OPTIONS });
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${v}"`);
    return n;
  };
  const bench: CheckoutBenchOptions = {
    databaseUrl: process.env.DATABASE_URL ?? "",
    duration: int("duration", values.duration, 1),
    warmup: int("warmup", values.warmup, 0),
    connections: int("connections", values.connections, 1),
    buyers: int("buyers", values.buyers, 1),
    sellers: int("sellers", values.sellers, 1),
    gigsPerSeller: int("gigs-per-seller", values["gigs-per-seller"], 1),
    pgbenchScale: int("scale", values.scale, 1),
    pgbenchClients: int("pgbench-clients", values["pgbench-clients"], 1),
    pgbenchJobs: int("pgbench-jobs", values["pgbench-jobs"], 1),
    keep: values.keep,
    skipPgbench: values["skip-pgbench"],
  };
  return { bench, json: values.json, enforce: values.enforce };
}

async function main() {
  if (!process.env.DATABASE_URL?.startsWith("postgres")) {
    process.stderr.write(
      "bench:checkout measures PostgreSQL: set DATABASE_URL to a PostgreSQL server you may create databases on, e.g.\n" +
        "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:checkout\n" +
        `It creates (and afterwards drops) the databases ${CHECKOUT_DB} and ${PGBENCH_DB}.\n`,
    );
    process.exit(1);
  }
  const { bench: o, json, enforce } = options(process.argv.slice(2));
  const result = await runCheckoutBench(o);
  process.stdout.write(`\n${formatCheckoutReport(result, o)}\n`);
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  const correct =
    result.checkout.errors === 0 &&
    result.checks.ordersMatch &&
    result.checks.ordersWithoutKey === 0 &&
    result.checks.ledgerBalanced &&
    result.checks.strayAuthorizations === 0;
  process.exit(!correct || (enforce && result.meetsTarget === false) ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    process.stderr.write(
      `bench:checkout failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  });
}
