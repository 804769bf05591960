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

export async function clearBucket(db: Queryable, bucket: string): Promise<void> {
  await db.query("DELETE FROM rate_limit_buckets WHERE bucket = $1", [bucket]);
}
