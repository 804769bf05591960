import type { CardRow, CountRow, FilterSizes, SearchFilters, TextClass } from "./search.models";

/**
 * Counts without the database: from the sample's rows held in memory (searches without words, and
 * the sizes that plan a page) and from a page that holds every match. Pure functions, no I/O.
 */

/**
 * The columns of a sample document that filters and facets read. The search keeps the sample's
 * rows in memory (10,000 small rows) to count searches without words without a statement.
 */
export interface SampleRow {
  categoryId: string;
  topCategoryId: string;
  sellerLevel: string;
  price: number;
  deliveryDays: number;
  ratingSum: number;
  ratingCount: number;
}

/**
 * Sample rows stored by column, text values as indexes into small dictionaries: counting 10,000 of
 * them is a loop over typed arrays, fast even before the JavaScript engine has optimised it (the
 * first few dozen searches of a process, when a loop over objects and maps took 3–10 ms).
 */
export interface SampleColumns {
  size: number;
  /** Category ids (subcategories and top categories alike); `category` and `topCategory` index it. */
  categoryIds: string[];
  category: Uint32Array;
  topCategory: Uint32Array;
  levels: string[];
  level: Uint32Array;
  price: Float64Array;
  deliveryDays: Float64Array;
  ratingSum: Float64Array;
  ratingCount: Float64Array;
}

export function sampleColumns(rows: readonly SampleRow[]): SampleColumns {
  const categoryIds: string[] = [];
  const levels: string[] = [];
  const codes = new Map<string, number>();
  const code = (dictionary: string[], value: string) => {
    const key = `${dictionary === levels ? "l" : "c"}:${value}`;
    let n = codes.get(key);
    if (n === undefined) {
      n = dictionary.push(value) - 1;
      codes.set(key, n);
    }
    return n;
  };
  const out: SampleColumns = {
    size: rows.length,
    categoryIds,
    category: new Uint32Array(rows.length),
    topCategory: new Uint32Array(rows.length),
    levels,
    level: new Uint32Array(rows.length),
    price: new Float64Array(rows.length),
    deliveryDays: new Float64Array(rows.length),
    ratingSum: new Float64Array(rows.length),
    ratingCount: new Float64Array(rows.length),
  };
  rows.forEach((r, i) => {
    out.category[i] = code(categoryIds, r.categoryId);
    out.topCategory[i] = code(categoryIds, r.topCategoryId);
    out.level[i] = code(levels, r.sellerLevel);
    out.price[i] = r.price;
    out.deliveryDays[i] = r.deliveryDays;
    out.ratingSum[i] = r.ratingSum;
    out.ratingCount[i] = r.ratingCount;
  });
  return out;
}

/** The filters as codes of a sample's dictionaries (-1: a value no sample row has). */
function codedFilters(s: SampleColumns, f: SearchFilters) {
  return {
    category: f.category ? s.categoryIds.indexOf(f.category.id) : null,
    categoryIsTop: f.category?.isTop ?? false,
    level: f.sellerLevel === null ? null : s.levels.indexOf(f.sellerLevel),
    min: f.minPrice ?? Number.NEGATIVE_INFINITY,
    max: f.maxPrice ?? Number.POSITIVE_INFINITY,
    days: f.maxDeliveryDays ?? Number.POSITIVE_INFINITY,
    rating: f.minRatingCenti,
  };
}

/**
 * The counting rows of a search without words over the sample: what the repository's count query
 * returns for the sample table (total, per category one level below the filter, per level), with
 * the same filter tests as its SQL (`filterClauses`).
 */
export function countSampleRows(
  s: SampleColumns,
  f: SearchFilters,
  deliveryDays: readonly number[],
): CountRow[] {
  const c = codedFilters(s, f);
  const buckets = deliveryDays.length;
  const byCategory = new Int32Array(s.categoryIds.length * (buckets + 1));
  const byLevel = new Int32Array(s.levels.length * (buckets + 1));
  const total = new Int32Array(buckets + 1);
  const facet = f.category ? s.category : s.topCategory;
  for (let i = 0; i < s.size; i++) {
    if (c.category !== null && (c.categoryIsTop ? s.topCategory[i] : s.category[i]) !== c.category) continue;
    if (c.level !== null && s.level[i] !== c.level) continue;
    const price = s.price[i] ?? 0;
    if (price < c.min || price > c.max) continue;
    const days = s.deliveryDays[i] ?? 0;
    if (days > c.days) continue;
    if (c.rating !== null) {
      const count = s.ratingCount[i] ?? 0;
      if (!(count > 0 && (s.ratingSum[i] ?? 0) * 100 >= c.rating * count)) continue;
    }
    const cat = (facet[i] ?? 0) * (buckets + 1);
    const lvl = (s.level[i] ?? 0) * (buckets + 1);
    total[0] = (total[0] ?? 0) + 1;
    byCategory[cat] = (byCategory[cat] ?? 0) + 1;
    byLevel[lvl] = (byLevel[lvl] ?? 0) + 1;
    for (let b = 0; b < buckets; b++) {
      if (days <= (deliveryDays[b] ?? 0)) {
        total[b + 1] = (total[b + 1] ?? 0) + 1;
        byCategory[cat + b + 1] = (byCategory[cat + b + 1] ?? 0) + 1;
        byLevel[lvl + b + 1] = (byLevel[lvl + b + 1] ?? 0) + 1;
      }
    }
  }
  const row = (
    group: CountRow["group"],
    category: string | null,
    level: string | null,
    counts: Int32Array,
    at: number,
  ): CountRow => ({
    group,
    category_id: category,
    seller_level: level,
    n: counts[at] ?? 0,
    title_n: 0,
    strong_n: 0,
    delivery: deliveryDays.map((_, b) => counts[at + b + 1] ?? 0),
  });
  return [
    row("total", null, null, total, 0),
    ...s.categoryIds
      .map((id, k) => row("category", id, null, byCategory, k * (buckets + 1)))
      .filter((r) => r.n > 0),
    ...s.levels
      .map((level, k) => row("level", null, level, byLevel, k * (buckets + 1)))
      .filter((r) => r.n > 0),
  ];
}

/**
 * The counting rows of a complete result set (a first page that came back shorter than asked):
 * what the count query would return for it. `textClass` must be known for every row when the
 * search has words (the relevance class sizes come from it); without words it is not needed.
 */
export function countRowsOfPage(
  rows: readonly { row: CardRow; textClass: TextClass | null }[],
  f: SearchFilters,
  deliveryDays: readonly number[],
): CountRow[] {
  const row = (group: CountRow["group"], category: string | null, level: string | null): CountRow => ({
    group,
    category_id: category,
    seller_level: level,
    n: 0,
    title_n: 0,
    strong_n: 0,
    delivery: deliveryDays.map(() => 0),
  });
  const total = row("total", null, null);
  const byCategory = new Map<string, CountRow>();
  const byLevel = new Map<string, CountRow>();
  for (const { row: r, textClass } of rows) {
    const category = f.category ? r.category_id : r.top_category_id;
    const c = byCategory.get(category) ?? row("category", category, null);
    byCategory.set(category, c);
    const l = byLevel.get(r.seller_level) ?? row("level", null, r.seller_level);
    byLevel.set(r.seller_level, l);
    for (const target of [total, c, l]) {
      target.n++;
      if (textClass === 2) target.title_n++;
      if (textClass !== null && textClass >= 1) target.strong_n++;
      deliveryDays.forEach((days, i) => {
        if (r.delivery_days <= days) target.delivery[i] = (target.delivery[i] ?? 0) + 1;
      });
    }
  }
  return [total, ...byCategory.values(), ...byLevel.values()];
}

/** `FilterSizes` from the sample, scaled by the inverse sampling rate (one pass over the rows). */
export function filterSizes(s: SampleColumns, f: SearchFilters, scale: number): FilterSizes {
  const c = codedFilters(s, f);
  let category = 0;
  let level = 0;
  let price = 0;
  let delivery = 0;
  for (let i = 0; i < s.size; i++) {
    if ((c.categoryIsTop ? s.topCategory[i] : s.category[i]) === c.category) category++;
    if (s.level[i] === c.level) level++;
    const p = s.price[i] ?? 0;
    if (p >= c.min && p <= c.max) price++;
    if ((s.deliveryDays[i] ?? 0) <= c.days) delivery++;
  }
  const scaled = (n: number) => Math.round(n * scale);
  return {
    category: f.category ? scaled(category) : null,
    sellerLevel: f.sellerLevel === null ? null : scaled(level),
    price: f.minPrice === null && f.maxPrice === null ? null : scaled(price),
    delivery: f.maxDeliveryDays === null ? null : scaled(delivery),
  };
}
