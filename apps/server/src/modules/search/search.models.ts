import type { GigCard, SearchFacets, SearchSort } from "@atelier/contracts";
import { fileUrl } from "../files/files.public";
import { allIn, type FeeConfig } from "../orders/orders.public";
import type { SellerLevel } from "./search.ranking";
import { FILLER_WORDS, type SearchTerm } from "./search.terms";

export type { SearchTerm } from "./search.terms";

/**
 * Pure search logic: reading the query, typo candidates, the opaque cursor, the plan for a page,
 * and shaping rows into cards and facets. No I/O here.
 */

/** Relevance classes, strongest first: all words in the title; in title, tags or seller name; anywhere. */
export type TextClass = 2 | 1 | 0;
export const TEXT_CLASSES: readonly TextClass[] = [2, 1, 0];

/** Up to this many words of a query are searched; the rest are ignored. */
export const MAX_QUERY_WORDS = 10;

/**
 * The words of a query: lower case, letters and digits, in order,
 * without repeats, filler words dropped ("I need someone to …") unless nothing else is left.
 */
export function queryWords(
  q: string | undefined,
  keepWhole: (hyphenated: string) => boolean = () => false,
): string[] {
  if (!q) return [];
  const tokens =
    q
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
  // A hyphenated word is searched whole only when the synonyms know it ("e-commerce"); otherwise
  // as its parts, which documents hold whether they hyphenate it or not ("logo-design").
  const words = [...new Set(tokens.flatMap((t) => (t.includes("-") && !keepWhole(t) ? t.split("-") : [t])))];
  const content = words.filter((w) => !FILLER_WORDS.has(w));
  return (content.length > 0 ? content : words).slice(0, MAX_QUERY_WORDS);
}

/** The query as logged and suggested later: its words joined by single spaces. */
export function normalizedQuery(q: string | undefined): string | null {
  const words = queryWords(q);
  return words.length > 0 ? words.join(" ") : null;
}

/**
 * The query as others may be offered it: the normalised words with each corrected word replaced by
 * its correction ("logo desgin" → "logo design"); null without words, or when a word had several
 * equally good corrections (which one the buyer meant is unknown).
 */
export function suggestableQuery(
  terms: readonly { word: string; correctedTo: string[] | null }[],
): string | null {
  const words: string[] = [];
  for (const term of terms) {
    if (term.correctedTo === null) words.push(term.word);
    else if (term.correctedTo.length === 1 && term.correctedTo[0]) words.push(term.correctedTo[0]);
    else return null;
  }
  return words.length > 0 ? [...new Set(words)].join(" ") : null;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, so "desgin" is one
 * edit from "design"), giving up early once every path exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const previous = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (i > 0 && best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

export interface VocabularyWord {
  word: string;
  lexeme: string | null;
  docCount: number;
}

/** At most this many corrections are searched for one unknown word (as alternatives). */
export const MAX_CORRECTIONS = 3;

/**
 * The known words one edit away from an unknown `word` (a one-letter typo), most frequent first,
 * as distinct stems. Words shorter than `minLength` are never corrected: too many short words are
 * one edit apart ("logo", "long", "love").
 */
export function corrections(
  word: string,
  candidates: readonly VocabularyWord[],
  minLength: number,
): VocabularyWord[] {
  if ([...word].length < minLength || /^\p{N}+$/u.test(word)) return [];
  const seen = new Set<string>();
  return candidates
    .filter((c) => c.lexeme !== null && c.word !== word && editDistance(word, c.word, 1) <= 1)
    .sort((a, b) => b.docCount - a.docCount || (a.word < b.word ? -1 : 1))
    .filter((c) => {
      if (c.lexeme === null || seen.has(c.lexeme)) return false;
      seen.add(c.lexeme);
      return true;
    })
    .slice(0, MAX_CORRECTIONS);
}

/** One searched word: its stem, or the stems of its corrections (any of which may match). */

function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** The tsquery text every word must match: `'logo' & ('design' | 'deign')`. Null without terms. */
export function tsqueryText(terms: readonly SearchTerm[]): string | null {
  const parts = terms
    .filter((t) => t.lexemes.length > 0)
    .map((t) =>
      t.lexemes.length === 1
        ? quoteLexeme(t.lexemes[0] ?? "")
        : `(${t.lexemes.map(quoteLexeme).join(" | ")})`,
    );
  return parts.length > 0 ? parts.join(" & ") : null;
}

/** The filters of a search, resolved (the category slug to its id). */
export interface SearchFilters {
  category: { id: string; slug: string; isTop: boolean } | null;
  minPrice: number | null;
  maxPrice: number | null;
  maxDeliveryDays: number | null;
  sellerLevel: SellerLevel | null;
  /** Minimum average rating in hundredths (4.5 → 450), compared exactly as sum × 100 ≥ min × count. */
  minRatingCenti: number | null;
  /** Only gigs that declare this AI use (API.md section 12: `aiUse=none`). */
  aiUse: "none" | null;
}

/** A search without filters. */
export const NO_FILTERS: SearchFilters = {
  category: null,
  minPrice: null,
  maxPrice: null,
  maxDeliveryDays: null,
  sellerLevel: null,
  minRatingCenti: null,
  aiUse: null,
};

export function defaultSort(hasText: boolean): SearchSort {
  return hasText ? "relevance" : "best_selling";
}

/** The filters as logged (plain JSON, slugs not ids). */
export function filtersForLog(f: SearchFilters): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (f.category) out.category = f.category.slug;
  if (f.minPrice !== null) out.minPrice = f.minPrice;
  if (f.maxPrice !== null) out.maxPrice = f.maxPrice;
  if (f.maxDeliveryDays !== null) out.maxDeliveryDays = f.maxDeliveryDays;
  if (f.sellerLevel !== null) out.sellerLevel = f.sellerLevel;
  if (f.minRatingCenti !== null) out.minRating = f.minRatingCenti / 100;
  if (f.aiUse !== null) out.aiUse = f.aiUse;
  return out;
}

/** FNV-1a: a short fingerprint tying a cursor to the search that made it. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function searchFingerprint(tsquery: string | null, filters: SearchFilters, sort: SearchSort): string {
  return fingerprint(JSON.stringify([tsquery, filtersForLog(filters), sort]));
}

/** Where a page ends: the relevance class (text relevance only), the sort key and the id of the last row. */
export interface Cursor {
  fingerprint: string;
  textClass: TextClass | null;
  key: number | string;
  gigId: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(
    JSON.stringify({ f: c.fingerprint, c: c.textClass, k: c.key, i: c.gigId }),
    "utf8",
  ).toString("base64url");
}

/** The cursor, or null when it is malformed or belongs to another search (other words, filters or sort). */
export function decodeCursor(text: string, expectedFingerprint: string): Cursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const f: unknown = Reflect.get(parsed, "f");
  const c: unknown = Reflect.get(parsed, "c");
  const k: unknown = Reflect.get(parsed, "k");
  const i: unknown = Reflect.get(parsed, "i");
  if (f !== expectedFingerprint || typeof i !== "string" || !/^gig_[0-9a-z]+$/.test(i)) return null;
  if (
    !(typeof k === "number" && Number.isSafeInteger(k)) &&
    !(typeof k === "string" && !Number.isNaN(Date.parse(k)))
  )
    return null;
  if (c !== null && c !== 0 && c !== 1 && c !== 2) return null;
  return { fingerprint: f, textClass: c, key: k, gigId: i };
}

/**
 * How to fetch a page from a result set of about `estimate` documents, walking an index over
 * `population` documents (the whole index, or the slice of one category or seller level):
 * walk the sort-order index and filter ("scan": expected to read need × population / estimate
 * rows), or fetch the whole match set through the text/filter indexes and sort it ("match").
 * `matchCost` is what the match set costs to fetch: about `estimate` rows when a text index
 * drives it, but without words at least the documents that pass the most selective indexed filter
 * on its own ("price 100–120" AND "new seller" AND "4.8 stars" may match 1,600 of a million, yet
 * its bitmaps cover 100,000 rows). `orderCost` is what reading one row in sort order costs
 * relative to one row of a match set: below 1 for the quality order, which a bulk build lays out
 * physically. The scan gets a budget of four times its expected reads (never more than the match
 * set would cost); when it runs out, the page falls back to the match set.
 */
export function pagePlan(
  estimate: number,
  population: number,
  need: number,
  orderCost: number,
  matchCost = estimate,
): { strategy: "scan"; budget: number } | { strategy: "match" } {
  if (estimate <= 0) return { strategy: "match" };
  const expectedReads = (need * Math.max(population, estimate)) / estimate;
  const cost = Math.max(matchCost, estimate);
  if (expectedReads * orderCost >= cost) return { strategy: "match" };
  return {
    strategy: "scan",
    budget: Math.ceil(Math.max(200, Math.min(expectedReads * 4, cost / orderCost))),
  };
}

/** Relative cost of reading a row in each sort order (see `pagePlan`). */
export function orderCost(sort: SearchSort): number {
  return sort === "relevance" ? 0.25 : 1;
}

/** The columns a result card and a cursor need. */
export interface CardRow {
  gig_id: string;
  title: string;
  slug: string;
  seller_username: string;
  seller_display_name: string;
  seller_level: SellerLevel;
  currency: string;
  starting_price: number;
  rating_sum: number;
  rating_count: number;
  delivery_days: number;
  cover_file_id: string | null;
  ai_use: "none" | "assisted" | "generated";
  category_id: string;
  top_category_id: string;
  /** The sort key of this row under the search's sort. */
  sort_key: number | Date;
}

/** A result card; its all-in price is the pricing model's, from the engine-neutral card row. */
export function toGigCard(row: CardRow, fees: FeeConfig): GigCard {
  const startingPrice = { amount: row.starting_price, currency: row.currency };
  return {
    id: row.gig_id,
    title: row.title,
    slug: row.slug,
    seller: { username: row.seller_username, displayName: row.seller_display_name, level: row.seller_level },
    startingPrice,
    startingPriceAllIn: allIn(startingPrice, fees).total,
    rating: {
      average: row.rating_count > 0 ? Math.round((row.rating_sum / row.rating_count) * 100) / 100 : null,
      count: row.rating_count,
    },
    deliveryDays: row.delivery_days,
    coverImageUrl: row.cover_file_id ? fileUrl(row.cover_file_id, "card") : null,
    aiUse: row.ai_use,
  };
}

export function cursorKey(row: CardRow): number | string {
  return row.sort_key instanceof Date ? row.sort_key.toISOString() : row.sort_key;
}

/** One row of the counting query: a facet group (category or level) or the grand total. */
export interface CountRow {
  group: "total" | "category" | "level";
  category_id: string | null;
  seller_level: string | null;
  n: number;
  title_n: number;
  strong_n: number;
  delivery: number[];
}

/** Documents passing each filter on its own, estimated (null: no such filter). */
export interface FilterSizes {
  category: number | null;
  sellerLevel: number | null;
  /** The price range (both bounds together). */
  price: number | null;
  delivery: number | null;
}

/** Result counts of a search: the total, each relevance class and the facets. */
export interface SearchCounts {
  total: number;
  exact: boolean;
  classes: Record<TextClass, number>;
  facets: SearchFacets;
  /** Searches without words: how many documents pass each filter on its own (see `filterSizes`). */
  filterSizes?: FilterSizes;
}

const LEVELS: readonly SellerLevel[] = ["new", "level_1", "level_2", "top_rated"];

/**
 * Turns counting rows into totals and facets. `scale` is 1 for an exact count, and the inverse
 * sampling rate for a sample (estimates are rounded to two significant digits, never to zero when
 * the sample saw something).
 */
export function shapeCounts(
  rows: readonly CountRow[],
  scale: number,
  categorySlugs: ReadonlyMap<string, string>,
  deliveryDays: readonly number[],
): SearchCounts {
  const exact = scale === 1;
  const estimate = (n: number) => (exact || n === 0 ? n : roundEstimate(n * scale));
  const total = rows.find((r) => r.group === "total");
  const categories = rows
    .filter((r) => r.group === "category" && r.category_id !== null && r.n > 0)
    .map((r) => ({ slug: categorySlugs.get(r.category_id ?? "") ?? "", count: estimate(r.n) }))
    .filter((c) => c.slug !== "")
    .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1));
  const sellerLevels = LEVELS.map((level) => ({
    level,
    count: estimate(rows.find((r) => r.group === "level" && r.seller_level === level)?.n ?? 0),
  })).filter((l) => l.count > 0);
  const n = total?.n ?? 0;
  const title = total?.title_n ?? 0;
  const strong = total?.strong_n ?? 0;
  return {
    total: estimate(n),
    exact,
    classes: { 2: estimate(title), 1: estimate(strong - title), 0: estimate(n - strong) },
    facets: {
      categories,
      sellerLevels,
      deliveryDays: deliveryDays.map((maxDays, i) => ({ maxDays, count: estimate(total?.delivery[i] ?? 0) })),
    },
  };
}

/** Two significant digits: 661,234 → 660,000; 1,234 → 1,200. */
export function roundEstimate(n: number): number {
  if (n < 100) return Math.max(1, Math.round(n));
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
}
