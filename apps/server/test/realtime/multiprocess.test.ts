import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDb } from "../../src/db/postgres";
import { ApiClient, unique } from "../client";
import { browserSocket } from "../messaging/messaging.helpers";

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const databaseUrl = process.env.DATABASE_URL;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface Process {
  url: string;
  child: ChildProcess;
  output: string[];
}

/** Starts `npx tsx src/entrypoints/server.ts` as its own process group and waits for /api/health. */
async function startServer(env: Record<string, string>): Promise<Process> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn("npx", ["tsx", "src/entrypoints/server.ts"], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr?.on("data", (c: Buffer) => output.push(c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 90_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output.join("")}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, child, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${output.join("")}`);
}

async function stopServer(p: Process | undefined): Promise<void> {
  if (!p?.child.pid || p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once("exit", r));
  // The group: npx, tsx and the node process running the server.
  process.kill(-p.child.pid, "SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

// PGlite is one in-process database, so two processes can only share a PostgreSQL server: this runs
// when DATABASE_URL is set (CI runs the whole suite on PostgreSQL as well).
describe.runIf(databaseUrl)(
  "real time across two server processes sharing one PostgreSQL (needs DATABASE_URL)",
  () => {
    const name = `atelier_mp_${randomBytes(5).toString("hex")}`;
    let admin: ReturnType<typeof postgresDb>;
    let dataDir: string;
    let one: Process | undefined;
    let two: Process | undefined;

    beforeAll(async () => {
      admin = postgresDb(databaseUrl ?? "", 1);
      await admin.query(`CREATE DATABASE ${name}`);
      const target = new URL(databaseUrl ?? "");
      target.pathname = `/${name}`;
      dataDir = await mkdtemp(path.join(tmpdir(), "atelier-mp-"));
      const env = {
        DATABASE_URL: target.toString(),
        ATELIER_SEED_DEMO: "0",
        ATELIER_DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        NODE_ENV: "development",
      };
      // One after the other: the first migrates the fresh database, the second finds it ready.
      one = await startServer(env);
      two = await startServer(env);
    }, 180_000);

    afterAll(async () => {
      await stopServer(one);
      await stopServer(two);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.close();
      await rm(dataDir, { recursive: true, force: true });
    }, 60_000);

    it("delivers a message posted through one process to a socket held by the other", async () => {
      if (!one || !two) throw new Error("servers not started");
      const buyer = new ApiClient(one.url);
      const seller = new ApiClient(two.url);
      const buyerUser = await buyer.signup({ username: unique("mpbuyer") });
      const sellerUser = await seller.signupSeller({ username: unique("mpseller") });

      // The seller's tab is connected to process two; the buyer's to process one.
      const sellerTab = await browserSocket(two, seller);
      const buyerTab = await browserSocket(one, buyer);

      const opened = await buyer.post("/api/conversations", { username: sellerUser.username });
      expect(opened.status).toBe(201);
      const sent = await buyer.post(`/api/conversations/${opened.body.id}/messages`, {
        body: "Hello across processes",
      });
      expect(sent.status).toBe(201);

      const onTwo = await sellerTab.next("message.created", (d) => d.messageId === sent.body.id, 10_000);
      expect(onTwo.data.message).toMatchObject({
        body: "Hello across processes",
        sender: { username: buyerUser.username },
      });
      await sellerTab.next("notification.created", (d) => d.notification.kind === "message_received", 10_000);
      // The sender's own tab on process one hears of it as well.
      await buyerTab.next("message.created", (d) => d.messageId === sent.body.id, 10_000);

      // And back: the seller answers through process two, the buyer's socket on process one hears it.
      const reply = await seller.post(`/api/conversations/${opened.body.id}/messages`, {
        body: "Hello back",
      });
      expect(reply.status).toBe(201);
      await buyerTab.next("message.created", (d) => d.messageId === reply.body.id, 10_000);
      sellerTab.close();
      buyerTab.close();
    }, 60_000);
  },
);
