/** The database interface every module uses, over PGlite (`pglite.ts`) or node-postgres (`postgres.ts`). */

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
  /** Connection counts of a pool (PostgreSQL); absent for an in-process database. */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
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
