import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
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
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: (sql, params) => run(tx, sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
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

export function postgresDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight see their own error.
  });
  return {
    kind: "postgres",
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await pool.query(sql, params ? [...params] : undefined);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const value = await fn({
          async query<R>(sql: string, params?: readonly unknown[]) {
            const result = await client.query(sql, params ? [...params] : undefined);
            return result.rows as R[];
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        });
        await client.query("COMMIT");
        return value;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    listen: (channel, onPayload, onReconnect) =>
      listenPostgres(connectionString, channel, onPayload, onReconnect),
    close: () => pool.end(),
  };
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

/** The first row, or undefined. */
export async function one<T>(q: Queryable, sql: string, params?: readonly unknown[]): Promise<T | undefined> {
  const rows = await q.query<T>(sql, params);
  return rows[0];
}
