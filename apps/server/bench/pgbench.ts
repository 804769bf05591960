/**
 * The checkout benchmark's measuring tools: pgbench's TPC-B beside it, the machine's busy CPU, the
 * database's commit and write counters, and percentiles.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import os from "node:os";
import { promisify } from "node:util";
import type { Db } from "../src/db/client";
import { progress } from "../src/platform/progress";
import type { CheckoutBenchOptions, CheckoutBenchResult } from "./checkout.report";

const run = promisify(execFile);

export function dbUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function recreateDatabase(admin: Db, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * Busy CPU of the whole machine so far, in milliseconds (from /proc/stat; null elsewhere). Measured
 * around each phase, it gives the CPU one order and one pgbench transaction cost, load generators
 * included — a comparison that holds even when the two runs got different shares of the machine.
 */
export async function machineBusyMs(): Promise<number | null> {
  try {
    const stat = await readFile("/proc/stat", "utf8");
    const fields = (stat.split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    // USER_HZ is 100 on Linux: a tick is 10 ms.
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return null;
  }
}

/** Busy CPU time as a share of all the machine's cores over `wallMs`. */
export function busyShare(busyMs: number, wallMs: number): number {
  return busyMs / (wallMs * os.availableParallelism());
}

export interface DbStats {
  commits: number;
  written: number;
}

export async function dbStats(admin: Db, name: string): Promise<DbStats> {
  const [row] = await admin.query<{ commits: number; written: number }>(
    `SELECT xact_commit::bigint AS commits, (tup_inserted + tup_updated + tup_deleted)::bigint AS written
     FROM pg_stat_database WHERE datname = $1`,
    [name],
  );
  return { commits: Number(row?.commits ?? 0), written: Number(row?.written ?? 0) };
}

/** Arguments for pgbench's connection, taken from DATABASE_URL. */
function pgArgs(databaseUrl: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const args = [
    "-h",
    u.hostname || "127.0.0.1",
    "-p",
    u.port || "5432",
    "-U",
    decodeURIComponent(u.username || "postgres"),
  ];
  const env = { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) };
  return { args, env };
}

/** pgbench TPC-B on its own database of the same server: initialise, then run for `duration`. */
export async function runPgbench(
  admin: Db,
  o: Pick<
    CheckoutBenchOptions,
    "databaseUrl" | "duration" | "pgbenchScale" | "pgbenchClients" | "pgbenchJobs"
  >,
  PGBENCH_DB: string,
): Promise<NonNullable<CheckoutBenchResult["pgbench"]>> {
  await recreateDatabase(admin, PGBENCH_DB);
  const { args, env } = pgArgs(o.databaseUrl);
  const init = progress("pgbench -i", 1);
  await run("pgbench", [...args, "-i", "-q", "-s", String(o.pgbenchScale), PGBENCH_DB], {
    env,
    maxBuffer: 16 << 20,
  });
  init.tick();
  init.stop();
  const bar = progress("pgbench TPC-B", o.duration);
  const timer = setInterval(() => bar.tick(), 1000);
  const busyBefore = await machineBusyMs();
  try {
    const { stdout } = await run(
      "pgbench",
      [
        ...args,
        "-c",
        String(o.pgbenchClients),
        "-j",
        String(o.pgbenchJobs),
        "-T",
        String(o.duration),
        PGBENCH_DB,
      ],
      { env, maxBuffer: 16 << 20 },
    );
    const tps = /^tps = ([\d.]+)/m.exec(stdout);
    const latency = /^latency average = ([\d.]+) ms/m.exec(stdout);
    if (!tps) throw new Error(`could not read pgbench's output:\n${stdout}`);
    const busyAfter = await machineBusyMs();
    const transactions = /^number of transactions actually processed: (\d+)/m.exec(stdout);
    const cpuMsPerTransaction =
      busyBefore === null || busyAfter === null || !transactions
        ? null
        : (busyAfter - busyBefore) / Math.max(1, Number(transactions[1]));
    const machineBusy =
      busyBefore === null || busyAfter === null ? null : busyShare(busyAfter - busyBefore, o.duration * 1000);
    return {
      tps: Number(tps[1]),
      latencyAvgMs: Number(latency?.[1] ?? NaN),
      cpuMsPerTransaction,
      machineBusy,
    };
  } finally {
    clearInterval(timer);
    bar.stop();
  }
}
