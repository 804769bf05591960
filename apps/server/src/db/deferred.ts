import type { Expectation } from "./client";

/** A write queued in a transaction until its next query or COMMIT (`Queryable.defer`). */
export interface Deferred {
  sql: string;
  params: readonly unknown[];
  expect: Expectation | undefined;
}

export function runHooks(hooks: readonly (() => void)[]): void {
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
export function deferredStatement(d: Deferred): { sql: string; params: readonly unknown[] } {
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
export function deferredError(d: Deferred, e: unknown): unknown {
  if (d.expect?.orElse && isExpectationFailure(e)) return d.expect.orElse();
  return d.expect?.mapError ? d.expect.mapError(e) : e;
}

/** SQLSTATE 25P02: a statement sent after an earlier one failed in the same transaction. */
export function isAborted(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "25P02";
}

/** Runs one deferred write now, through `run`, with its expectation's error when it fails. */
export async function runDeferred(
  run: (sql: string, params: readonly unknown[]) => Promise<unknown>,
  d: Deferred,
): Promise<void> {
  const st = deferredStatement(d);
  await run(st.sql, st.params).catch((e: unknown) => {
    throw deferredError(d, e);
  });
}

/** LISTEN channels are identifiers spliced into SQL: only plain lower-case names. */
export const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
