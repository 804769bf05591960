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
import { SAMPLE_KEY_SPAN } from "./search.index-repository";
import type { SearchRepository } from "./search.repository";
import type { CategoryIndex, PageRows, SampleSettings } from "./search.runtime";

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

/** At most this many k-word combinations make one "at least k of the terms" query. */
const MAX_COMBINATIONS = 64;

/**
 * A tsquery matching documents that have at least `k` of the terms; null past `MAX_COMBINATIONS`
 * k-term combinations. Written factored — at least k of (t, rest…) = (t & at least k−1 of rest) |
 * at least k of rest — not as the OR of every k-term AND: the same documents, but the text index
 * evaluates the query on every document holding one of the rarer terms (tens of thousands for a
 * sentence of common words), and the factored tree is a half to a third of the flat one's size
 * (7 terms, k = 4: 69 terms instead of 140; 370 → 150 ms for the statement at a million gigs).
 */
export function atLeastQuery(termQueries: readonly string[], k: number): string | null {
  if (k < 1 || k > termQueries.length || binomial(termQueries.length, k) > MAX_COMBINATIONS) return null;
  const atLeast = (from: number, k: number): string => {
    const rest = termQueries.slice(from).map((t) => `(${t})`);
    if (k === rest.length) return `(${rest.join(" & ")})`;
    if (k === 1) return `(${rest.join(" | ")})`;
    return `((${rest[0]} & ${atLeast(from + 1, k - 1)}) | ${atLeast(from + 1, k)})`;
  };
  return atLeast(0, k);
}

function binomial(n: number, k: number): number {
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return Math.round(out);
}

/**
 * A relaxed page through SQL. Every document matching k of the terms outranks every one matching
 * fewer (its tier is at least 3k in relevance order, k under other sorts), so when the sample says
 * that the documents with at least k terms hold a page, only they are ranked — a few hundred rows
 * instead of the union of every term's matches (hundreds of thousands at a million gigs for a long
 * sentence). The result is exact whenever that set fills the page after the cursor; otherwise the
 * whole union is ranked. Counts come from the sample when the union is large, as for other searches.
 */
export async function relaxedInSql(
  repo: SearchRepository,
  a: RelaxedArgs,
  sample: SampleSettings,
  exactCountLimit: number,
  /** The first page of one tsquery's matches in the sort's order (the SQL engine's page plans). */
  orderedPage: (tsquery: string, counts: SearchCounts, need: number) => Promise<PageRows>,
): Promise<RelaxedPage> {
  const termQueries = a.terms.flatMap((t) => tsqueryText([t]) ?? []);
  const any = termQueries.map((t) => `(${t})`).join(" | ");
  const noClasses = (rows: Awaited<ReturnType<SearchRepository["count"]>>) =>
    rows.map((r) => ({ ...r, title_n: 0, strong_n: 0 }));
  const exactCounts = async () =>
    shapeCounts(
      noClasses(await repo.count("search_documents", any, a.filters, a.deliveryDays)),
      1,
      a.categories.slugById,
      a.deliveryDays,
    );
  const sampled = sample.threshold < SAMPLE_KEY_SPAN && a.filters.aiUse === null;
  // Two terms on a first page: the only k is 2, which the single-term step below asks anyway, so
  // the sample's matched-term counts are not needed.
  const onlyPairs = termQueries.length === 2 && a.after === null;
  let counts: SearchCounts;
  // The union's estimate with its text classes, which plan the single-term tiers' page.
  let withClasses: SearchCounts | null = null;
  // Sampled documents with exactly k terms, and with each term (one statement with the counts).
  let termCounts: { exactly: number[]; perTerm: number[] } | null = null;
  if (sampled) {
    let sampleRows: Awaited<ReturnType<SearchRepository["count"]>>;
    if (onlyPairs) sampleRows = await repo.count("search_sample", any, a.filters, a.deliveryDays);
    else {
      const both = await repo.sampleTermCounts(termQueries, a.filters, a.deliveryDays);
      sampleRows = both.rows;
      termCounts = both;
    }
    const scale = SAMPLE_KEY_SPAN / sample.threshold;
    withClasses = shapeCounts(sampleRows, scale, a.categories.slugById, a.deliveryDays);
    const estimate = shapeCounts(noClasses(sampleRows), scale, a.categories.slugById, a.deliveryDays);
    counts = estimate.total > exactCountLimit ? estimate : await exactCounts();
  } else counts = await exactCounts();

  let rows: Awaited<ReturnType<SearchRepository["relaxedPage"]>> | null = null;
  // The "at least k" tsqueries name the terms most frequent first (in the sample): the same
  // documents, but the text index evaluates that tree faster (docs/search.md).
  let byFrequency = termQueries;
  if (termCounts && counts.total > exactCountLimit) {
    // The largest k whose "at least k" set holds at least three sampled documents (about three
    // sampling intervals: a page with room to spare).
    const { exactly, perTerm } = termCounts;
    byFrequency = termQueries
      .map((t, i) => ({ t, n: perTerm[i] ?? 0 }))
      .sort((x, y) => y.n - x.n)
      .map((x) => x.t);
    // A cursor already past every document with k terms: that set has nothing left to give.
    const pastCursor = (k: number) => a.after !== null && a.after.tier < (a.sort === "relevance" ? 3 * k : k);
    let atLeast = 0;
    for (let k = termQueries.length; k >= 2; k--) {
      atLeast += exactly[k] ?? 0;
      if (atLeast < 3) continue;
      if (pastCursor(k)) break;
      // One sampled document with k + 1 terms or more: that set (a few dozen to a few hundred
      // documents) often holds the page already, and the index finds it from fewer, rarer terms'
      // documents — a third to a half of the time of "at least k". Otherwise, or when it is short,
      // the set of k.
      const more = atLeast - (exactly[k] ?? 0);
      const narrower = more >= 1 && !pastCursor(k + 1) ? atLeastQuery(byFrequency, k + 1) : null;
      if (narrower !== null) {
        const page = await repo.relaxedPage(termQueries, a.filters, a.sort, a.after, a.need, narrower);
        if (page.length >= a.need) rows = page;
      }
      const within = rows === null ? atLeastQuery(byFrequency, k) : null;
      if (within !== null) {
        const page = await repo.relaxedPage(termQueries, a.filters, a.sort, a.after, a.need, within);
        if (page.length >= a.need) rows = page;
      }
      break;
    }
  }
  // A first page that reaches the documents with one term only: those with two or more rank first
  // (all of them: fewer than a page), then the single-term documents in the order the union's own
  // search gives them — by text class, then quality, in relevance order (a single-term document's
  // class for the union is its term's class, so its tier is 3 + that class), or by the sort.
  const within2 = termQueries.length >= 2 ? atLeastQuery(byFrequency, 2) : null;
  if (rows === null && withClasses && a.after === null && counts.total > exactCountLimit && within2) {
    const top = await repo.relaxedPage(termQueries, a.filters, a.sort, null, a.need, within2);
    if (top.length >= a.need) rows = top;
    else {
      const seen = new Set(top.map((r) => r.gig_id));
      const single = (await orderedPage(any, withClasses, a.need + top.length))
        .filter((r) => !seen.has(r.row.gig_id))
        .slice(0, a.need - top.length)
        .map((r) => ({ ...r.row, tier: a.sort === "relevance" ? 3 + (r.textClass ?? 0) : 1 }));
      rows = [...top, ...single];
    }
  }
  rows ??= await repo.relaxedPage(termQueries, a.filters, a.sort, a.after, a.need);
  return { counts, rows: rows.map(({ tier, ...row }) => ({ row, tier: Number(tier) })) };
}
