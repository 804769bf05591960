import type { Queryable } from "../db/client";

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
): Promise<Taken> {
  const windowFloor = new Date(now.getTime() - windowSeconds * 1000);
  const rows = await db.query<{ window_start: Date; count: number }>(
    `INSERT INTO rate_limit_buckets (bucket, window_start, count) VALUES ($1, $2, 1)
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
