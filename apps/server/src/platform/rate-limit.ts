import type { Db, Queryable } from "../db/client";

/**
 * Fixed-window counters kept in the database, so every server process shares them.
 * A window always ends: no counter can lock anyone out for longer than its window.
 */
export interface BucketState {
  count: number;
  /** Seconds until the window resets. */
  resetsIn: number;
}

export async function peekBucket(
  db: Queryable,
  bucket: string,
  windowSeconds: number,
  now: Date,
): Promise<BucketState> {
  const rows = await db.query<{ window_start: Date; count: number }>(
    "SELECT window_start, count FROM rate_limit_buckets WHERE bucket = $1",
    [bucket],
  );
  const row = rows[0];
  if (!row) return { count: 0, resetsIn: 0 };
  const elapsed = (now.getTime() - row.window_start.getTime()) / 1000;
  if (elapsed >= windowSeconds) return { count: 0, resetsIn: 0 };
  return { count: row.count, resetsIn: windowSeconds - elapsed };
}

export async function hitBucket(
  db: Queryable,
  bucket: string,
  windowSeconds: number,
  now: Date,
): Promise<BucketState> {
  const windowFloor = new Date(now.getTime() - windowSeconds * 1000);
  const rows = await db.query<{ window_start: Date; count: number }>(
    `INSERT INTO rate_limit_buckets (bucket, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (bucket) DO UPDATE SET
       count = CASE WHEN rate_limit_buckets.window_start <= $3 THEN 1 ELSE rate_limit_buckets.count + 1 END,
       window_start = CASE WHEN rate_limit_buckets.window_start <= $3 THEN $2 ELSE rate_limit_buckets.window_start END
     RETURNING window_start, count`,
    [bucket, now, windowFloor],
  );
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned nothing");
  return { count: row.count, resetsIn: windowSeconds - (now.getTime() - row.window_start.getTime()) / 1000 };
}

export interface Taken extends BucketState {
  /** False when the bucket was already full: the caller must refuse (429). */
  allowed: boolean;
  /** Identifies the window the unit came from, to give it back with `returnToBucket`. */
  windowStart: Date;
}

/**
 * Takes one unit if the bucket has room, in one atomic statement, so parallel requests cannot all
 * pass a check before any of them is counted. A full bucket stays at limit + 1 until its window ends.
 */
export async function takeFromBucket(
  db: Queryable,
  bucket: string,
  limit: number,
  windowSeconds: number,
  now: Date,
  /**
   * False for a statement of its own (never inside a transaction): it then commits without waiting
   * for its WAL flush. A request counter lost in a crash costs nothing, and the flush is the time
   * the bucket's row stays locked — every request of one client (or one shared address) waits for
   * the one before it.
   */
  durable = true,
): Promise<Taken> {
  const windowFloor = new Date(now.getTime() - windowSeconds * 1000);
  const values = durable
    ? "VALUES ($1, $2, 1)"
    : "SELECT $1, $2, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit";
  const rows = await db.query<{ window_start: Date; count: number }>(
    `INSERT INTO rate_limit_buckets (bucket, window_start, count) ${values}
     ON CONFLICT (bucket) DO UPDATE SET
       count = CASE WHEN rate_limit_buckets.window_start <= $3 THEN 1
                    WHEN rate_limit_buckets.count <= $4 THEN rate_limit_buckets.count + 1
                    ELSE rate_limit_buckets.count END,
       window_start = CASE WHEN rate_limit_buckets.window_start <= $3 THEN $2 ELSE rate_limit_buckets.window_start END
     RETURNING window_start, count`,
    [bucket, now, windowFloor, limit],
  );
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned nothing");
  return {
    allowed: row.count <= limit,
    count: Math.min(row.count, limit),
    resetsIn: windowSeconds - (now.getTime() - row.window_start.getTime()) / 1000,
    windowStart: row.window_start,
  };
}

/** Gives back a unit taken in the same window (an attempt that turned out not to count). */
export async function returnToBucket(db: Queryable, bucket: string, windowStart: Date): Promise<void> {
  await db.query(
    "UPDATE rate_limit_buckets SET count = count - 1 WHERE bucket = $1 AND window_start = $2 AND count > 0",
    [bucket, windowStart],
  );
}

export async function clearBucket(db: Queryable, bucket: string): Promise<void> {
  await db.query("DELETE FROM rate_limit_buckets WHERE bucket = $1", [bucket]);
}

// ---- General request limits (signup, login, reset, reports, uploads, messages, search) ----

export interface RateLimitRule {
  /** Requests allowed per window and key. */
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMIT_NAMES = [
  "signup",
  "login",
  "password_reset",
  "reports",
  "uploads",
  "messages",
  "search",
] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];
export type RateLimitRules = Record<RateLimitName, RateLimitRule>;

/**
 * Defaults per key (the signed-in user, else the client's IP). In test mode every limit is 100 times
 * higher so that suites making many requests from one address do not trip them; tests of the limits
 * set their own numbers.
 */
export function defaultRateLimits(testMode: boolean): RateLimitRules {
  const rules: RateLimitRules = {
    signup: { limit: 10, windowSeconds: 3600 },
    login: { limit: 60, windowSeconds: 600 },
    password_reset: { limit: 10, windowSeconds: 3600 },
    reports: { limit: 30, windowSeconds: 3600 },
    uploads: { limit: 120, windowSeconds: 3600 },
    messages: { limit: 300, windowSeconds: 3600 },
    search: { limit: 120, windowSeconds: 60 },
  };
  if (testMode) for (const rule of Object.values(rules)) rule.limit *= 100;
  return rules;
}

export interface LimitOutcome {
  allowed: boolean;
  remaining: number;
  resetsIn: number;
}

/**
 * Counts one request against `name` for `key` (atomic; shared by every process on the database).
 * `db` must not be a transaction: the count commits on its own, without waiting for the WAL flush.
 */
export async function consume(
  db: Db,
  name: string,
  rule: RateLimitRule,
  key: string,
  now: Date,
): Promise<LimitOutcome> {
  const taken = await takeFromBucket(db, `rl:${name}:${key}`, rule.limit, rule.windowSeconds, now, false);
  return {
    allowed: taken.allowed,
    remaining: Math.max(0, rule.limit - taken.count),
    resetsIn: taken.resetsIn,
  };
}

/**
 * The headers of the IETF draft "RateLimit header fields for HTTP" (structured fields):
 * `RateLimit-Policy: "search";q=120;w=60` and `RateLimit: "search";r=119;t=42`.
 */
export function rateLimitHeaders(
  name: string,
  rule: RateLimitRule,
  outcome: LimitOutcome,
): Record<string, string> {
  return {
    "RateLimit-Policy": `"${name}";q=${rule.limit};w=${rule.windowSeconds}`,
    RateLimit: `"${name}";r=${outcome.remaining};t=${Math.max(0, Math.ceil(outcome.resetsIn))}`,
  };
}
