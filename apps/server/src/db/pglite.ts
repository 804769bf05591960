import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { Db } from "./client";
import { CHANNEL_NAME, isAborted, runDeferred, runHooks, type Deferred } from "./deferred";

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
