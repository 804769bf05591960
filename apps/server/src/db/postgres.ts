import { createHash } from "node:crypto";
import pg from "pg";
import type { Db, Expectation, Queryable } from "./client";
import {
  CHANNEL_NAME,
  deferredError,
  deferredStatement,
  isAborted,
  runDeferred,
  runHooks,
  type Deferred,
} from "./deferred";

// BIGINT and NUMERIC come back as strings from node-postgres by default; amounts are safe integers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Statements are prepared per connection under a name derived from their text, so PostgreSQL parses
 * and plans each once per connection instead of on every call (about 40 % of the database's CPU on
 * the checkout path). The names are cached here so the hash is computed once per text.
 */
const statementNames = new Map<string, string>();
function prepared(text: string, params: readonly unknown[] | undefined): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = "s_" + createHash("sha1").update(text).digest("base64url").slice(0, 20);
    statementNames.set(text, name);
  }
  return { name, text, values: params ? [...params] : [] };
}

export function postgresDb(connectionString: string, max = 10): Db {
  // Pipeline mode: a query is written as soon as it is issued, without waiting for the answer to the
  // one before, so a transaction's deferred writes and its next query share one round trip.
  const pool = new pg.Pool({ connectionString, max, pipeline: true });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight see their own error.
  });
  const standalone = coalescing(pool);
  return {
    kind: "postgres",
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await standalone(prepared(sql, params));
      return result.rows as T[];
    },
    defer: (sql: string, params: readonly unknown[] = [], expect?: Expectation) =>
      runDeferred((s, p) => standalone(prepared(s, p)), { sql, params, expect }),
    async exec(sql: string) {
      await pool.query(sql);
    },
    afterCommit: (fn) => fn(),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      const committed: (() => void)[] = [];
      // BEGIN rides with the first batch; deferred writes with the next query or with COMMIT.
      const pending: Deferred[] = [{ sql: "BEGIN", params: [], expect: undefined }];
      // A statement that fails only because an earlier one did (25P02) reports the earlier one's
      // error: the failing statement may be one nobody awaits (sent just before the COMMIT).
      let failure: { error: unknown } | undefined;
      const sent: Promise<unknown>[] = [];
      const send = (last: pg.QueryConfig) => {
        const earlier = [...sent];
        const answer = pipelined(client, pending.splice(0), last).catch(async (e: unknown) => {
          if (isAborted(e)) {
            // The cause was sent before: once every earlier statement has answered, say that.
            await Promise.allSettled(earlier);
            if (failure) throw failure.error;
          }
          failure = { error: e };
          throw e;
        });
        sent.push(answer);
        return answer;
      };
      let released = false;
      try {
        const value = await fn({
          async query<R>(sql: string, params?: readonly unknown[]) {
            const result = await send(prepared(sql, params));
            return result.rows as R[];
          },
          defer(sql: string, params: readonly unknown[] = [], expect?: Expectation) {
            pending.push({ sql, params, expect });
            return Promise.resolve();
          },
          async exec(sql: string) {
            await send({ text: sql });
          },
          afterCommit: (f) => committed.push(f),
        });
        const done = await send({ text: "COMMIT" });
        // COMMIT of a transaction a statement failed in (one sent without waiting for its answer)
        // answers ROLLBACK, not an error.
        if (done.command === "ROLLBACK") {
          await Promise.allSettled(sent);
          if (failure) throw failure.error;
          throw new Error("the transaction was rolled back");
        }
        client.release();
        released = true;
        runHooks(committed);
        return value;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw e;
      } finally {
        if (!released) client.release();
      }
    },
    listen: (channel, onPayload, onReconnect) =>
      listenPostgres(connectionString, channel, onPayload, onReconnect),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

/**
 * Statements outside a transaction, issued by any request in the same turn of the event loop, go
 * to the server on one connection in one write (pipelined), instead of a connection and a network
 * write each: under load the requests of a turn share a round trip. Each statement still runs and
 * commits on its own (every one ends with its own Sync), so one's failure is not another's.
 */
function coalescing(pool: pg.Pool): (config: pg.QueryConfig) => Promise<pg.QueryResult> {
  let queue: {
    config: pg.QueryConfig;
    resolve: (r: pg.QueryResult) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      for (const item of batch) item.reject(e);
      return;
    }
    const stream = streamOf(client);
    stream.cork();
    let broken: Error | undefined;
    const sent = batch.map((item) =>
      client.query(item.config).then(item.resolve, (e: unknown) => {
        // An error without a SQLSTATE is the connection's own: the pool must not hand it out again.
        if (!(e as { code?: unknown }).code) broken = e instanceof Error ? e : new Error(String(e));
        item.reject(e);
      }),
    );
    stream.uncork();
    await Promise.all(sent);
    client.release(broken);
  };
  return (config) =>
    new Promise((resolve, reject) => {
      queue.push({ config, resolve, reject });
      if (queue.length === 1) setImmediate(() => void flush());
    });
}

function streamOf(client: pg.PoolClient) {
  return (
    client as unknown as { connection: { stream: NodeJS.WritableStream & { cork(): void; uncork(): void } } }
  ).connection.stream;
}

/**
 * Sends `batch` and then `last` on `client` in one write (the socket is corked while they are
 * queued) and waits for all the answers. The first failure wins: a failed statement aborts the
 * transaction, so what follows it fails too (and a COMMIT after it only rolls back).
 */
async function pipelined(client: pg.PoolClient, batch: Deferred[], last: pg.QueryConfig) {
  if (batch.length === 0) return client.query(last);
  const stream = streamOf(client);
  stream.cork();
  const sent = batch.map((d) => {
    const st = deferredStatement(d);
    return client.query(d.sql === "BEGIN" ? { text: "BEGIN" } : prepared(st.sql, st.params));
  });
  const answer = client.query(last);
  stream.uncork();
  const results = await Promise.allSettled([...sent, answer]);
  for (const [i, r] of results.entries()) {
    if (r.status === "rejected") throw i < batch.length ? deferredError(batch[i]!, r.reason) : r.reason;
  }
  return answer;
}

/** Longest wait between two attempts to re-establish a lost LISTEN connection. */
const LISTEN_MAX_BACKOFF_MS = 10_000;

async function listenPostgres(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect: (() => void) | undefined,
): Promise<() => Promise<void>> {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let current: pg.Client | undefined;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoffMs = 250;

  const open = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString });
    client.on("notification", (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    // Either event means this connection is gone; `lost` is idempotent per client.
    client.on("error", () => lost(client));
    client.on("end", () => lost(client));
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    return client;
  };

  const retry = () => {
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (stopped) return;
      open().then(
        (client) => {
          if (stopped) {
            void client.end().catch(() => undefined);
            return;
          }
          current = client;
          backoffMs = 250;
          onReconnect?.();
        },
        () => {
          backoffMs = Math.min(backoffMs * 2, LISTEN_MAX_BACKOFF_MS);
          retry();
        },
      );
    }, backoffMs);
  };

  const lost = (client: pg.Client) => {
    if (client !== current || stopped) return;
    current = undefined;
    void client.end().catch(() => undefined);
    retry();
  };

  current = await open();
  return async () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    const client = current;
    current = undefined;
    await client?.end().catch(() => undefined);
  };
}
