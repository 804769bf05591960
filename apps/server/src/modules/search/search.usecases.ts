import type {
  GigCard,
  SearchClickBody,
  SearchGigsQuery,
  SearchGigsResult,
  SearchSort,
  SearchSuggestion,
} from "@atelier/contracts";
import { validationFailed } from "../../platform/errors";
import { shownRules } from "../../platform/settings";
import { newId } from "../../platform/ids";
import { createSearchLogRepository } from "./search.log-repository";
import type { MemoryIndex } from "./search.memory-index";
import { createSearchMemoryRepository, type SearchMemoryRepository } from "./search.memory-repository";
import {
  corrections,
  cursorKey,
  decodeCursor,
  defaultSort,
  encodeCursor,
  filtersForLog,
  normalizedQuery,
  queryWords,
  searchFingerprint,
  shapeCounts,
  suggestableQuery,
  toGigCard,
  tsqueryText,
  type CardRow,
  type SearchCounts,
  type SearchFilters,
  type SearchTerm,
} from "./search.models";
import {
  decodeRelaxedCursor,
  encodeRelaxedCursor,
  relaxableTerms,
  relaxedFingerprint,
  relaxedInMemory,
  relaxedInSql,
  type RelaxedArgs,
  type RelaxedCursor,
} from "./search.relaxed";
import { createSuggestRepository } from "./search.suggest-repository";
import { createSearchRepository, type SearchRepository } from "./search.repository";
import type { CategoryIndex, PageRows, TtlCache } from "./search.runtime";
import { countsAndPage, orderedPage } from "./search.sql-engine";
import { expandWord, joinedForm, lookupWords } from "./search.terms";

import type { SearchDeps } from "./search.deps";

export type { SearchDeps } from "./search.deps";

/** How many vocabulary neighbours (by trigram distance) are checked for a one-letter typo. */
const TYPO_NEIGHBOURS = 40;

export async function categoryIndex(deps: SearchDeps, repo: SearchRepository): Promise<CategoryIndex> {
  const cached = deps.runtime.categories.get("all");
  if (cached) return cached;
  const rows = await repo.categories();
  const index: CategoryIndex = {
    bySlug: new Map(rows.map((r) => [r.slug, { id: r.id, slug: r.slug, isTop: r.parent_id === null }])),
    slugById: new Map(rows.map((r) => [r.id, r.slug])),
  };
  deps.runtime.categories.set("all", index);
  return index;
}

/** What a cache holds for each word, and the words it does not hold. */
function cachedWords<V>(
  cache: TtlCache<V>,
  words: readonly string[],
): { found: Map<string, V>; missing: string[] } {
  const found = new Map<string, V>();
  const missing: string[] = [];
  for (const word of words) {
    const cached = cache.get(word);
    if (cached) found.set(word, cached);
    else missing.push(word);
  }
  return { found, missing };
}

function readFilters(query: SearchGigsQuery, categories: CategoryIndex): SearchFilters {
  const category = query.category === undefined ? null : categories.bySlug.get(query.category);
  if (category === undefined)
    throw validationFailed([{ path: "category", message: "is not a known category" }]);
  return {
    category,
    minPrice: query.minPrice ?? null,
    maxPrice: query.maxPrice ?? null,
    maxDeliveryDays: query.maxDeliveryDays ?? null,
    sellerLevel: query.sellerLevel ?? null,
    minRatingCenti: query.minRating === undefined ? null : Math.round(query.minRating * 100),
    aiUse: query.aiUse ?? null,
  };
}

/** Stems of words: each new word costs one statement (PostgreSQL's stemmer), then it is cached. */
export async function wordStems(
  deps: SearchDeps,
  repo: SearchMemoryRepository,
  words: readonly string[],
): Promise<Map<string, string[]>> {
  const { found: stems, missing } = cachedWords(deps.runtime.stems, words);
  if (missing.length > 0) {
    for (const { word, lexemes } of await repo.stems(missing)) {
      deps.runtime.stems.set(word, lexemes);
      stems.set(word, lexemes);
    }
  }
  return stems;
}

/** A query's words as terms before typo correction, and which of them are real words (never corrected). */
interface ExpandedQuery {
  words: string[];
  terms: SearchTerm[];
  realWords: Set<string>;
}

/** The query's words, each with its stems and its synonyms' stems (search.terms.ts). */
async function expandQuery(deps: SearchDeps, q: string | undefined): Promise<ExpandedQuery> {
  const synonyms = await deps.runtime.synonyms.get();
  const words = queryWords(q, (w) => synonyms.has(w) || synonyms.has(joinedForm(w) ?? ""));
  const lookup = [...new Set(words.flatMap((w) => lookupWords(w, synonyms)))];
  const stems = await wordStems(deps, createSearchMemoryRepository(deps.db), lookup);
  const realWords = new Set<string>();
  const terms = words.map((word) => {
    const { term, realWord } = expandWord(word, stems, synonyms, deps.runtime.isEnglishWord);
    if (realWord) realWords.add(word);
    return term;
  });
  return { words, terms, realWords };
}

/** A term that may be a typo: unknown to the word list, long enough, with stems. */
function mayBeTypo(term: SearchTerm, realWords: ReadonlySet<string>, minLength: number): boolean {
  return !realWords.has(term.word) && [...term.word].length >= minLength && term.lexemes.length > 0;
}

function corrected(
  term: SearchTerm,
  candidates: Parameters<typeof corrections>[1],
  minLength: number,
): SearchTerm {
  const fixes = corrections(term.word, candidates, minLength);
  return fixes.length > 0
    ? { word: term.word, lexemes: fixes.map((f) => f.lexeme ?? ""), correctedTo: fixes.map((f) => f.word) }
    : term;
}

/**
 * Resolves a query's terms through SQL. A word that is not a real word (English word list,
 * synonyms), of `typoMinLength`+ letters, whose stems are neither in the vocabulary nor in any
 * document, is replaced by its known neighbours one edit away ("desgin" → design): the
 * vocabulary's trigram index proposes candidates, the edit distance decides.
 */
async function resolveTerms(
  deps: SearchDeps,
  repo: SearchRepository,
  q: string | undefined,
): Promise<SearchTerm[]> {
  const expanded = await expandQuery(deps, q);
  const minLength = deps.config.search.typoMinLength;
  const out: SearchTerm[] = [];
  for (const term of expanded.terms) {
    if (!mayBeTypo(term, expanded.realWords, minLength)) {
      out.push(term);
      continue;
    }
    const key = JSON.stringify([term.word, term.lexemes]);
    let resolved = deps.runtime.terms.get(key);
    if (!resolved) {
      const exact = tsqueryText([term]);
      const known =
        (await repo.inVocabulary(term.lexemes)) || (exact !== null && (await repo.lexemesIndexed(exact)));
      resolved = known
        ? term
        : corrected(term, await repo.nearestWords(term.word, TYPO_NEIGHBOURS), minLength);
      deps.runtime.terms.set(key, resolved);
    }
    out.push(resolved);
  }
  return out;
}

/** The memory engine's `resolveTerms`: the same decision, against the index. */
function termsInMemory(index: MemoryIndex, expanded: ExpandedQuery, minLength: number): SearchTerm[] {
  return expanded.terms.map((term) =>
    !mayBeTypo(term, expanded.realWords, minLength) ||
    index.vocabularyHas(term.lexemes) ||
    index.hasAnyLexeme(term.lexemes)
      ? term
      : corrected(term, index.neighbours(term.word), minLength),
  );
}

/** A search's words, cursor and page key, checked against each other. */
function readSearch(query: SearchGigsQuery, terms: readonly SearchTerm[], filters: SearchFilters) {
  const tsquery = tsqueryText(terms);
  const sort = query.sort ?? defaultSort(tsquery !== null);
  const print = searchFingerprint(tsquery, filters, sort);
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor, print);
  if (query.cursor !== undefined && cursor === null) {
    throw validationFailed([{ path: "cursor", message: "is not a cursor of this search" }]);
  }
  const pageKey = JSON.stringify([tsquery, filtersForLog(filters), sort, query.cursor ?? null, query.limit]);
  return { tsquery, sort, print, cursor, pageKey };
}

type Search = ReturnType<typeof readSearch>;

/**
 * Counts and page from the memory engine: the index is brought up to date with every committed
 * write first, then one pass over the matches gives the exact counts, facets and the page.
 */
function memoryCountsAndPage(
  deps: SearchDeps,
  index: MemoryIndex,
  version: string,
  query: SearchGigsQuery,
  terms: readonly SearchTerm[],
  filters: SearchFilters,
  categories: CategoryIndex,
): { search: Search; counts: SearchCounts; rows: PageRows } {
  const search = readSearch(query, terms, filters);
  const cached = deps.runtime.memoryPages.get(search.pageKey);
  if (cached) return { search, ...cached };
  const days = deps.config.search.deliveryFacetDays;
  const { cursor } = search;
  const result = index.search({
    terms,
    filters,
    sort: search.sort,
    after: cursor ? { textClass: cursor.textClass, key: cursor.key, gigId: cursor.gigId } : null,
    need: query.limit + 1,
    deliveryDays: days,
  });
  const page = { counts: shapeCounts(result.countRows, 1, categories.slugById, days), rows: result.rows };
  deps.runtime.memoryPages.set(search.pageKey, page, version);
  return { search, ...page };
}

/** Counts and page through SQL (see docs/search.md: plans per page, sampled counts). */
async function sqlCountsAndPage(
  deps: SearchDeps,
  repo: SearchRepository,
  query: SearchGigsQuery,
  terms: readonly SearchTerm[],
  filters: SearchFilters,
  categories: CategoryIndex,
): Promise<{ search: Search; counts: SearchCounts; rows: PageRows }> {
  const search = readSearch(query, terms, filters);
  const { tsquery, sort, cursor, pageKey } = search;
  const { counts, rows } = await deps.runtime.inflight.run(pageKey, deps.runtime.pages.version(), (version) =>
    countsAndPage(deps, repo, {
      tsquery,
      filters,
      sort,
      cursor,
      categories,
      pageKey,
      version,
      need: query.limit + 1,
    }),
  );
  return { search, counts, rows };
}

/** One answered page, whichever path answered it. */
interface Answer {
  sort: SearchSort;
  firstPage: boolean;
  counts: SearchCounts;
  cards: CardRow[];
  nextCursor: string | null;
  relaxed: boolean;
}

/**
 * Searches gigs (API.md sections 3 and 14): words with stemming, synonyms and typo correction,
 * filters, facets, six sorts and keyset cursors; a query of several words that matches fewer than
 * `relaxBelow` gigs with every word is answered relaxed (search.relaxed.ts). Logged for ranking and
 * demand analytics (off the request path). Answered by the memory engine or through SQL
 * (config.search.engine), with the same results.
 */
export async function searchGigs(
  deps: SearchDeps,
  {
    query,
    userId,
    log = true,
  }: {
    query: SearchGigsQuery;
    userId: string | null;
    /** False for searches no person typed (a brief's matching): they stay out of the search log. */
    log?: boolean;
  },
): Promise<SearchGigsResult> {
  const repo = createSearchRepository(deps.db);
  const categories = await categoryIndex(deps, repo);
  const filters = readFilters(query, categories);
  const engine = deps.runtime.memory;
  // The version is taken before anything is read, so a page computed before a write is not cached after it.
  const version = deps.runtime.memoryPages.version();
  let index: MemoryIndex | null = null;
  let terms: SearchTerm[];
  if (engine) {
    const expanded = await expandQuery(deps, query.q);
    index = await engine.current();
    terms = termsInMemory(index, expanded, deps.config.search.typoMinLength);
  } else {
    terms = await resolveTerms(deps, repo, query.q);
  }

  const relaxable = relaxableTerms(terms);
  const relaxedSort = query.sort ?? defaultSort(relaxable.length > 0);
  const relaxedPrint = relaxedFingerprint(relaxable, filters, relaxedSort);
  const relaxedArgs = (after: RelaxedCursor | null): RelaxedArgs => ({
    terms: relaxable,
    filters,
    sort: relaxedSort,
    after,
    need: query.limit + 1,
    categories,
    deliveryDays: deps.config.search.deliveryFacetDays,
  });
  const relaxedAnswer = async (after: RelaxedCursor | null): Promise<Answer> => {
    const args = relaxedArgs(after);
    const page = index
      ? relaxedInMemory(index, args)
      : await relaxedInSql(
          repo,
          args,
          await deps.runtime.sample.get(),
          deps.config.search.exactCountLimit,
          (tsquery, counts, need) =>
            orderedPage(deps, repo, { tsquery, filters, sort: relaxedSort, need, counts }),
        );
    const last = page.rows[query.limit - 1];
    return {
      sort: relaxedSort,
      firstPage: after === null,
      counts: page.counts,
      cards: page.rows.slice(0, query.limit).map((r) => r.row),
      nextCursor: page.rows.length > query.limit && last ? encodeRelaxedCursor(relaxedPrint, last) : null,
      relaxed: true,
    };
  };

  let answer: Answer;
  // Gigs matching every word; a later relaxed page does not know it (only first pages feed the radar).
  let fullMatches = 0;
  const relaxedCursor =
    query.cursor !== undefined && relaxable.length >= 2
      ? decodeRelaxedCursor(query.cursor, relaxedPrint)
      : null;
  if (relaxedCursor) {
    answer = await relaxedAnswer(relaxedCursor);
  } else {
    const { search, counts, rows } = index
      ? memoryCountsAndPage(deps, index, version, query, terms, filters, categories)
      : await sqlCountsAndPage(deps, repo, query, terms, filters, categories);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    answer = {
      sort: search.sort,
      firstPage: search.cursor === null,
      counts,
      cards: page.map((r) => r.row),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({
              fingerprint: search.print,
              textClass: last.textClass,
              key: cursorKey(last.row),
              gigId: last.row.gig_id,
            })
          : null,
      relaxed: false,
    };
    fullMatches = counts.total;
    // Too few gigs have every word: the best partial matches follow (first pages decide).
    if (search.cursor === null && relaxable.length >= 2 && counts.total < deps.config.search.relaxBelow) {
      const relaxed = await relaxedAnswer(null);
      if (relaxed.counts.total > counts.total) answer = relaxed;
    }
  }

  const { fees } = await shownRules(deps);
  const data: GigCard[] = answer.cards.map((row) => toGigCard(row, fees));
  const searchId = newId("srch");
  if (log)
    deps.runtime.log.push({
      id: searchId,
      query: normalizedQuery(query.q),
      suggestion: answer.relaxed ? null : suggestableQuery(terms),
      terms: terms.flatMap((t) => t.lexemes),
      filters: filtersForLog(filters),
      sort: answer.sort,
      firstPage: answer.firstPage,
      resultCount: data.length,
      gigIds: data.map((g) => g.id),
      total: answer.counts.total,
      totalApproximate: !answer.counts.exact,
      fullMatches,
      userId,
      createdAt: deps.clock.now(),
    });
  return {
    data,
    facets: answer.counts.facets,
    // A small exact count can trail a page when gigs were added since it was cached; never show fewer.
    total: Math.max(answer.counts.total, data.length),
    totalIsEstimate: !answer.counts.exact,
    nextCursor: answer.nextCursor,
    searchId,
    corrections: terms.flatMap((t) => (t.correctedTo ? [{ from: t.word, to: t.correctedTo }] : [])),
    relaxed: answer.relaxed,
  };
}

/**
 * The naive plan on the same index, for the benchmark's comparison only (test mode): every match
 * ranked by ts_rank, OFFSET pagination, exact count.
 */
export async function naiveSearchGigs(
  deps: SearchDeps,
  { query, offset }: { query: SearchGigsQuery; offset: number },
): Promise<{ data: GigCard[]; total: number }> {
  const repo = createSearchRepository(deps.db);
  const filters = readFilters(query, await categoryIndex(deps, repo));
  const tsquery = tsqueryText(await resolveTerms(deps, repo, query.q));
  const sort = query.sort ?? defaultSort(tsquery !== null);
  const { rows, total } = await repo.naivePage(tsquery, filters, sort, query.limit, offset);
  const { fees } = await shownRules(deps);
  return { data: rows.map((row) => toGigCard(row, fees)), total };
}

/** Up to `suggestLimit` completions of what a buyer is typing: categories, popular searches, tags. */
export async function suggest(deps: SearchDeps, { q }: { q: string }): Promise<SearchSuggestion[]> {
  const repo = createSuggestRepository(deps.db);
  const prefix = q.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  const limit = deps.config.search.suggestLimit;
  const [categories, queries, tags] = [
    await repo.matchingCategories(prefix, 2),
    await repo.popularQueries(prefix, limit, deps.config.search.suggestMinUsers),
    await repo.popularTags(prefix, limit),
  ];
  const out: SearchSuggestion[] = [];
  const seen = new Set<string>();
  const add = (s: SearchSuggestion) => {
    const key = s.text.toLowerCase();
    if (out.length >= limit || seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  for (const c of categories) add({ text: c.text, kind: "category", slug: c.slug });
  // Interleave what buyers searched with what sellers offer, searches first.
  for (let i = 0; i < Math.max(queries.length, tags.length); i++) {
    const query = queries[i];
    const tag = tags[i];
    if (query) add({ text: query.text, kind: "query" });
    if (tag) add({ text: tag.text, kind: "tag" });
  }
  return out;
}

/** Records that a buyer opened a result of a search (anonymous allowed). */
export async function logClick(
  deps: SearchDeps,
  { body, userId }: { body: SearchClickBody; userId: string | null },
) {
  await createSearchLogRepository(deps.db).insertClick({ ...body, userId, at: deps.clock.now() });
}
