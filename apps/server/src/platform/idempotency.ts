import { createHash } from "node:crypto";
import type { Db, Queryable } from "../db/client";
import type { Clock } from "./clock";
import { type AppError, badRequest, conflict, idempotencyKeyReused, isAppError } from "./errors";

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** An in-flight claim older than this is taken to belong to a crashed request and may be taken over. */
export const IDEMPOTENCY_LOCK_SECONDS = 60;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotentResult extends StoredResponse {
  replayed: boolean;
}

/** Saves the response in the caller's own transaction, so the work and its record commit together. */
export type SaveResponse = (tx: Queryable, response: StoredResponse) => Promise<void>;

interface KeyRow {
  request_hash: string;
  status: "in_flight" | "done";
  response_code: number | null;
  response_body: unknown;
  locked_at: Date | null;
  created_at: Date;
}

export function validateIdempotencyKey(key: string | string[] | undefined): string {
  if (typeof key !== "string" || key.length < 1 || key.length > 255) {
    throw badRequest("idempotency_key_required", "Send an Idempotency-Key header of 1 to 255 characters.");
  }
  return key;
}

/** A stable hash of the request's parameters: key order in objects does not matter. */
export function requestHash(methodPath: string, params: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          // Code-point order: localeCompare would make the hash depend on the process's locale.
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => [k, canonical(x)]),
      );
    }
    return v;
  };
  return createHash("sha256")
    .update(methodPath + "\n" + JSON.stringify(canonical(params)))
    .digest("hex");
}

/**
 * Runs `work` at most once per (user, key) within 24 hours (API.md section 0):
 * - the first request claims the key (committed as `in_flight`) and runs;
 * - `work` must call `save` inside the transaction that commits its effects;
 * - a replay with the same parameters returns the stored status and body;
 * - other parameters → 422; a duplicate while the first is in flight → 409;
 * - a problem (4xx AppError) is stored and replayed too; an unexpected failure frees the key so the
 *   client can retry, and a claim left by a crashed process is taken over after a minute.
 */
export async function runIdempotent(
  deps: { db: Db; clock: Clock },
  input: { userId: string; key: string; methodPath: string; params: unknown },
  work: (save: SaveResponse) => Promise<StoredResponse>,
): Promise<IdempotentResult> {
  const { db, clock } = deps;
  const hash = requestHash(input.methodPath, input.params);
  const claimed = await db.transaction(async (tx) => {
    const now = clock.now();
    const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_SECONDS * 1000);
    const staleBefore = new Date(now.getTime() - IDEMPOTENCY_LOCK_SECONDS * 1000);
    await tx.query("DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at < $3", [
      input.userId,
      input.key,
      expiredBefore,
    ]);
    const inserted = await tx.query(
      `INSERT INTO idempotency_keys (user_id, key, method_path, request_hash, status, locked_at, created_at)
       VALUES ($1, $2, $3, $4, 'in_flight', $5, $5)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [input.userId, input.key, input.methodPath, hash, now],
    );
    if (inserted.length > 0) return { kind: "claimed" as const, at: now };
    const rows = await tx.query<KeyRow>(
      "SELECT request_hash, status, response_code, response_body, locked_at, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2 FOR UPDATE",
      [input.userId, input.key],
    );
    const row = rows[0];
    if (!row) return { kind: "in_flight" as const };
    if (row.request_hash !== hash) return { kind: "reused" as const };
    if (row.status === "done") {
      return {
        kind: "replay" as const,
        response: { status: row.response_code ?? 200, body: row.response_body },
      };
    }
    if (row.locked_at && row.locked_at < staleBefore) {
      await tx.query("UPDATE idempotency_keys SET locked_at = $3 WHERE user_id = $1 AND key = $2", [
        input.userId,
        input.key,
        now,
      ]);
      return { kind: "claimed" as const, at: now };
    }
    return { kind: "in_flight" as const };
  });

  if (claimed.kind === "reused") throw idempotencyKeyReused();
  if (claimed.kind === "in_flight") {
    throw conflict("A request with this Idempotency-Key is still being processed.", "idempotency_in_flight");
  }
  if (claimed.kind === "replay") return { ...claimed.response, replayed: true };

  // `locked_at` fences the claim: a request so slow that a retry took its claim over may no longer
  // record a response (its transaction rolls back) nor free the key, so the work never commits twice.
  const claimedAt = claimed.at;
  const store = async (tx: Queryable, response: StoredResponse): Promise<boolean> => {
    const rows = await tx.query(
      `UPDATE idempotency_keys SET status = 'done', response_code = $4, response_body = $5::jsonb, locked_at = NULL
       WHERE user_id = $1 AND key = $2 AND status = 'in_flight' AND locked_at = $3 RETURNING key`,
      [input.userId, input.key, claimedAt, response.status, JSON.stringify(response.body ?? null)],
    );
    return rows.length > 0;
  };
  const save: SaveResponse = async (tx, response) => {
    if (!(await store(tx, response))) {
      throw conflict("This request took too long and was taken over by a retry.", "idempotency_in_flight");
    }
  };
  try {
    const response = await work(save);
    return { ...response, replayed: false };
  } catch (e) {
    if (isAppError(e) && e.status < 500 && e.status !== 409) {
      // A definite answer (declined card, bad input) is part of the key's history: replay it.
      await db.transaction((tx) => store(tx, { status: e.status, body: problemBody(e) }));
    } else {
      await db.query(
        "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status = 'in_flight' AND locked_at = $3",
        [input.userId, input.key, claimedAt],
      );
    }
    throw e;
  }
}

export function problemBody(e: AppError): Record<string, unknown> {
  return {
    type: `/api/docs/errors#${e.code}`,
    title: e.title,
    status: e.status,
    code: e.code,
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.errors ? { errors: e.errors } : {}),
  };
}

/** Purges expired keys; run by scheduled work. */
export async function purgeExpiredIdempotencyKeys(db: Queryable, now: Date): Promise<void> {
  await db.query("DELETE FROM idempotency_keys WHERE created_at < $1", [
    new Date(now.getTime() - IDEMPOTENCY_TTL_SECONDS * 1000),
  ]);
}
