import { z } from "zod";
import { validationFailed } from "./errors";

/**
 * Keyset pagination, one shape for every list (API.md: `?limit=&cursor=`, responses
 * `{ data, nextCursor }`). A cursor is opaque to clients: base64url of the JSON of the sort key of
 * the last row shown, read back through a zod schema, so a cursor this server did not write is a
 * 400 `validation_failed` on `cursor`, never a 500 or a wrong page.
 */

export type CursorKey = readonly (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** The key of a cursor, or null when it is not one this schema describes. */
export function parseCursor<S extends z.ZodType>(cursor: string, schema: S): z.infer<S> | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** As `parseCursor`, but a bad cursor is a 400 problem (`validation_failed`, path `cursor`). */
export function decodeCursor<S extends z.ZodType>(
  cursor: string,
  schema: S,
  message = "is not a valid cursor",
): z.infer<S> {
  const key = parseCursor(cursor, schema);
  if (key === null) throw validationFailed([{ path: "cursor", message }]);
  return key;
}

/** An ISO-8601 instant in a cursor, read as a Date. */
export const cursorInstant = z.iso.datetime().transform((s) => new Date(s));

/** The common key of newest-first lists: (instant, id). */
export const TimeIdCursor = z.tuple([cursorInstant, z.string().min(1)]).transform(([at, id]) => ({ at, id }));

/** A non-negative integer key (sequence numbers, serial ids). */
export const SeqCursor = z.tuple([z.number().int().nonnegative()]).transform(([n]) => n);

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * The page envelope from `limit + 1` rows read: the first `limit` rows, and a cursor after the last
 * of them when there was one more row.
 */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  item: (row: Row) => Item,
  keyOf: (last: Row) => CursorKey | null,
): Page<Item> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const key = rows.length > limit && last !== undefined ? keyOf(last) : null;
  return { data: shown.map(item), nextCursor: key ? encodeCursor(key) : null };
}
