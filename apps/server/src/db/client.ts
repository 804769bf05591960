import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { createHash } from "node:crypto";
import pg from "pg";

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Queues a write whose result the caller does not need. Inside a transaction it is sent together
   * with the transaction's next query, or with COMMIT — on PostgreSQL in the same network round trip
   * (pipelined) — so a transaction of many writes and few reads costs few round trips. A failure
   * surfaces at that point and rolls the whole transaction back. With `expect`, the database itself
   * fails the statement unless exactly `expect.rows` rows were written (the statement must not have
   * its own RETURNING), and `expect.orElse()` is what the caller then sees. Outside a transaction the
   * write simply runs before `defer` returns.
   */
  defer(sql: string, params?: readonly unknown[], expect?: Expectation): Promise<void>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` once the transaction has committed (never if it rolls back); outside a transaction,
   * at once. For side effects that must not hold the transaction open or lock anything in it. `fn`
   * must not throw: the transaction has committed, so a failure is ignored rather than reported as
   * the transaction's.
   */
  afterCommit(fn: () => void): void;
}

/**
 * What a deferred write must do: write exactly `rows` rows (else `orElse()` is the error), and/or
 * have its database errors turned into the caller's own (`mapError`, e.g. a CHECK violation into
 * "insufficient funds").
 */
export interface Expectation {
  rows?: number;
  orElse?: () => Error;
  mapError?: (e: unknown) => unknown;
}

interface Deferred {
  sql: string;
  params: readonly unknown[];
  expect: Expectation | undefined;
}

function runHooks(hooks: readonly (() => void)[]): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // Committed already: the caller must not see the transaction as failed (see afterCommit).
    }
  }
}

/** Marks the database error a failed expectation raises (`atelier_expect_rows`, migration 0015). */
const EXPECTATION_FAILED = "atelier_expectation_failed";

/** The statement that runs `d` and makes the database fail it when the row count is not the expected one. */
function deferredStatement(d: Deferred): { sql: string; params: readonly unknown[] } {
  if (d.expect?.rows === undefined) return d;
  const n = d.params.length;
  return {
    sql: `WITH w AS (${d.sql} RETURNING 1) SELECT atelier_expect_rows((SELECT count(*) FROM w)::int, $${n + 1}::int, '${EXPECTATION_FAILED}')`,
    params: [...d.params, d.expect.rows],
  };
}

function isExpectationFailure(e: unknown): boolean {
  return e instanceof Error && e.message.includes(EXPECTATION_FAILED);
}

/** The error a failed deferred write stands for: its expectation's own, or the database's. */
function deferredError(d: Deferred, e: unknown): unknown {
  if (d.expect?.orElse && isExpectationFailure(e)) return d.expect.orElse();
  return d.expect?.mapError ? d.expect.mapError(e) : e;
}

/** SQLSTATE 25P02: a statement sent after an earlier one failed in the same transaction. */
function isAborted(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "25P02";
}

/** Runs one deferred write now, through `run`, with its expectation's error when it fails. */
async function runDeferred(
  run: (sql: string, params: readonly unknown[]) => Promise<unknown>,
  d: Deferred,
): Promise<void> {
  const st = deferredStatement(d);
  await run(st.sql, st.params).catch((e: unknown) => {
    throw deferredError(d, e);
  });
}

export type DbKind = "pglite" | "postgres";

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel`: `onPayload` receives each NOTIFY payload, committed ones only, in commit
   * order. On PostgreSQL this holds one dedicated connection (not one of the pool's) and reconnects
   * by itself; notifications sent while it was away are lost, so `onReconnect` tells the caller to
   * let its clients catch up. Resolves once listening; the returned function stops.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const PGLITE_EXTENSIONS = { pg_trgm };

/** Wraps an open PGlite instance. PGlite has one connection; its own mutex serialises transactions. */
export function pgliteDb(pglite: PGlite): Db {
  const run = async <T>(q: Pick<PGlite, "query">, sql: string, params?: readonly unknown[]) =>
    (await q.query<T>(sql, params ? [...params] : undefined)).rows;
  return {
    kind: "pglite",
    query: (sql, params) => run(pglite, sql, params),
    defer: (sql, params = [], expect) => runDeferred((s, p) => run(pglite, s, p), { sql, params, expect }),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    afterCommit: (fn) => fn(),
    transaction: async (fn) => {
      const committed: (() => void)[] = [];
      let failure: { error: unknown } | undefined;
      const value = await pglite
        .transaction(async (tx) => {
          // Deferred writes run in order before the next query and before COMMIT: the same points at
          // which they take effect (and fail) on PostgreSQL, where they travel with that query.
          const pending: Deferred[] = [];
          // Statements run one after another in the order they were issued, awaited or not. A statement
          // that fails only because an earlier one did (25P02) reports the earlier one's error.
          let chain: Promise<unknown> = Promise.resolve();
          const flush = async () => {
            for (const d of pending.splice(0)) await runDeferred((s, p) => run(tx, s, p), d);
          };
          const inOrder = <R>(step: () => Promise<R>): Promise<R> => {
            const result = chain.then(async () => {
              try {
                return await step();
              } catch (e) {
                if (isAborted(e) && failure) throw failure.error;
                failure = { error: e };
                throw e;
              }
            });
            chain = result.catch(() => undefined);
            return result;
          };
          const value = await fn({
            query: (sql, params) =>
              inOrder(async () => {
                await flush();
                return run(tx, sql, params);
              }),
            defer: (sql, params = [], expect) => {
              pending.push({ sql, params, expect });
              return Promise.resolve();
            },
            exec: (sql) =>
              inOrder(async () => {
                await flush();
                await tx.exec(sql);
              }),
            afterCommit: (f) => committed.push(f),
          });
          await inOrder(flush);
          return value;
        })
        .catch((e: unknown) => {
          // PGlite's own COMMIT of a transaction a statement failed in (one nobody awaited) says
          // "rolled back" (25P02): the statement's error is the one to report.
          if (failure && (isAborted(e) || (e instanceof Error && /rolled back/i.test(e.message)))) {
            throw failure.error;
          }
          throw e;
        });
      runHooks(committed);
      return value;
    },
    listen: async (channel, onPayload) => {
      if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid channel name ${channel}`);
      // One process, one connection: NOTIFY reaches this process's own LISTEN at commit.
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    close: () => pglite.close(),
  };
}

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File }): Promise<Db> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
  });
  return pgliteDb(pglite);
}

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

/**
 * The rows' values as one array per column, for `unnest($1::text[], $2::bigint[], …)`: `pick` gives a
 * row's values in the statement's column order. No rows give no columns, unless `width` says how
 * many empty ones the statement expects.
 */
export function columns<T>(rows: readonly T[], pick: (row: T) => readonly unknown[], width = 0): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) pick(row).forEach((value, c) => (out[c] ??= []).push(value));
  return out;
}

/** The first row, or undefined. */
export async function one<T>(q: Queryable, sql: string, params?: readonly unknown[]): Promise<T | undefined> {
  const rows = await q.query<T>(sql, params);
  return rows[0];
}
