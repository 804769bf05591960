import { createHash } from "node:crypto";
import { columns, type Db, type Expectation, type Queryable } from "../db/client";
import { createBatcher } from "./batcher";
import type { AppState } from "./deps";
import type { Clock } from "./clock";
import { type AppError, badRequest, conflict, idempotencyKeyReused, isAppError } from "./errors";

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** An in-flight claim older than this is taken to belong to a crashed request and may be taken over. */
export const IDEMPOTENCY_LOCK_SECONDS = 60;

export interface StoredResponse {
  status: number;
  body: unknown;
  /** The body as JSON, when the work has it already (it is stored and sent as is, not serialized twice). */
  json?: string;
}

export interface IdempotentResult extends StoredResponse {
  replayed: boolean;
}

/** Saves the response in the caller's own transaction, so the work and its record commit together. */
export type SaveResponse = (tx: Queryable, response: StoredResponse) => Promise<void>;

/** A claim this request holds on its key: `claimedAt` fences it (see runIdempotent). */
export interface KeyClaim {
  userId: string;
  key: string;
  claimedAt: Date;
}

/**
 * Records the responses of several claimed requests in the caller's transaction, in one statement
 * (deferred: it travels with the transaction's COMMIT). The database refuses it — rolling the work
 * back — unless every claim is still the caller's.
 */
export function saveResponses(
  tx: Queryable,
  saved: readonly { claim: KeyClaim; response: StoredResponse }[],
): Promise<void> {
  return recordResponses(tx, saved, {
    rows: saved.length,
    orElse: () =>
      conflict("This request took too long and was taken over by a retry.", "idempotency_in_flight"),
  });
}

/** Records responses of claims that are still held; with `expect`, every one must be. */
function recordResponses(
  q: Queryable,
  saved: readonly { claim: KeyClaim; response: StoredResponse }[],
  expect?: Expectation,
): Promise<void> {
  if (saved.length === 0) return Promise.resolve();
  return q.defer(
    `UPDATE idempotency_keys AS k SET status = 'done', response_code = v.code, response_body = v.body::json,
       locked_at = NULL
     FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::text[]) AS v(user_id, key, locked_at, code, body)
     WHERE k.user_id = v.user_id AND k.key = v.key AND k.status = 'in_flight' AND k.locked_at = v.locked_at`,
    columns(saved, (s) => [
      s.claim.userId,
      s.claim.key,
      s.claim.claimedAt,
      s.response.status,
      s.response.json ?? JSON.stringify(s.response.body ?? null),
    ]),
    expect,
  );
}

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

type Claim =
  | { kind: "claimed"; at: Date }
  | { kind: "in_flight" }
  | { kind: "reused" }
  | { kind: "replay"; response: StoredResponse };

interface ClaimRequest {
  userId: string;
  key: string;
  methodPath: string;
  hash: string;
}

/**
 * Claims keys, in one statement however many: a new key, an expired one (older
 * than 24 h: a new claim) or a claim left in flight by a crashed request for the same parameters
 * (taken over) becomes ours; otherwise the row as it stands says replay, reuse or in flight.
 */
async function claimMany(db: Db, now: Date, requests: readonly ClaimRequest[]): Promise<Claim[]> {
  const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_SECONDS * 1000);
  const staleBefore = new Date(now.getTime() - IDEMPOTENCY_LOCK_SECONDS * 1000);
  // One statement: the keys it takes, and for the others the rows as they stood when it began (a
  // row committed by a concurrent request since then is not seen, and its key reads as in flight).
  const rows = await db.query<
    { user_id: string; key: string; taken: boolean } & Partial<Omit<KeyRow, "locked_at" | "created_at">>
  >(
    `WITH r AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(user_id, key, method_path, request_hash)
     ), taken AS (
       INSERT INTO idempotency_keys AS k (user_id, key, method_path, request_hash, status, locked_at, created_at)
       SELECT user_id, key, method_path, request_hash, 'in_flight', $5, $5 FROM r
       ORDER BY user_id, key
       ON CONFLICT (user_id, key) DO UPDATE SET
         method_path = EXCLUDED.method_path, request_hash = EXCLUDED.request_hash, status = 'in_flight',
         response_code = NULL, response_body = NULL, locked_at = EXCLUDED.locked_at,
         created_at = CASE WHEN k.created_at < $6 THEN EXCLUDED.created_at ELSE k.created_at END
       WHERE k.created_at < $6
          OR (k.status = 'in_flight' AND k.locked_at < $7 AND k.request_hash = EXCLUDED.request_hash)
       RETURNING user_id, key
     )
     SELECT r.user_id, r.key, (t.key IS NOT NULL) AS taken, k.request_hash, k.status, k.response_code, k.response_body
     FROM r LEFT JOIN taken t ON t.user_id = r.user_id AND t.key = r.key
       LEFT JOIN idempotency_keys k ON t.key IS NULL AND k.user_id = r.user_id AND k.key = r.key`,
    [...columns(requests, (r) => [r.userId, r.key, r.methodPath, r.hash]), now, expiredBefore, staleBefore],
  );
  const byId = new Map(rows.map((r) => [`${r.user_id}\n${r.key}`, r]));
  return requests.map((r): Claim => {
    const row = byId.get(`${r.userId}\n${r.key}`);
    if (row?.taken) return { kind: "claimed", at: now };
    if (!row?.request_hash) return { kind: "in_flight" };
    if (row.request_hash !== r.hash) return { kind: "reused" };
    if (row.status === "done") {
      return { kind: "replay", response: { status: row.response_code ?? 200, body: row.response_body } };
    }
    return { kind: "in_flight" };
  });
}

/** Claims of concurrent requests share one statement: one claimer per app (`deps.state.idempotency`). */
export function createIdempotencyState({ db, clock }: { db: Db; clock: Clock }) {
  return {
    claimer: createBatcher<ClaimRequest, Claim>({
      maxSize: 64,
      concurrency: 2,
      // One statement may not touch one key twice: a second request for it waits for the next batch
      // (and finds the first one's claim in flight).
      keyOf: (r) => `${r.userId}\n${r.key}`,
      write: (requests) => claimMany(db, clock.now(), requests),
    }),
  };
}

declare module "./deps" {
  interface AppState {
    idempotency: ReturnType<typeof createIdempotencyState>;
  }
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
  deps: { db: Db; clock: Clock; state: Pick<AppState, "idempotency"> },
  input: { userId: string; key: string; methodPath: string; params: unknown },
  work: (save: SaveResponse, claim: KeyClaim) => Promise<StoredResponse>,
): Promise<IdempotentResult> {
  const { db } = deps;
  const hash = requestHash(input.methodPath, input.params);
  const claimed = await deps.state.idempotency.claimer.submit({
    userId: input.userId,
    key: input.key,
    methodPath: input.methodPath,
    hash,
  });
  if (claimed.kind === "reused") throw idempotencyKeyReused();
  if (claimed.kind === "in_flight") {
    throw conflict("A request with this Idempotency-Key is still being processed.", "idempotency_in_flight");
  }
  if (claimed.kind === "replay") return { ...claimed.response, replayed: true };

  // `locked_at` fences the claim: a request so slow that a retry took its claim over may no longer
  // record a response (its transaction rolls back) nor free the key, so the work never commits twice.
  const claimedAt = claimed.at;
  const held: KeyClaim = { userId: input.userId, key: input.key, claimedAt };
  const save: SaveResponse = (tx, response) => saveResponses(tx, [{ claim: held, response }]);
  try {
    const response = await work(save, held);
    return { ...response, replayed: false };
  } catch (e) {
    if (isAppError(e) && e.status < 500 && e.status !== 409) {
      // A definite answer (declined card, bad input) is part of the key's history: replay it.
      // Unless a retry took the claim over: then the answer is the retry's to record.
      await recordResponses(db, [{ claim: held, response: { status: e.status, body: problemBody(e) } }]);
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
