import type { SearchSort } from "@atelier/contracts";
import { SAMPLE_KEY_SPAN } from "./search.index-repository";
import { countRowsOfPage, countSampleRows, filterSizes } from "./search.counts";
import {
  filtersForLog,
  orderCost,
  pagePlan,
  shapeCounts,
  TEXT_CLASSES,
  type Cursor,
  type FilterSizes,
  type SearchCounts,
  type SearchFilters,
} from "./search.models";
import { SLICES, type PageQuery, type SearchRepository, type TextMatch } from "./search.repository";
import type { CategoryIndex, PageRows, SampleSettings } from "./search.runtime";
import type { SearchDeps } from "./search.deps";

/**
 * The SQL engine's plan for a page (docs/search.md "Plans per page"): counts from the sample or
 * exact, each page walked in sort order or fetched from its match set, relevance class by class.
 */

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
  // The sample does not carry the AI declaration: a search filtered on it is counted exactly.
  if (sample.threshold >= SAMPLE_KEY_SPAN || filters.aiUse !== null) {
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

/**
 * Which sampled match bounds a price-sorted page's match set (at least): the third, so that about three
 * sampling intervals of matches (300 at a million gigs) are fetched, and a page of 21 fits with room.
 */
const BOUND_RANK = 3;

/**
 * A price-sorted page walks its order up to the sample's bound when that reads fewer rows than this
 * many times the matches the bounded match set would read (about `rank` sampling intervals).
 */
const WALK_FACTOR = 8;

/** What names one page of a search: its words, filters, sort, cursor and how many rows it needs. */
export interface PageArgs {
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
  args: PageArgs & { counts: SearchCounts; documents: number; sampleRate: number | null },
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
    // Words under a price sort with a large match set: words cluster in categories and categories in
    // prices, so a walk of the price order can pass thousands of gigs before the first match. The
    // sample says how far along that order the page's rows reach; only the matches up to there are
    // fetched (exact: every match before the page's last row is among them).
    const { sampleRate } = args;
    if (
      match &&
      (sort === "price_asc" || sort === "price_desc") &&
      filters.aiUse === null &&
      sampleRate !== null &&
      estimate > deps.config.search.exactCountLimit
    ) {
      const rank = Math.max(BOUND_RANK, Math.ceil(need * sampleRate * 4));
      const bound = await repo.samplePriceBound(query, rank);
      if (bound !== null) {
        // Up to the bound, about `rank` of every `sampledInRange` documents match: when a walk of the
        // price order would find the page within a few times the matches the bounded match set
        // reads, walk (stopping at the bound); a dense word's bounded match set is two large bitmaps.
        const expectedReads = (need * bound.sampledInRange) / rank;
        if (expectedReads < (WALK_FACTOR * rank) / sampleRate) {
          const rows = await repo.scanPage(query, Math.ceil(expectedReads * 4), bound.key);
          if (rows.length >= need) return rows;
        }
        const rows = await repo.matchPage(query, bound.key);
        if (rows.length >= need) return rows;
      }
    }
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
 * The first page of a tsquery's matches in a sort's order (text classes in relevance order), planned
 * from `counts` as a search's page is: the single-term tiers of a relaxed answer (search.relaxed.ts).
 */
export async function orderedPage(
  deps: SearchDeps,
  repo: SearchRepository,
  args: { tsquery: string; filters: SearchFilters; sort: SearchSort; need: number; counts: SearchCounts },
): Promise<PageRows> {
  const sample = await deps.runtime.sample.get();
  const documents =
    sample.threshold >= SAMPLE_KEY_SPAN
      ? sample.sampled
      : Math.round((sample.sampled * SAMPLE_KEY_SPAN) / sample.threshold);
  const sampleRate = sample.threshold >= SAMPLE_KEY_SPAN ? null : sample.threshold / SAMPLE_KEY_SPAN;
  return fetchPage(deps, repo, { ...args, cursor: null, documents, sampleRate });
}

/**
 * The counts and the page rows of a search, from the caches or the database. `version` is the page
 * cache's version taken before anything is read: a page read while the index changes is not stored
 * as current.
 */
export async function countsAndPage(
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
  const sampleRate = sample.threshold >= SAMPLE_KEY_SPAN ? null : sample.threshold / SAMPLE_KEY_SPAN;
  let rows = deps.runtime.pages.get(args.pageKey);
  const pageWith = async (counts: SearchCounts): Promise<PageRows> => {
    if (!rows) {
      rows = await fetchPage(deps, repo, {
        tsquery,
        filters,
        sort,
        cursor,
        need,
        counts,
        documents,
        sampleRate,
      });
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
