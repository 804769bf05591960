import type {
  GigCard,
  SearchClickBody,
  SearchGigsQuery,
  SearchGigsResult,
  SearchSort,
  SearchSuggestion,
} from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import { validationFailed } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { SAMPLE_KEY_SPAN } from "./search.index-repository";
import {
  corrections,
  countRowsOfPage,
  countSampleRows,
  cursorKey,
  decodeCursor,
  defaultSort,
  encodeCursor,
  filtersForLog,
  filterSizes,
  normalizedQuery,
  orderCost,
  pagePlan,
  queryWords,
  searchFingerprint,
  suggestableQuery,
  shapeCounts,
  TEXT_CLASSES,
  toGigCard,
  tsqueryText,
  type Cursor,
  type FilterSizes,
  type SearchCounts,
  type SearchFilters,
  type SearchTerm,
} from "./search.models";
import {
  createSearchRepository,
  SLICES,
  type PageQuery,
  type SearchRepository,
  type TextMatch,
} from "./search.repository";
import type { MemorySearchEngine } from "./search.memory-engine";
import type { MemoryIndex } from "./search.memory-index";
import type { CategoryIndex, PageRows, SampleSettings, SearchRuntime, TtlCache } from "./search.runtime";

export type SearchDeps = Pick<AppDeps, "db" | "clock" | "config" | "log"> & { runtime: SearchRuntime };

/** How many vocabulary neighbours (by trigram distance) are checked for a one-letter typo. */
const TYPO_NEIGHBOURS = 40;

async function categoryIndex(deps: SearchDeps, repo: SearchRepository): Promise<CategoryIndex> {
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

/**
 * Resolves query words to stems. A word whose stem no document has, of `typoMinLength`+ letters,
 * is replaced by its known neighbours one edit away ("desgin" → design): the vocabulary's trigram
 * index proposes candidates, the edit distance decides.
 */
async function resolveTerms(
  deps: SearchDeps,
  repo: SearchRepository,
  words: readonly string[],
): Promise<SearchTerm[]> {
  const { found: terms, missing } = cachedWords(deps.runtime.terms, words);
  if (missing.length > 0) {
    const minLength = deps.config.search.typoMinLength;
    for (const { word, lexemes, known } of await repo.resolveWords(missing, minLength)) {
      let term: SearchTerm = { word, lexemes, correctedTo: null };
      const exact = tsqueryText([term]);
      if (!known && exact !== null && !(await repo.lexemesIndexed(exact))) {
        const fixes = corrections(word, await repo.nearestWords(word, TYPO_NEIGHBOURS), minLength);
        if (fixes.length > 0) {
          term = { word, lexemes: fixes.map((f) => f.lexeme ?? ""), correctedTo: fixes.map((f) => f.word) };
        }
      }
      deps.runtime.terms.set(word, term);
      terms.set(word, term);
    }
  }
  return words.map((w) => terms.get(w) ?? { word: w, lexemes: [], correctedTo: null });
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
  };
}

/**
 * Counts and facets of a search. Large result sets are estimated from the sample (a uniform ~1% at a
 * million gigs) and small ones counted exactly; both are cached for `countCacheSeconds`. A small
 * set whose first page `completePage` returns whole (shorter than asked) is counted from that page:
 * the page already holds every match, and a rare word then costs one statement instead of two.
 */
async function countsFor(
  deps: SearchDeps,
  repo: SearchRepository,
  tsquery: string | null,
  filters: SearchFilters,
  categories: CategoryIndex,
  sample: SampleSettings,
  completePage: ((estimated: SearchCounts) => Promise<PageRows | null>) | null,
): Promise<SearchCounts> {
  const key = JSON.stringify([tsquery, filtersForLog(filters)]);
  const cached = deps.runtime.counts.get(key);
  if (cached) return cached;
  const days = deps.config.search.deliveryFacetDays;
  let counts: SearchCounts;
  if (sample.threshold >= SAMPLE_KEY_SPAN) {
    counts = shapeCounts(
      await repo.count("search_documents", tsquery, filters, days),
      1,
      categories.slugById,
      days,
    );
  } else {
    const scale = SAMPLE_KEY_SPAN / sample.threshold;
    // Without words the sample's rows in memory answer; with words the sample's text index does.
    const estimate = shapeCounts(
      tsquery === null && sample.rows
        ? countSampleRows(sample.rows, filters, days)
        : await repo.count("search_sample", tsquery, filters, days),
      scale,
      categories.slugById,
      days,
    );
    const estimated = withFilterSizes(estimate, tsquery, filters, sample);
    const page =
      estimated.total <= deps.config.search.exactCountLimit && completePage
        ? await completePage(estimated)
        : null;
    counts =
      estimated.total > deps.config.search.exactCountLimit
        ? estimated
        : shapeCounts(
            page
              ? countRowsOfPage(page, filters, days)
              : await repo.count("search_documents", tsquery, filters, days),
            1,
            categories.slugById,
            days,
          );
  }
  counts = withFilterSizes(counts, tsquery, filters, sample);
  deps.runtime.counts.set(key, counts);
  return counts;
}

/** Searches without words carry the size of each filter on its own, for the page plans. */
function withFilterSizes(
  counts: SearchCounts,
  tsquery: string | null,
  filters: SearchFilters,
  sample: SampleSettings,
): SearchCounts {
  if (tsquery !== null || !sample.rows || counts.filterSizes) return counts;
  return { ...counts, filterSizes: filterSizes(sample.rows, filters, SAMPLE_KEY_SPAN / sample.threshold) };
}

/**
 * For a search without words: how many documents the walk of `sort` covers (its category or
 * level slice, or all of them) and what fetching the match set costs at least (the documents
 * passing the most selective indexed filter; the rating filter has no index).
 */
function walkAndMatchSizes(
  sort: SearchSort,
  filters: SearchFilters,
  sizes: FilterSizes,
  documents: number,
): { population: number; matchCost: number } {
  const slices = SLICES[sort];
  const inWalk = [
    filters.category && slices.includes(filters.category.isTop ? "top_category_id" : "category_id")
      ? sizes.category
      : null,
    slices.includes("seller_level") ? sizes.sellerLevel : null,
    sort === "price_asc" || sort === "price_desc" ? sizes.price : null,
  ].filter((n): n is number => n !== null);
  const indexed = [sizes.category, sizes.sellerLevel, sizes.price, sizes.delivery].filter(
    (n): n is number => n !== null,
  );
  return {
    population: Math.min(documents, ...inWalk),
    matchCost: Math.min(documents, ...indexed),
  };
}

/** What names one page of a search: its words, filters, sort, cursor and how many rows it needs. */
interface PageArgs {
  tsquery: string | null;
  filters: SearchFilters;
  sort: SearchSort;
  cursor: Cursor | null;
  need: number;
}

/** One page (plus one row, to know whether more follow) in the search's order. */
async function fetchPage(
  deps: SearchDeps,
  repo: SearchRepository,
  args: PageArgs & { counts: SearchCounts; documents: number },
): Promise<PageRows> {
  const { tsquery, filters, sort, cursor, counts } = args;
  const sizes =
    tsquery === null && counts.filterSizes
      ? walkAndMatchSizes(sort, filters, counts.filterSizes, args.documents)
      : null;
  const fetch = async (match: TextMatch, estimate: number, after: PageQuery["after"], need: number) => {
    const query: PageQuery = { match, filters, sort, after, limit: need };
    const plan = sizes
      ? pagePlan(estimate, sizes.population, need, orderCost(sort), sizes.matchCost)
      : pagePlan(estimate, args.documents, need, orderCost(sort));
    if (plan.strategy === "scan") {
      const rows = await repo.scanPage(query, plan.budget);
      if (rows.length >= need) return rows;
    }
    return repo.matchPage(query);
  };
  const after = (c: Cursor | null) => (c ? { key: c.key, gigId: c.gigId } : null);

  // Text relevance walks the classes in order, each sorted by quality; everything else is one list.
  if (!tsquery || sort !== "relevance") {
    const match: TextMatch = tsquery ? { tsquery, textClass: "any" } : null;
    const rows = await fetch(match, counts.total, after(cursor), args.need);
    return rows.map((row) => ({ row, textClass: null }));
  }
  if (counts.total <= deps.config.search.exactCountLimit) {
    const rows = await repo.rankedMatchPage(
      tsquery,
      filters,
      cursor ? { textClass: cursor.textClass ?? 0, key: cursor.key, gigId: cursor.gigId } : null,
      args.need,
    );
    return rows.map(({ text_class, ...row }) => ({ row, textClass: text_class }));
  }
  const out: PageRows = [];
  const startClass = cursor?.textClass ?? 2;
  for (const textClass of TEXT_CLASSES) {
    if (textClass > startClass) continue;
    const need = args.need - out.length;
    if (need <= 0) break;
    const estimate = counts.classes[textClass];
    if (counts.exact && estimate === 0) continue;
    const rows = await fetch(
      { tsquery, textClass },
      estimate,
      textClass === startClass ? after(cursor) : null,
      need,
    );
    out.push(...rows.map((row) => ({ row, textClass })));
  }
  return out;
}

/**
 * The counts and the page rows of a search, from the caches or the database. `version` is the page
 * cache's version taken before anything is read: a page read while the index changes is not stored
 * as current.
 */
async function countsAndPage(
  deps: SearchDeps,
  repo: SearchRepository,
  args: PageArgs & { categories: CategoryIndex; pageKey: string; version: string },
): Promise<{ counts: SearchCounts; rows: PageRows }> {
  const { tsquery, filters, sort, cursor, need } = args;
  const sample = await deps.runtime.sample.get();
  const documents =
    sample.threshold >= SAMPLE_KEY_SPAN
      ? sample.sampled
      : Math.round((sample.sampled * SAMPLE_KEY_SPAN) / sample.threshold);
  let rows = deps.runtime.pages.get(args.pageKey);
  const pageWith = async (counts: SearchCounts): Promise<PageRows> => {
    if (!rows) {
      rows = await fetchPage(deps, repo, { tsquery, filters, sort, cursor, need, counts, documents });
      deps.runtime.pages.set(args.pageKey, rows, args.version);
    }
    return rows;
  };
  // A first page knows each row's relevance class with words only in relevance order.
  const completePage =
    cursor === null && (tsquery === null || sort === "relevance")
      ? async (estimated: SearchCounts) => {
          const page = await pageWith(estimated);
          return page.length < need ? page : null;
        }
      : null;
  const counts = await countsFor(deps, repo, tsquery, filters, args.categories, sample, completePage);
  return { counts, rows: await pageWith(counts) };
}

/**
 * Stems of query words for the memory engine: each new word costs one statement (PostgreSQL's
 * stemmer), then it is cached. Typo corrections are decided against the index (`termsInMemory`).
 */
async function wordStems(
  deps: SearchDeps,
  repo: SearchRepository,
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

/**
 * The memory engine's `resolveTerms`: a word of `typoMinLength`+ letters whose stem is neither in
 * the vocabulary nor in any document is replaced by vocabulary words one edit away.
 */
function termsInMemory(
  index: MemoryIndex,
  words: readonly string[],
  stems: ReadonlyMap<string, string[]>,
  minLength: number,
): SearchTerm[] {
  return words.map((word) => {
    const lexemes = stems.get(word) ?? [];
    const known = [...word].length < minLength || index.vocabularyHas(lexemes);
    if (known || lexemes.length === 0 || index.hasAnyLexeme(lexemes)) {
      return { word, lexemes, correctedTo: null };
    }
    const fixes = corrections(word, index.neighbours(word), minLength);
    return fixes.length > 0
      ? { word, lexemes: fixes.map((f) => f.lexeme ?? ""), correctedTo: fixes.map((f) => f.word) }
      : { word, lexemes, correctedTo: null };
  });
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

/**
 * Counts and page from the memory engine: the index is brought up to date with every committed
 * write first, then one pass over the matches gives the exact counts, facets and the page.
 */
async function memoryCountsAndPage(
  deps: SearchDeps,
  repo: SearchRepository,
  engine: MemorySearchEngine,
  query: SearchGigsQuery,
  filters: SearchFilters,
  categories: CategoryIndex,
) {
  const words = queryWords(query.q);
  // The version is taken before anything is read, so a page computed before a write is not cached after it.
  const version = deps.runtime.memoryPages.version();
  const stems = await wordStems(deps, repo, words);
  const index = await engine.current();
  const terms = termsInMemory(index, words, stems, deps.config.search.typoMinLength);
  const search = readSearch(query, terms, filters);
  const cached = deps.runtime.memoryPages.get(search.pageKey);
  if (cached) return { terms, search, ...cached };
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
  return { terms, search, ...page };
}

/** Counts and page through SQL (see docs/search.md: plans per page, sampled counts). */
async function sqlCountsAndPage(
  deps: SearchDeps,
  repo: SearchRepository,
  query: SearchGigsQuery,
  filters: SearchFilters,
  categories: CategoryIndex,
) {
  const terms = await resolveTerms(deps, repo, queryWords(query.q));
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
  return { terms, search, counts, rows };
}

/**
 * Searches gigs (API.md section 3): words with stemming and typo correction, filters, facets, six
 * sorts and keyset cursors. Logged for ranking and demand analytics (off the request path).
 * Answered by the memory engine or through SQL (config.search.engine), with the same results.
 */
export async function searchGigs(
  deps: SearchDeps,
  { query, userId }: { query: SearchGigsQuery; userId: string | null },
): Promise<SearchGigsResult> {
  const repo = createSearchRepository(deps);
  const categories = await categoryIndex(deps, repo);
  const filters = readFilters(query, categories);
  const engine = deps.runtime.memory;
  const { terms, search, counts, rows } = engine
    ? await memoryCountsAndPage(deps, repo, engine, query, filters, categories)
    : await sqlCountsAndPage(deps, repo, query, filters, categories);
  const { sort, print, cursor } = search;

  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({
          fingerprint: print,
          textClass: last.textClass,
          key: cursorKey(last.row),
          gigId: last.row.gig_id,
        })
      : null;
  const data: GigCard[] = page.map((r) => toGigCard(r.row, deps.config.orders.fees));
  const searchId = newId("srch");
  deps.runtime.log.push({
    id: searchId,
    query: normalizedQuery(query.q),
    suggestion: suggestableQuery(terms),
    terms: terms.flatMap((t) => t.lexemes),
    filters: filtersForLog(filters),
    sort,
    firstPage: cursor === null,
    resultCount: data.length,
    gigIds: data.map((g) => g.id),
    total: counts.total,
    totalApproximate: !counts.exact,
    userId,
    createdAt: deps.clock.now(),
  });
  return {
    data,
    facets: counts.facets,
    // A small exact count can trail a page when gigs were added since it was cached; never show fewer.
    total: Math.max(counts.total, data.length),
    totalIsEstimate: !counts.exact,
    nextCursor,
    searchId,
    corrections: terms.flatMap((t) => (t.correctedTo ? [{ from: t.word, to: t.correctedTo }] : [])),
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
  const repo = createSearchRepository(deps);
  const filters = readFilters(query, await categoryIndex(deps, repo));
  const tsquery = tsqueryText(await resolveTerms(deps, repo, queryWords(query.q)));
  const sort = query.sort ?? defaultSort(tsquery !== null);
  const { rows, total } = await repo.naivePage(tsquery, filters, sort, query.limit, offset);
  return { data: rows.map((row) => toGigCard(row, deps.config.orders.fees)), total };
}

/** Up to `suggestLimit` completions of what a buyer is typing: categories, popular searches, tags. */
export async function suggest(deps: SearchDeps, { q }: { q: string }): Promise<SearchSuggestion[]> {
  const repo = createSearchRepository(deps);
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
  await createSearchRepository(deps).insertClick({ ...body, userId, at: deps.clock.now() });
}
