/**
 * Crash test: the real server runs as a child process under a load of checkouts and is killed with
 * SIGKILL at random moments, then restarted on the same data. Afterwards every order acknowledged to
 * a client (201) exists exactly once, every key a client never heard back about yields at most one
 * order when retried, declined checkouts left nothing, and the ledger check passes.
 *
 * The child is `node --import tsx src/entrypoints/server.ts` rather than `npx tsx …`: npx would
 * spawn the server as a grandchild, and SIGKILL on npx's pid would leave the server running.
 * On PGlite the data directory is a fresh temporary directory; with DATABASE_URL set, a fresh
 * PostgreSQL database is created beside the test databases and dropped at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Order } from "@atelier/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/db/pglite";
import { postgresDb } from "../../src/db/postgres";
import { ApiClient, unique } from "../client";
import { createActiveGig } from "../factories/catalog";

const KILLS = 5;
const BUYERS = 6;
const SERVER_DIR = path.resolve(import.meta.dirname, "../..");

interface Attempt {
  buyer: number;
  key: string;
  token: string;
  /** The answer the client got, or null when the connection died first. */
  status: number | null;
  /** The answer was a replay of an earlier attempt's. */
  replayed?: boolean;
  orderId?: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class ServerProcess {
  child: ChildProcess | undefined;
  output: string[] = [];

  constructor(
    readonly port: number,
    readonly env: Record<string, string>,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const env: Record<string, string | undefined> = { ...process.env, ...this.env };
    if (!this.env.DATABASE_URL) delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "src/entrypoints/server.ts"], {
      cwd: SERVER_DIR,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString("utf8"));
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const deadline = performance.now() + 120_000;
    while (performance.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`server exited (${child.exitCode}):\n${this.output.join("")}`);
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`server did not start:\n${this.output.join("")}`);
  }

  /** kill -9, and wait until the process is gone. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(child.pid, signal);
    await exited;
  }
}

let server: ServerProcess | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterAll(async () => {
  await server?.kill();
  await cleanup?.();
});

async function freshDatabase(): Promise<{ env: Record<string, string>; kind: string }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `atelier_crash_${randomBytes(6).toString("hex")}`;
    const admin = postgresDb(url, 1);
    await admin.query(`CREATE DATABASE ${name}`);
    cleanup = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.close();
    };
    const target = new URL(url);
    target.pathname = `/${name}`;
    const dataDir = await mkdtemp(path.join(tmpdir(), "atelier-crash-"));
    const dropDb = cleanup;
    cleanup = async () => {
      await dropDb();
      await rm(dataDir, { recursive: true, force: true });
    };
    return { env: { DATABASE_URL: target.toString(), ATELIER_DATA_DIR: dataDir }, kind: "postgres" };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), "atelier-crash-"));
  cleanup = () => rm(dataDir, { recursive: true, force: true });
  return { env: { ATELIER_DATA_DIR: dataDir }, kind: "pglite" };
}

describe("checkout under kill -9", () => {
  it(
    `keeps every acknowledged order exactly once across ${KILLS} crashes`,
    { timeout: 600_000 },
    async () => {
      const db = await freshDatabase();
      const port = await freePort();
      server = new ServerProcess(port, {
        ...db.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        ATELIER_TEST_MODE: "1",
        ATELIER_SEED_DEMO: "0",
        LOG_LEVEL: "warn",
      });
      const srv = server;
      await srv.start();

      const seller = new ApiClient(srv.url);
      await seller.signupSeller();
      const gig = await createActiveGig(seller);
      const admin = new ApiClient(srv.url);
      const adminUser = await admin.signup();
      expect((await admin.post("/api/test/admins", { email: adminUser.email })).status).toBe(204);
      const buyers = await Promise.all(
        Array.from({ length: BUYERS }, async () => {
          const client = new ApiClient(srv.url);
          await client.signup();
          return client;
        }),
      );

      const attempts: Attempt[] = [];
      let up = true;
      let stop = false;
      const checkout = async (buyer: number, key: string, token: string): Promise<Attempt> => {
        const client = buyers[buyer];
        if (!client) throw new Error("no buyer");
        const body = {
          gigId: gig.id,
          tier: "basic",
          extraIds: [],
          quantity: 1,
          payment: { method: "card", token },
        };
        try {
          const res = await client.post<Order>("/api/orders", body, { "idempotency-key": key });
          return {
            buyer,
            key,
            token,
            status: res.status,
            replayed: res.headers.get("idempotent-replayed") === "true",
            ...(res.status === 201 ? { orderId: res.body.id } : {}),
          };
        } catch {
          return { buyer, key, token, status: null };
        }
      };
      const load = async (buyer: number) => {
        while (!stop) {
          if (!up) {
            await sleep(50);
            continue;
          }
          // One checkout in ten is declined: an acknowledged 402 must leave no order behind.
          const token = Math.random() < 0.1 ? "tok_chargeDeclined" : "tok_visa";
          attempts.push(await checkout(buyer, unique("crash"), token));
        }
      };
      const workers = buyers.map((_, i) => load(i));

      const answered = () => attempts.filter((a) => a.status !== null).length;
      for (let kill = 0; kill < KILLS; kill++) {
        // Kill in the middle of a steady load: a few answers since the (re)start, then a random moment.
        const target = answered() + 2 * BUYERS;
        const deadline = performance.now() + 120_000;
        while (answered() < target) {
          if (performance.now() > deadline)
            throw new Error(`no progress under load:\n${srv.output.join("")}`);
          await sleep(20);
        }
        await sleep(Math.random() * 1000);
        up = false;
        await srv.kill();
        await srv.start();
        up = true;
      }
      await sleep(500);
      stop = true;
      await Promise.all(workers);

      const acknowledged = attempts.filter((a) => a.status !== null);
      const unanswered = attempts.filter((a) => a.status === null);
      expect(acknowledged.filter((a) => a.status === 201).length).toBeGreaterThan(10);
      expect(acknowledged.every((a) => a.status === 201 || a.status === 402)).toBe(true);

      // Claims left in flight by a killed request are taken over after a minute.
      await admin.post("/api/test/clock", { advanceSeconds: 61 });
      const retried: Attempt[] = [];
      for (const a of unanswered) retried.push(await checkout(a.buyer, a.key, a.token));
      for (const r of retried)
        expect({ key: r.key, status: r.status }).toEqual({
          key: r.key,
          status: r.token === "tok_visa" ? 201 : 402,
        });
      // A replay of an acknowledged order answers the same order.
      for (const a of acknowledged.filter((x) => x.status === 201).slice(0, 10)) {
        expect((await checkout(a.buyer, a.key, a.token)).orderId).toBe(a.orderId);
      }

      const expected = new Map<number, Set<string>>();
      for (const a of [...acknowledged, ...retried]) {
        if (!a.orderId) continue;
        const set = expected.get(a.buyer) ?? new Set<string>();
        set.add(a.orderId);
        expected.set(a.buyer, set);
      }
      let orders = 0;
      for (const [i, client] of buyers.entries()) {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { data: Order[]; nextCursor: string | null } = (
            await client.get<{ data: Order[]; nextCursor: string | null }>(
              `/api/orders?role=buyer&limit=100${cursor ? `&cursor=${cursor}` : ""}`,
            )
          ).body;
          ids.push(...page.data.map((o) => o.id));
          cursor = page.nextCursor;
        } while (cursor);
        // Exactly once: every order a client was told about, and no order nobody asked for.
        expect(ids.length).toBe(new Set(ids).size);
        expect(new Set(ids)).toEqual(expected.get(i) ?? new Set());
        orders += ids.length;
      }

      const check = await admin.get<{ balanced: boolean; entries: number; negativeAccounts: unknown[] }>(
        "/api/admin/ledger/check",
      );
      expect(check.body).toMatchObject({ balanced: true, negativeAccounts: [], entries: orders });
      console.info(
        `crash test on ${db.kind}: ${KILLS} kills, ${attempts.length} checkouts, ${unanswered.length} cut off and retried ` +
          `(${retried.filter((r) => r.replayed).length} had committed before the kill), ${orders} orders`,
      );
      // Authorizations of checkouts cut off before their commit are voided by reconciliation once
      // they are older than the TTL (10 minutes): no card stays charged or held without an order.
      await admin.post("/api/test/clock", { advanceSeconds: 11 * 60 });
      // A clean stop still works after all that (SIGKILL if it does not within 20 seconds).
      await Promise.race([srv.kill("SIGTERM"), sleep(20_000)]);
      await srv.kill();
      const direct = db.env.DATABASE_URL
        ? postgresDb(db.env.DATABASE_URL, 1)
        : await openPglite({ dataDir: path.join(db.env.ATELIER_DATA_DIR ?? "", "pglite") });
      try {
        const charges = await direct.query<{ status: string; claims: number }>(
          `SELECT c.status, (SELECT count(*) FROM orders o WHERE o.charge_id = c.id)::int AS claims FROM sandbox_charges c`,
        );
        const captured = charges.filter((ch) => ch.status === "captured");
        expect(captured.every((ch) => Number(ch.claims) === 1)).toBe(true);
        expect(captured).toHaveLength(orders);
        expect(charges.filter((ch) => ch.status === "authorized")).toEqual([]);
        expect(charges.filter((ch) => ch.status === "voided").every((ch) => Number(ch.claims) === 0)).toBe(
          true,
        );
        console.info(
          `crash test on ${db.kind}: ${charges.filter((ch) => ch.status === "voided").length} orphaned or declined authorizations voided`,
        );
      } finally {
        await direct.close();
      }
    },
  );
});
