/**
 * Real-time benchmark (`npm run bench:realtime`): push latency of `message.created` over WebSockets.
 *
 * It seeds users with personal access tokens and one conversation per pair straight into a fresh
 * database (PGlite in a temporary data directory, or PostgreSQL when DATABASE_URL is set), starts the
 * real server (`npx tsx src/entrypoints/server.ts`; with `--servers N` on PostgreSQL, N processes
 * sharing the database, sockets and posts spread over them), opens one socket per user, then posts
 * messages over HTTP at a steady rate. Each body carries its send time; the latency of a push is the
 * time from just before the POST to the frame reaching the recipient's socket. Every message must
 * reach both its recipient's and its sender's socket: anything missing is counted as lost.
 *
 *   npm run bench:realtime        (10,000 sockets: the raw push yardstick, one process direct as the
 *                                  baseline, then three processes behind nginx; PostgreSQL at
 *                                  DATABASE_URL or the local one)
 *   npm run bench:realtime -- --sockets 1000 --servers 1   (the earlier single-process run, on PGlite)
 *   npm run bench:realtime -- --servers 2 --no-proxy --no-baseline
 *
 * The yardstick (`--no-raw` skips it) is bench/raw-push.server.ts: the same post in and frames out
 * with no database, in its own process; it shows what the machine gives any push at that moment.
 *
 * Exit code 1 when a message was lost or a request failed; `--enforce` also fails above the p95 target.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { rawText } from "../src/modules/realtime/realtime.models";
import type { Db } from "../src/db/client";
import { openPglite } from "../src/db/pglite";
import { postgresDb } from "../src/db/postgres";
import { migrate } from "../src/db/migrate";
import { hashSecret, newId, newSecret } from "../src/platform/ids";
import { progress } from "../src/platform/progress";
import { ensureReferenceData } from "../src/seed/reference";
import { startNginx } from "../test/scale/cluster";

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BENCH_DB = "atelier_bench_realtime";
const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";
const TOKEN_PREFIX = "atl_pat_";
/** The target for the 95th percentile of push latency. */
export const TARGET_P95_MS = 50;

export interface RealtimeBenchOptions {
  databaseUrl: string | undefined;
  sockets: number;
  /** Messages per second, spread evenly. */
  rate: number;
  /** Seconds of sending. */
  duration: number;
  servers: number;
  /** Put nginx in front of the servers: sockets and posts go through it (round robin). */
  proxy: boolean;
  /** Also run one process without the proxy, same sockets and rate, as the baseline of the same run. */
  baseline: boolean;
  /** Also run the raw yardstick (bench/raw-push.server.ts: http + ws, no database) first. */
  rawBaseline: boolean;
  /** This run is the raw yardstick itself. */
  raw?: boolean;
  enforce: boolean;
  json: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

interface User {
  id: string;
  token: string;
}

interface Pair {
  conversationId: string;
  a: User;
  b: User;
}

/** Users (every second one a seller), their tokens, and one conversation per pair, in bulk. */
function newUsers(sockets: number): (User & { seller: boolean; username: string })[] {
  const users: (User & { seller: boolean; username: string })[] = [];
  for (let i = 0; i < sockets; i++) {
    const username = `rt_${i}_${randomBytes(3).toString("hex")}`;
    users.push({ id: newId("usr"), token: TOKEN_PREFIX + newSecret(32), seller: i % 2 === 1, username });
  }
  return users;
}

function pairUp(users: readonly User[]): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i + 1 < users.length; i += 2) {
    const a = users[i];
    const b = users[i + 1];
    if (!a || !b) break;
    pairs.push({ conversationId: newId("cnv"), a, b });
  }
  return pairs;
}

async function seed(db: Db, sockets: number): Promise<Pair[]> {
  const bar = progress("seeding users", sockets);
  const at = new Date();
  const users = newUsers(sockets);
  for (let start = 0; start < users.length; start += 500) {
    const chunk = users.slice(start, start + 500);
    await db.query(
      `INSERT INTO users (id, email, username, display_name, password_hash, is_seller, seller_level, became_seller_at, created_at)
       SELECT id, username || '@bench.example', username, username, 'bench:no-password', seller,
              CASE WHEN seller THEN 'new' END, CASE WHEN seller THEN $4::timestamptz END, $4
       FROM unnest($1::text[], $2::text[], $3::boolean[]) AS t(id, username, seller)`,
      [chunk.map((u) => u.id), chunk.map((u) => u.username), chunk.map((u) => u.seller), at],
    );
    await db.query(
      `INSERT INTO personal_access_tokens (id, user_id, name, token_hash, created_at)
       SELECT id, user_id, 'bench', token_hash, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, user_id, token_hash)`,
      [chunk.map(() => newId("pat")), chunk.map((u) => u.id), chunk.map((u) => hashSecret(u.token)), at],
    );
    bar.tick(chunk.length);
  }
  bar.stop();
  const pairs = pairUp(users);
  await db.query(
    `INSERT INTO conversations (id, user_a_id, user_b_id, opened_by, last_activity_at, created_at)
     SELECT id, LEAST(a, b), GREATEST(a, b), a, $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, a, b)`,
    [pairs.map((p) => p.conversationId), pairs.map((p) => p.a.id), pairs.map((p) => p.b.id), at],
  );
  return pairs;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: string[];
}

async function startServer(
  env: Record<string, string>,
  script = "src/entrypoints/server.ts",
): Promise<ServerProcess> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn("npx", ["tsx", script], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ATELIER_SEED_DEMO: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => output.push(c.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 360; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output.join("")}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child, output };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`server did not start:\n${output.join("")}`);
}

async function stopServer(server: ServerProcess): Promise<void> {
  if (!server.child.pid || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  process.kill(-server.child.pid, "SIGTERM");
  await Promise.race([exited, sleep(10_000)]);
}

interface Delivery {
  /** When each message reached its recipient's socket (ms since the epoch, fractional). */
  recipientAt: Map<number, number>;
  senderSeen: Set<number>;
}

/**
 * Client sockets leave from several loopback addresses (127.0.0.2 …): one source address has some
 * 28,000 ephemeral ports (`ip_local_port_range`), and a run holds 10,000 sockets, then closes them
 * (TIME_WAIT) before the next set-up opens as many again, beside nginx's own upstream connections.
 */
const SOURCE_ADDRESSES = 8;
const sourceAddress = (i: number) => `127.0.0.${2 + (i % SOURCE_ADDRESSES)}`;

function openSocket(
  url: string,
  token: string,
  localAddress: string,
  onFrame: (raw: string) => void,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, "ws")}/api/ws?token=${token}`, { localAddress });
    ws.on("message", (raw) => onFrame(rawText(raw)));
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) =>
      reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)),
    );
    ws.once("open", () => resolve(ws));
  });
}

export interface RealtimeBenchResult {
  sockets: number;
  servers: number;
  proxy: boolean;
  /** "none": the raw yardstick. */
  database: "pglite" | "postgres" | "none";
  messages: number;
  sentPerSecond: number;
  pushLatencyMs: { p50: number; p95: number; p99: number; max: number };
  httpLatencyMs: { p50: number; p95: number; p99: number };
  /** From the message's `createdAt` (taken on the server as its transaction starts) to the push arriving. */
  fromCreatedMs: { p50: number; p95: number; p99: number };
  lost: number;
  lostEchoes: number;
  httpErrors: number;
  meetsTarget: boolean;
}

export async function runRealtimeBench(o: RealtimeBenchOptions): Promise<RealtimeBenchResult> {
  if (o.servers > 1 && !o.databaseUrl)
    throw new Error("--servers above 1 needs DATABASE_URL (PGlite is one process)");
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "atelier-bench-realtime-"));
  const servers: ServerProcess[] = [];
  const sockets: WebSocket[] = [];
  let admin: Db | undefined;
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    // ---- database
    let serverEnv: Record<string, string>;
    let pairs: Pair[];
    if (o.raw) {
      // The yardstick keeps its conversations in memory: it is told them in a file.
      pairs = pairUp(newUsers(o.sockets));
      const file = path.join(dataDir, "pairs.json");
      await writeFile(file, JSON.stringify(pairs.map((p) => [p.conversationId, p.a.token, p.b.token])));
      serverEnv = { PAIRS_FILE: file };
    } else if (o.databaseUrl) {
      admin = postgresDb(o.databaseUrl, 1);
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${BENCH_DB}`);
      const target = new URL(o.databaseUrl);
      target.pathname = `/${BENCH_DB}`;
      const db = postgresDb(target.toString(), 2);
      await migrate(db);
      await ensureReferenceData(db);
      pairs = await seed(db, o.sockets);
      await db.close();
      serverEnv = { DATABASE_URL: target.toString(), ATELIER_DATA_DIR: dataDir };
    } else {
      const db = await openPglite({ dataDir: path.join(dataDir, "pglite") });
      await migrate(db);
      await ensureReferenceData(db);
      pairs = await seed(db, o.sockets);
      await db.close();
      serverEnv = { ATELIER_DATA_DIR: dataDir };
    }
    // The benchmark measures pushes, not the per-user limit; sockets are one per user.
    serverEnv.ATELIER_MESSAGES_PER_MINUTE = "100000";

    // ---- servers
    const script = o.raw ? "bench/raw-push.server.ts" : "src/entrypoints/server.ts";
    for (let i = 0; i < o.servers; i++) servers.push(await startServer(serverEnv, script));
    if (o.proxy) {
      // Every socket is two connections in nginx (client and upstream), plus the posts.
      nginx = await startNginx(
        servers.map((s) => Number(new URL(s.url).port)),
        2 * o.sockets + 2_000,
      );
    }
    const serverOf = (i: number) => nginx?.url ?? servers[i % servers.length]?.url ?? "";

    // ---- sockets: one per user, users spread over the servers
    const delivery: Delivery = { recipientAt: new Map(), senderSeen: new Set() };
    const recipientOf = new Map<number, string>();
    /** Per message: the server's createdAt (its transaction's time) to the frame's arrival. */
    const fromCreated = new Map<number, number>();
    const sentTimes = new Map<number, number>();
    const onFrame = (userId: string) => (raw: string) => {
      const at = now();
      const frame = JSON.parse(raw) as {
        type: string;
        data: { message?: { body?: string; createdAt?: string } };
      };
      if (frame.type !== "message.created") return;
      const match = /^bench (\d+) /.exec(frame.data.message?.body ?? "");
      if (!match) return;
      const k = Number(match[1]);
      if (recipientOf.get(k) === userId) {
        delivery.recipientAt.set(k, at);
        const created = Date.parse(frame.data.message?.createdAt ?? "");
        if (!Number.isNaN(created)) fromCreated.set(k, at - created);
      } else delivery.senderSeen.add(k);
    };
    const users = pairs.flatMap((p) => [p.a, p.b]);
    const bar = progress("opening sockets", users.length);
    for (let start = 0; start < users.length; start += 50) {
      const batch = users.slice(start, start + 50);
      const opened = await Promise.all(
        batch.map((u, j) =>
          openSocket(serverOf(start + j), u.token, sourceAddress(start + j), onFrame(u.id)),
        ),
      );
      sockets.push(...opened);
      bar.tick(batch.length);
    }
    bar.stop();
    const serverIndexOfUser = new Map(users.map((u, i) => [u.id, i % servers.length]));

    // ---- steady load
    const total = Math.max(1, Math.round(o.rate * o.duration));
    const interval = 1000 / o.rate;
    const httpLatencies: number[] = [];
    let httpErrors = 0;
    const inFlight: Promise<void>[] = [];
    const sendBar = progress("sending messages", total);
    const started = now();
    for (let k = 0; k < total; k++) {
      const due = started + k * interval;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      const pair = pairs[k % pairs.length];
      if (!pair) break;
      // Alternate the direction so both sides of every conversation send.
      const [from, to] = Math.floor(k / pairs.length) % 2 === 0 ? [pair.a, pair.b] : [pair.b, pair.a];
      recipientOf.set(k, to.id);
      // Posted through the sender's own server: with several servers the recipient is often on another.
      // Behind the proxy the post lands wherever nginx sends it.
      const base = nginx?.url ?? servers[serverIndexOfUser.get(from.id) ?? 0]?.url ?? "";
      const sentAt = now();
      sentTimes.set(k, sentAt);
      inFlight.push(
        fetch(`${base}/api/conversations/${pair.conversationId}/messages`, {
          method: "POST",
          headers: { authorization: `Bearer ${from.token}`, "content-type": "application/json" },
          body: JSON.stringify({ body: `bench ${k} ${sentAt.toFixed(3)}` }),
        }).then(
          async (res) => {
            await res.arrayBuffer();
            if (res.status === 201) httpLatencies.push(now() - sentAt);
            else httpErrors += 1;
            sendBar.tick();
          },
          () => {
            httpErrors += 1;
            sendBar.tick();
          },
        ),
      );
    }
    await Promise.all(inFlight);
    sendBar.stop();
    const elapsed = (now() - started) / 1000;
    // Stragglers: wait until everything arrived, or five seconds of silence.
    for (
      let waited = 0;
      waited < 5000 && (delivery.recipientAt.size < total || delivery.senderSeen.size < total);
      waited += 100
    ) {
      await sleep(100);
    }

    // ---- results
    const pushLatencies = [...delivery.recipientAt.entries()]
      .map(([k, at]) => at - (sentTimes.get(k) ?? at))
      .sort((a, b) => a - b);
    httpLatencies.sort((a, b) => a - b);
    const serverSide = [...fromCreated.values()].sort((a, b) => a - b);
    const p95 = percentile(pushLatencies, 95);
    return {
      sockets: sockets.length,
      servers: servers.length,
      proxy: nginx !== undefined,
      database: o.raw ? "none" : o.databaseUrl ? "postgres" : "pglite",
      messages: total,
      sentPerSecond: total / elapsed,
      pushLatencyMs: {
        p50: percentile(pushLatencies, 50),
        p95,
        p99: percentile(pushLatencies, 99),
        max: pushLatencies.at(-1) ?? Number.NaN,
      },
      httpLatencyMs: {
        p50: percentile(httpLatencies, 50),
        p95: percentile(httpLatencies, 95),
        p99: percentile(httpLatencies, 99),
      },
      fromCreatedMs: {
        p50: percentile(serverSide, 50),
        p95: percentile(serverSide, 95),
        p99: percentile(serverSide, 99),
      },
      lost: total - delivery.recipientAt.size,
      lostEchoes: total - delivery.senderSeen.size,
      httpErrors,
      meetsTarget: p95 <= TARGET_P95_MS,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    await nginx?.close();
    for (const s of servers) await stopServer(s);
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`).catch(() => undefined);
      await admin.close();
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

function parseOptions(argv: string[]): RealtimeBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sockets: { type: "string", default: "10000" },
      rate: { type: "string", default: "100" },
      duration: { type: "string", default: "20" },
      servers: { type: "string", default: "3" },
      "no-proxy": { type: "boolean", default: false },
      "no-baseline": { type: "boolean", default: false },
      "no-raw": { type: "boolean", default: false },
      enforce: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${v}"`);
    return n;
  };
  const servers = int("servers", values.servers, 1);
  return {
    // Several processes need PostgreSQL: the local server unless DATABASE_URL names one.
    databaseUrl: process.env.DATABASE_URL || (servers > 1 ? LOCAL_POSTGRES : undefined),
    sockets: int("sockets", values.sockets, 2),
    rate: int("rate", values.rate, 1),
    duration: int("duration", values.duration, 1),
    servers,
    proxy: servers > 1 && !values["no-proxy"],
    baseline: servers > 1 && !values["no-baseline"],
    rawBaseline: !values["no-raw"],
    enforce: values.enforce,
    json: values.json,
  };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

function describe(result: RealtimeBenchResult, options: RealtimeBenchOptions): string[] {
  const where =
    result.database === "none"
      ? "raw http + ws push, no database: the machine's floor"
      : `${result.servers} server process${result.servers > 1 ? "es" : ""}${result.proxy ? " behind nginx" : ", direct"}`;
  return [
    "",
    `Real-time push benchmark (${result.database}, ${where})`,
    `  open sockets        ${result.sockets}`,
    `  messages            ${result.messages} at ${result.sentPerSecond.toFixed(1)}/s (asked ${options.rate}/s for ${options.duration} s)`,
    `  push latency        p50 ${ms(result.pushLatencyMs.p50)}   p95 ${ms(result.pushLatencyMs.p95)}   p99 ${ms(result.pushLatencyMs.p99)}   max ${ms(result.pushLatencyMs.max)}`,
    `  POST latency        p50 ${ms(result.httpLatencyMs.p50)}   p95 ${ms(result.httpLatencyMs.p95)}   p99 ${ms(result.httpLatencyMs.p99)}`,
    `  createdAt → push    p50 ${ms(result.fromCreatedMs.p50)}   p95 ${ms(result.fromCreatedMs.p95)}   p99 ${ms(result.fromCreatedMs.p99)}  (server transaction start to socket)`,
    `  load average        ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${os.cpus().length} CPUs (other work on the machine slows every figure)`,
    `  lost messages       ${result.lost} (recipient sockets), ${result.lostEchoes} (sender sockets)`,
    `  failed requests     ${result.httpErrors}`,
    `  target p95 ≤ ${TARGET_P95_MS} ms  ${result.meetsTarget ? "met" : "NOT met"}`,
    "",
  ];
}

async function main() {
  // `npm run … --` passes a literal "--" through: skip it.
  const options = parseOptions(process.argv.slice(2).filter((a) => a !== "--"));
  const runs: { label: string; result: RealtimeBenchResult }[] = [];
  // The yardsticks first, with the same sockets and rate: the raw push (no database, one process),
  // then one Atelier process without the proxy on the same database.
  if (options.rawBaseline) {
    const raw = { ...options, servers: 1, proxy: false, raw: true };
    runs.push({ label: "raw push (yardstick)", result: await runRealtimeBench(raw) });
  }
  if (options.baseline) {
    const one = { ...options, servers: 1, proxy: false, baseline: false };
    runs.push({ label: "baseline", result: await runRealtimeBench(one) });
  }
  runs.push({
    label: options.servers > 1 ? "scaled out" : "atelier",
    result: await runRealtimeBench(options),
  });
  const results = runs.map((r) => r.result);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
  } else {
    const lines = runs.flatMap((r) => [
      ...(runs.length > 1 ? [`== ${r.label}`] : []),
      ...describe(r.result, options),
    ]);
    process.stdout.write(lines.join("\n"));
  }
  // The target applies to the scaled-out run (the last); nothing may be lost in any run.
  const last = results.at(-1);
  const failed =
    results.some((r) => r.lost > 0 || r.lostEchoes > 0 || r.httpErrors > 0) ||
    (options.enforce && !last?.meetsTarget);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
