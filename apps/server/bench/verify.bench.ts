/**
 * Verification benchmark (`npm run bench:verify`): public verification by hash
 * (`verifyHash`, what GET /api/verify/:sha256 runs) at 100,000 receipts, beside the naive plan —
 * the same lookup with the sha256 index dropped (a sequential scan of the receipts) — in the same
 * run, on the same rows.
 *
 *   npm run bench:verify                       # embedded PGlite (in memory)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:verify
 *   npm run bench:verify -- --receipts 100000 --lookups 2000 --naive-lookups 50
 *
 * Every lookup must answer `verified: true` (a hit under a real ES256 signature) or, for the
 * misses mixed in, `verified: false`; exit code 1 otherwise.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import type { Db } from "../src/db/client";
import { migrate } from "../src/db/migrate";
import { openPglite } from "../src/db/pglite";
import { postgresDb } from "../src/db/postgres";
import { systemClock } from "../src/platform/clock";
import { newId } from "../src/platform/ids";
import { signReceipt } from "../src/modules/credentials/credentials.models";
import { credentialsConfig } from "../src/modules/credentials/credentials.config";
import { currentSigningKey, verifyHash } from "../src/modules/credentials/credentials.usecases";

const BENCH_DB = "atelier_bench_verify";

async function openBenchDb(): Promise<{ db: Db; kind: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { db: await openPglite({}), kind: "PGlite (in memory)", drop: async () => undefined };
  const admin = postgresDb(url, 1);
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  const target = new URL(url);
  target.pathname = `/${BENCH_DB}`;
  return {
    db: postgresDb(target.toString(), 4),
    kind: "PostgreSQL",
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await admin.close();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(db: Db, hashes: string[], lookups: number) {
  const times: number[] = [];
  let hits = 0;
  const cpu = process.cpuUsage();
  for (let i = 0; i < lookups; i++) {
    // Every fourth lookup is a hash nobody delivered.
    const hash = i % 4 === 3 ? randomBytes(32).toString("hex") : hashes[(i * 7919) % hashes.length]!;
    const t = performance.now();
    const result = await verifyHash({ db }, hash);
    times.push(performance.now() - t);
    if (result.verified) hits++;
    else if (i % 4 !== 3) throw new Error(`receipt for ${hash} did not verify`);
  }
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / lookups;
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    lookups,
    hits,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    mean,
    cpuMs,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      receipts: { type: "string", default: "100000" },
      lookups: { type: "string", default: "2000" },
      "naive-lookups": { type: "string", default: "40" },
    },
  });
  const receipts = Number(values.receipts);
  const { db, kind, drop } = await openBenchDb();
  try {
    await migrate(db);
    const now = systemClock.now();
    const deps = { db, clock: systemClock, config: { credentials: credentialsConfig({}, 3000) } };
    const key = await currentSigningKey(deps);
    const sellerId = newId("usr");
    await db.query(
      `INSERT INTO users (id, email, username, display_name, password_hash, created_at)
       VALUES ($1, 'bench-seller@example.test', 'benchseller', 'Bench Seller', 'x', $2)`,
      [sellerId, now],
    );
    process.stdout.write(`${kind}: writing ${receipts} signed receipts…\n`);
    const hashes: string[] = [];
    const started = performance.now();
    const BATCH = 2000;
    for (let offset = 0; offset < receipts; offset += BATCH) {
      const n = Math.min(BATCH, receipts - offset);
      const rows = Array.from({ length: n }, () => {
        const fileId = newId("fil");
        const sha256 = randomBytes(32).toString("hex");
        hashes.push(sha256);
        const orderId = newId("ord");
        const signature = signReceipt(
          {
            fileId,
            sha256,
            seller: { username: "benchseller" },
            orderId,
            deliveredAt: now.toISOString(),
            licence: { kind: "commercial", status: "granted" },
            aiUse: "none",
            aiTools: [],
            keyId: key.id,
          },
          key.privateKey,
        );
        return { fileId, sha256, orderId, signature };
      });
      const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
      await db.query(
        `INSERT INTO files (id, owner_id, name, size, content_type, sha256, storage_key, created_at)
         SELECT id, $2, 'work.png', 1, 'image/png', sha, id || '.orig', $3
         FROM unnest($1::text[], $4::text[]) AS t(id, sha)`,
        [col("fileId"), sellerId, now, col("sha256")],
      );
      await db.query(
        `INSERT INTO file_receipts (file_id, sha256, original_sha256, original_key, c2pa, order_id, seller_id,
           seller_username, seller_name, delivered_at, licence_kind, licence_status, ai_use, ai_tools, ai_training,
           key_id, signature)
         SELECT id, sha, sha, id || '.orig', true, ord, $3, 'benchseller', 'Bench Seller', $4, 'commercial',
           'granted', 'none', '[]'::jsonb, 'notAllowed', $5, sig
         FROM unnest($1::text[], $2::text[], $6::text[], $7::text[]) AS t(id, sha, ord, sig)`,
        [col("fileId"), col("sha256"), sellerId, now, key.id, col("orderId"), col("signature")],
      );
    }
    await db.query("ANALYZE file_receipts");
    process.stdout.write(`  written in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    await measure(db, hashes, 200); // warm-up: plans, caches, the public key
    const indexed = await measure(db, hashes, Number(values.lookups));
    await db.query("DROP INDEX file_receipts_sha256");
    await db.query("ANALYZE file_receipts");
    const naive = await measure(db, hashes, Number(values["naive-lookups"]));

    const fmt = (r: Awaited<ReturnType<typeof measure>>) =>
      `p50 ${r.p50.toFixed(2)} ms · p95 ${r.p95.toFixed(2)} ms · p99 ${r.p99.toFixed(2)} ms · mean ${r.mean.toFixed(2)} ms ` +
      `· this process's CPU ${r.cpuMs.toFixed(2)} ms/lookup (${r.lookups} lookups, ${r.hits} verified)`;
    process.stdout.write(
      `\nmachine load average while measuring: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores\n`,
    );
    process.stdout.write(`verification by hash at ${receipts} receipts, ${kind}\n`);
    process.stdout.write(`  indexed (verifyHash):        ${fmt(indexed)}\n`);
    process.stdout.write(`  naive (no index, seq scan):  ${fmt(naive)}\n`);
    process.stdout.write(
      `  target p95 ≤ 10 ms: ${indexed.p95 <= 10 ? "met" : "NOT met"}; naive / indexed p95: ${(naive.p95 / indexed.p95).toFixed(0)}×\n`,
    );
  } finally {
    await db.close();
    await drop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
