// Small sums over a search's counts, and the walk-or-scan choice they drive, used by the memory
// index (search.memory-index.ts).
import type { CountRow } from "./search.models";
import type { MemoryQuery, Tally } from "./search.memory-types";
import type { SlotList } from "./search.memory-slots";

/** How many documents of each text class a search's counts hold (index: the class). */
export function classSizes(counted: readonly CountRow[]): number[] {
  const total = counted.find((r) => r.group === "total");
  if (!total) return [0, 0, 0];
  return [total.n - total.strong_n, total.strong_n - total.title_n, total.title_n];
}

export function sum(counts: Float64Array, from: number, n: number): number {
  let out = 0;
  for (let i = from; i < from + n; i++) out += counts[i] ?? 0;
  return out;
}

/**
 * The counting rows of a tally: the total, then each category and level that has documents
 * (`codes`: the index's category and level values, by code).
 */
export function countRows(
  tally: Tally,
  deliveryDays: readonly number[],
  titleN: number,
  strongN: number,
  codes: { categories: readonly string[]; levels: readonly string[] },
): CountRow[] {
  const width = deliveryDays.length + 1;
  const countRow = (
    group: CountRow["group"],
    categoryId: string | null,
    sellerLevel: string | null,
    counts: Float64Array,
    at: number,
  ): CountRow => ({
    group,
    category_id: categoryId,
    seller_level: sellerLevel,
    n: sum(counts, at, width),
    title_n: group === "total" ? titleN : 0,
    strong_n: group === "total" ? strongN : 0,
    delivery: deliveryDays.map((_, b) => sum(counts, at, b + 1)),
  });
  return [
    countRow("total", null, null, tally.total, 0),
    ...codes.categories
      .map((id, c) => countRow("category", id, null, tally.byCategory, c * width))
      .filter((r) => r.n > 0),
    ...codes.levels
      .map((value, l) => countRow("level", null, value, tally.byLevel, l * width))
      .filter((r) => r.n > 0),
  ];
}

/**
 * Whether a relevance page is cheaper walked (per class, the quality order, reading about
 * need × documents / class size rows of an index of `size` documents) than scanned (every match).
 */
export function walkPays(
  size: number,
  matched: SlotList,
  counted: readonly CountRow[],
  q: MemoryQuery,
): boolean {
  const sizes = classSizes(counted);
  let remaining = q.need;
  let reads = 0;
  for (let textClass = q.after?.textClass ?? 2; textClass >= 0 && remaining > 0; textClass--) {
    const classSize = sizes[textClass] ?? 0;
    if (classSize === 0) continue;
    reads += Math.min(size, (remaining * size) / classSize);
    remaining -= classSize;
  }
  return reads < matched.length;
}
