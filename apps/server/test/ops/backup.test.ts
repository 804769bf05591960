import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { boot, type Running } from "../../src/app/bootstrap";
import { loadConfig } from "../../src/app/config";
import { ApiClient } from "../client";
import { insertActiveGig } from "../factories/gigs";
import { TEST_ARGON2 } from "../harness";
import { placeOrder } from "../orders/orders.helpers";

const run = promisify(execFile);
const SERVER_DIR = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(label: string) {
  const d = await mkdtemp(path.join(tmpdir(), `atelier-${label}-`));
  dirs.push(d);
  return d;
}

/** The embedded database in `dataDir`, as `npm start` would open it. */
async function open(dataDir: string): Promise<Running> {
  const config = loadConfig({
    ATELIER_DATA_DIR: dataDir,
    ATELIER_SEED_DEMO: "0",
    ATELIER_TEST_MODE: "1",
    LOG_LEVEL: "silent",
  });
  config.auth.argon2 = TEST_ARGON2;
  return boot(config, { quietSeed: true });
}

/** Everything a restore must bring back: orders, ledger lines, and each file's bytes by SHA-256. */
async function snapshot(r: Running) {
  const q = (sql: string) => r.deps.db.query<Record<string, unknown>>(sql);
  const files = await q("SELECT id, sha256, storage_key FROM files ORDER BY id");
  const bytes: Record<string, string> = {};
  for (const f of files) {
    const data = await buffer(await r.deps.storage.get(String(f.storage_key)));
    bytes[String(f.id)] = createHash("sha256").update(data).digest("hex");
  }
  return {
    orders: await q("SELECT id, status, buyer_id, seller_id, total FROM orders ORDER BY id"),
    ledger: await q(
      "SELECT transaction_id, account_id, amount FROM ledger_postings ORDER BY transaction_id, account_id, amount",
    ),
    balanced: await q("SELECT sum(amount)::text AS total FROM ledger_postings"),
    files: files.map((f) => ({ id: f.id, sha256: f.sha256 })),
    bytes,
  };
}

const cli = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ["--import", "tsx", "src/entrypoints/backup.ts", ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, DATABASE_URL: "", ATELIER_STORAGE_URL: "", ...env },
  });

describe("npm run backup / npm run restore (embedded database and files)", () => {
  it("restores into a new directory with every order, file and ledger line", async () => {
    const source = await tempDir("backup-src");
    const running = await open(source);
    await running.app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(running.app.server.address() as AddressInfo).port}`;
    // Three paid orders (checkout through HTTP: orders and their ledger lines) and an upload.
    const seller = await new ApiClient(url).signupSeller();
    const gigId = await insertActiveGig(running.deps.db, seller.id);
    const client = new ApiClient(url);
    const buyer = await client.signup();
    for (let i = 0; i < 3; i++) {
      await placeOrder({ client, id: buyer.id, username: buyer.username, email: buyer.email }, gigId);
    }
    const body = new FormData();
    const upload = Buffer.from("the bytes a backup must keep\n".repeat(100));
    body.append("file", new Blob([upload], { type: "text/plain" }), "notes.txt");
    const uploaded = await client.post<{ id: string; sha256: string }>("/api/files", body);
    expect(uploaded.status).toBe(201);
    const before = await snapshot(running);
    await running.close();
    expect(before.orders).toHaveLength(3);
    expect(before.ledger.length).toBeGreaterThan(0);
    expect(before.files).toContainEqual({ id: uploaded.body.id, sha256: uploaded.body.sha256 });
    expect(before.bytes[uploaded.body.id]).toBe(createHash("sha256").update(upload).digest("hex"));

    const archive = path.join(await tempDir("backup-out"), "atelier.tar.gz");
    const made = await cli(["backup", "--out", archive], { ATELIER_DATA_DIR: source });
    expect(made.stdout).toContain(`backup written to ${archive}`);
    expect(existsSync(archive)).toBe(true);

    const target = path.join(await tempDir("backup-dst"), "restored");
    const restored = await cli(["restore", archive, "--data-dir", target], {});
    expect(restored.stdout).toContain(`into ${target}`);

    const again = await open(target);
    try {
      const after = await snapshot(again);
      expect(after).toEqual(before);
      expect(after.balanced).toEqual([{ total: "0" }]);
    } finally {
      await again.close();
    }
  }, 180_000);

  it("refuses to restore over an existing installation, and to back up a running one", async () => {
    const dir = await tempDir("backup-busy");
    const running = await open(dir);
    try {
      const busy = await cli(["backup", "--out", path.join(dir, "x.tar.gz")], {
        ATELIER_DATA_DIR: dir,
      }).catch((e: { stderr: string }) => e);
      expect("stderr" in busy && busy.stderr).toContain("in use by another Atelier process");
    } finally {
      await running.close();
    }
    const archive = path.join(dir, "ok.tar.gz");
    await cli(["backup", "--out", archive], { ATELIER_DATA_DIR: dir });
    const over = await cli(["restore", archive, "--data-dir", dir], {}).catch((e: { stderr: string }) => e);
    expect("stderr" in over && over.stderr).toContain("already holds pglite/");
  }, 180_000);
});
