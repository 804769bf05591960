import type { SearchSort } from "@atelier/contracts";
import type { MemoryIndex } from "./search.memory-index";
import {
  cursorKey,
  fingerprint,
  filtersForLog,
  shapeCounts,
  tsqueryText,
  type CardRow,
  type SearchCounts,
  type SearchFilters,
  type SearchTerm,
} from "./search.models";
import type { SearchRepository } from "./search.repository";
import type { CategoryIndex } from "./search.runtime";

/**
 * Never a dead end (API.md section 14, docs/search.md): when fewer than `relaxBelow` documents match
 * every word of a query of two or more words, the search answers with every document matching at
 * least one of them. Documents matching all words come first (they have the highest tier), then
 * those matching most words; within a tier, the usual order (text class and quality in relevance
 * order, else the sort). Both engines order by the same tier and answer the same pages.
 */

/** A relaxed search's page: rows with their tier, the exact counts. */
export interface RelaxedPage {
  counts: SearchCounts;
  rows: { row: CardRow; tier: number }[];
}

/** Where a relaxed page ends: the last row's tier, sort key and id. */
export interface RelaxedCursor {
  tier: number;
  key: number | string;
  gigId: string;
}

/** The terms that take part: words with stems (stop words and unknown stems have none). */
export function relaxableTerms(terms: readonly SearchTerm[]): SearchTerm[] {
  return terms.filter((t) => t.lexemes.length > 0);
}

export function relaxedFingerprint(
  terms: readonly SearchTerm[],
  filters: SearchFilters,
  sort: SearchSort,
): string {
  return fingerprint(JSON.stringify(["relaxed", terms.map((t) => t.lexemes), filtersForLog(filters), sort]));
}

export function encodeRelaxedCursor(print: string, row: { row: CardRow; tier: number }): string {
  const body = { f: print, t: row.tier, k: cursorKey(row.row), i: row.row.gig_id };
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

/** The cursor when it is one of this relaxed search's; null otherwise. */
export function decodeRelaxedCursor(text: string, print: string): RelaxedCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const f: unknown = Reflect.get(parsed, "f");
  const t: unknown = Reflect.get(parsed, "t");
  const k: unknown = Reflect.get(parsed, "k");
  const i: unknown = Reflect.get(parsed, "i");
  if (f !== print || typeof t !== "number" || !Number.isInteger(t) || t < 0 || t > 255) return null;
  if (typeof i !== "string" || !/^gig_[0-9a-z]+$/.test(i)) return null;
  if (
    !(typeof k === "number" && Number.isSafeInteger(k)) &&
    !(typeof k === "string" && !Number.isNaN(Date.parse(k)))
  )
    return null;
  return { tier: t, key: k, gigId: i };
}

export interface RelaxedArgs {
  terms: readonly SearchTerm[];
  filters: SearchFilters;
  sort: SearchSort;
  after: RelaxedCursor | null;
  need: number;
  categories: CategoryIndex;
  deliveryDays: readonly number[];
}

export function relaxedInMemory(index: MemoryIndex, a: RelaxedArgs): RelaxedPage {
  const result = index.relaxedSearch({
    terms: a.terms,
    filters: a.filters,
    sort: a.sort,
    after: a.after && { textClass: a.after.tier, key: a.after.key, gigId: a.after.gigId },
    need: a.need,
    deliveryDays: a.deliveryDays,
  });
  return {
    counts: shapeCounts(result.countRows, 1, a.categories.slugById, a.deliveryDays),
    rows: result.rows,
  };
}

export async function relaxedInSql(repo: SearchRepository, a: RelaxedArgs): Promise<RelaxedPage> {
  const termQueries = a.terms.flatMap((t) => tsqueryText([t]) ?? []);
  const any = termQueries.map((t) => `(${t})`).join(" | ");
  const countRows = await repo.count("search_documents", any, a.filters, a.deliveryDays);
  const rows = await repo.relaxedPage(termQueries, a.filters, a.sort, a.after, a.need);
  return {
    counts: shapeCounts(
      countRows.map((r) => ({ ...r, title_n: 0, strong_n: 0 })),
      1,
      a.categories.slugById,
      a.deliveryDays,
    ),
    rows: rows.map(({ tier, ...row }) => ({ row, tier: Number(tier) })),
  };
}
