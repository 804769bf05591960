import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/platform/ids";
import { ApiClient, unique } from "../client";
import { buildGig } from "../api/search.helpers";
import { insertActiveGig } from "../factories/gigs";
import { browserSocket } from "../messaging/messaging.helpers";
import { orderBody } from "../orders/orders.helpers";
import { createSearchState } from "../../src/modules/search/search.indexer";
import { findNginx, startCluster, type Cluster } from "./cluster";

const databaseUrl = process.env.DATABASE_URL;
const nginx = findNginx();

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** A client whose cookies were set by one process, talking to another process (or the proxy). */
function sameBrowser(from: ApiClient, url: string): ApiClient {
  const other = new ApiClient(url);
  for (const [k, v] of from.cookies) other.cookies.set(k, v);
  return other;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Several processes need one database server: the embedded PGlite lives inside a single process and
// cannot be shared, so this runs on PostgreSQL only (CI runs the suite with DATABASE_URL as well).
// It also needs nginx, which `.ci/run` installs from the Debian packages.
describe.runIf(databaseUrl && nginx)(
  "three server processes on one PostgreSQL behind nginx (needs DATABASE_URL and nginx)",
  () => {
    let cluster: Cluster;

    beforeAll(async () => {
      cluster = await startCluster({
        baseDatabaseUrl: databaseUrl ?? "",
        processes: 3,
        env: { ATELIER_TEST_MODE: "1" },
      });
    }, 240_000);

    afterAll(async () => {
      await cluster?.close();
    }, 60_000);

    const direct = (i: number) => cluster.servers[i]?.url ?? "";

    it("keeps a session made on one process on the others and through the proxy", async () => {
      const one = new ApiClient(direct(0));
      const user = await one.signup({ username: unique("mpsession") });
      for (const url of [direct(1), direct(2), cluster.proxyUrl]) {
        const me = await sameBrowser(one, url).get<{ username: string }>("/api/me");
        expect(me.status).toBe(200);
        expect(me.body.username).toBe(user.username);
      }
      // Signing out on another process ends the session everywhere.
      const out = await sameBrowser(one, direct(2)).post("/api/auth/logout", {});
      expect(out.status).toBeLessThan(300);
      expect((await sameBrowser(one, direct(1)).get("/api/me")).status).toBe(401);
    });

    it("serves an upload received by one process from every other, byte for byte", async () => {
      const owner = new ApiClient(direct(0));
      await owner.signup();
      const bytes = Buffer.from(randomBytes(200_000).toString("base64"));
      const form = new FormData();
      form.append("file", new Blob([bytes], { type: "text/plain" }), "data.txt");
      const up = await owner.post<{ id: string; sha256: string }>("/api/files", form);
      expect(up.status).toBe(201);
      expect(up.body.sha256).toBe(sha256(bytes));
      for (const url of [direct(1), direct(2), cluster.proxyUrl]) {
        const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
        const res = await fetch(`${url}/api/files/${up.body.id}`, { headers: { cookie } });
        expect(res.status).toBe(200);
        expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
        // Still private on every process.
        expect((await fetch(`${url}/api/files/${up.body.id}`)).status).toBe(404);
      }
    });

    it("pushes a message posted through one process to a socket held by another", async () => {
      const buyer = new ApiClient(direct(0));
      const seller = new ApiClient(direct(2));
      const buyerUser = await buyer.signup({ username: unique("mpbuyer") });
      const sellerUser = await seller.signupSeller({ username: unique("mpseller") });
      const sellerTab = await browserSocket({ url: direct(2) }, seller);
      // The buyer's tab goes through the proxy, wherever it lands.
      const buyerTab = await browserSocket({ url: cluster.proxyUrl }, sameBrowser(buyer, cluster.proxyUrl));
      try {
        const opened = await buyer.post<{ id: string }>("/api/conversations", {
          username: sellerUser.username,
        });
        expect(opened.status).toBe(201);
        const sent = await buyer.post<{ id: string }>(`/api/conversations/${opened.body.id}/messages`, {
          body: "Hello across three processes",
        });
        expect(sent.status).toBe(201);
        const frame = await sellerTab.next("message.created", (d) => d.messageId === sent.body.id, 10_000);
        expect(frame.data.message).toMatchObject({
          body: "Hello across three processes",
          sender: { username: buyerUser.username },
        });
        await buyerTab.next("message.created", (d) => d.messageId === sent.body.id, 10_000);
      } finally {
        sellerTab.close();
        buyerTab.close();
      }
    });

    it("runs every scheduled job exactly once, whichever process picks it up", async () => {
      // The recurring jobs every process ensures at start exist once, not once per process.
      const recurring = await cluster.db.query<{ kind: string; n: string }>(
        `SELECT kind, count(*)::text AS n FROM scheduled_jobs
         WHERE done_at IS NULL AND dead_at IS NULL
           AND kind IN ('platform.purge_idempotency_keys', 'payments.reconcile', 'reputation.evaluate_levels')
         GROUP BY kind ORDER BY kind`,
      );
      expect(recurring).toEqual([
        { kind: "payments.reconcile", n: "1" },
        { kind: "platform.purge_idempotency_keys", n: "1" },
        { kind: "reputation.evaluate_levels", n: "1" },
      ]);
      // 300 jobs due now; the three runners race for them.
      const ids = Array.from({ length: 300 }, () => newId("job"));
      await cluster.db.query(
        `INSERT INTO scheduled_jobs (id, kind, version, payload, run_at, created_at)
         SELECT id, 'notifications.send_email', 1, '{}'::jsonb, now(), now() FROM unnest($1::text[]) AS id`,
        [ids],
      );
      const rows = await waitFor(
        "the jobs to run",
        async () => {
          const r = await cluster.db.query<{ id: string; attempts: number; done: boolean; dead: boolean }>(
            `SELECT id, attempts, done_at IS NOT NULL AS done, dead_at IS NOT NULL AS dead
           FROM scheduled_jobs WHERE id = ANY($1::text[])`,
            [ids],
          );
          return r.every((j) => j.done || j.dead) ? r : undefined;
        },
        60_000,
      );
      expect(rows).toHaveLength(300);
      // attempts is raised in the transaction that runs the job: 1 means it ran (and committed) once.
      expect(rows.filter((j) => !(j.done && j.attempts === 1))).toEqual([]);
    }, 90_000);

    it("answers a search identically on every process", async () => {
      const seller = new ApiClient(direct(0));
      const user = await seller.signupSeller();
      const word = `zq${randomBytes(4).toString("hex")}`;
      for (const [i, thing] of ["mural", "poster", "portrait"].entries()) {
        await buildGig({ db: cluster.db, state: { search: createSearchState() } }, user.id, {
          title: `I will paint a ${word} ${thing} for you`,
          price: 3000 + i * 1000,
        });
      }
      const answers = await waitFor("the gig to be searchable", async () => {
        const got = await Promise.all(
          [0, 1, 2].map(
            async (i) =>
              (await (await fetch(`${direct(i)}/api/search/gigs?q=${word}`)).json()) as { searchId: string },
          ),
        );
        return got.every((a) => JSON.stringify(a).split(word).length === 4) ? got : undefined;
      });
      // Each answer carries its own searchId (for click tracking); everything else is the same.
      const [a, b, c] = answers.map(({ searchId: _, ...rest }: { searchId: string }) => rest);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
    });

    it("loses no acknowledged order when a process is killed -9 under load", async () => {
      const seller = new ApiClient(cluster.proxyUrl);
      const sellerUser = await seller.signupSeller();
      const gigId = await insertActiveGig(cluster.db, sellerUser.id);
      const buyers = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const c = new ApiClient(cluster.proxyUrl);
          await c.signup();
          return c;
        }),
      );
      type Outcome = { status: number; id?: string; upstream: string; startedAt: number; endedAt: number };
      const outcomes: Outcome[] = [];
      let killedAt = Number.POSITIVE_INFINITY;
      let stop = false;
      const t0 = performance.now();
      const worker = async (buyer: ApiClient) => {
        while (!stop) {
          const startedAt = performance.now() - t0;
          let status: number;
          let id: string | undefined;
          let upstream = "";
          try {
            const res = await buyer.post<{ id: string }>("/api/orders", orderBody(gigId), {
              "idempotency-key": unique("mpkey"),
            });
            status = res.status;
            id = res.body?.id;
            upstream = res.headers.get("x-upstream") ?? "";
          } catch {
            status = 0; // the connection itself failed
          }
          outcomes.push({ status, id, upstream, startedAt, endedAt: performance.now() - t0 });
        }
      };
      const load = Promise.all(buyers.map(worker));
      await new Promise((r) => setTimeout(r, 3_000));
      killedAt = performance.now() - t0;
      await cluster.kill(1);
      const deadAt = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 4_000));
      stop = true;
      await load;

      const placed = outcomes.filter((o) => o.status === 201);
      const failed = outcomes.filter((o) => o.status !== 201);
      expect(placed.length).toBeGreaterThan(30);
      // Only requests that were in flight on the killed process failed: nginx names it as their
      // upstream, they started before it was gone, and there are no more of them than clients.
      const killedPort = `127.0.0.1:${cluster.servers[1]?.port}`;
      expect(
        failed.map((o) => ({ status: o.status, upstream: o.upstream, before: o.startedAt <= deadAt })),
      ).toEqual(failed.map(() => ({ status: 502, upstream: killedPort, before: true })));
      expect(failed.length).toBeLessThanOrEqual(buyers.length);
      expect(placed.some((o) => o.upstream === killedPort)).toBe(true);
      // Everything started a moment after the kill succeeded: nginx sends nothing more to the dead one.
      expect(outcomes.filter((o) => o.startedAt > killedAt + 1_000 && o.status !== 201)).toEqual([]);

      // Every acknowledged order is in the database, paid, and the ledger still balances.
      const ids = placed.map((o) => o.id);
      const stored = await cluster.db.query<{ id: string }>(
        "SELECT id FROM orders WHERE id = ANY($1::text[])",
        [ids],
      );
      expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
      const unbalanced = await cluster.db.query(
        "SELECT transaction_id FROM ledger_postings GROUP BY transaction_id, currency HAVING sum(amount) <> 0",
      );
      expect(unbalanced).toEqual([]);
      const [total] = await cluster.db.query<{ sum: string | null }>(
        "SELECT sum(amount)::text AS sum FROM ledger_postings",
      );
      expect(total?.sum ?? "0").toBe("0");
      // The surviving processes still answer, directly and through the proxy.
      for (const url of [direct(0), direct(2), cluster.proxyUrl]) {
        expect((await fetch(`${url}/api/health`)).status).toBe(200);
      }
    }, 120_000);
  },
);
