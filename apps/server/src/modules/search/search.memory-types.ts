// The memory index's document, search and result shapes (and a document's result row), its sort
// columns and its limits (search.memory-index.ts), kept apart so the index class reads on its own.
import type { SearchSort } from "@atelier/contracts";
import type { CardRow, CountRow, SearchFilters, SearchTerm, TextClass } from "./search.models";
import type { SellerLevel } from "./search.ranking";

/** One search document as read from `search_documents` (the lexemes of its three text vectors). */
export interface IndexedDocument {
  gigId: string;
  title: string;
  slug: string;
  sellerUsername: string;
  sellerDisplayName: string;
  sellerLevel: SellerLevel;
  currency: string;
  coverFileId: string | null;
  /** The gig's AI declaration (the `aiUse=none` filter, the card's badge). */
  aiUse: "none" | "assisted" | "generated";
  categoryId: string;
  topCategoryId: string;
  startingPrice: number;
  deliveryDays: number;
  ratingSum: number;
  ratingCount: number;
  ordersCompleted: number;
  /** Milliseconds since the epoch (the column is truncated to milliseconds when written). */
  publishedAt: number;
  quality: number;
  ratingScore: number;
  /** Lexemes of tsv_title ⊂ tsv_strong ⊂ tsv_all. */
  titleLexemes: readonly string[];
  strongLexemes: readonly string[];
  allLexemes: readonly string[];
}

export type Card = Omit<IndexedDocument, "titleLexemes" | "strongLexemes" | "allLexemes">;

/** The sort orders as (column, direction); ties are broken by the gig id in the same direction. */
export const SORT_COLUMNS = ["quality", "orders", "ratingScore", "published", "price"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const SORTS: Record<SearchSort, { column: SortColumn; descending: boolean }> = {
  relevance: { column: "quality", descending: true },
  best_selling: { column: "orders", descending: true },
  rating: { column: "ratingScore", descending: true },
  newest: { column: "published", descending: true },
  price_asc: { column: "price", descending: false },
  price_desc: { column: "price", descending: true },
};

/** Per-bucket counts of a search: the total, per facet category and level, per text class. */
export interface Tally {
  total: Float64Array;
  byCategory: Float64Array;
  byLevel: Float64Array;
  byClass: Float64Array;
}

/** A search's filters as column codes and bounds (-2: no such filter, -1: a value no document has). */
export interface CodedFilters {
  category: number;
  categoryIsTop: boolean;
  level: number;
  minPrice: number;
  maxPrice: number;
  maxDays: number;
  /** -1: no rating filter. */
  minRatingCenti: number;
  /** Only documents that declare no AI use. */
  aiNone: boolean;
  /** Facet categories one level below the filter: subcategories when a category is filtered. */
  facetIsCategory: boolean;
}

/** A search as the memory index answers it. */
export interface MemoryQuery {
  /** The searched words (terms without lexemes, stop words, are ignored); none: every document. */
  terms: readonly SearchTerm[];
  filters: SearchFilters;
  sort: SearchSort;
  /** The last row of the previous page (its text class only in text relevance order). */
  after: { textClass: number | null; key: number | string; gigId: string } | null;
  /** Rows wanted (the page size plus one, to know whether another page follows). */
  need: number;
  /** The delivery-time facet's buckets (config.search.deliveryFacetDays). */
  deliveryDays: readonly number[];
}

export interface MemoryResult {
  /** What the repository's count query returns for the search (exact). */
  countRows: CountRow[];
  /** The page's rows in order, with their text class in text relevance order. */
  rows: { row: CardRow; textClass: TextClass | null }[];
}

/** A relaxed search's exact counts and page, each row with its tier. */
export interface RelaxedResult {
  countRows: CountRow[];
  rows: { row: CardRow; tier: number }[];
}

/** Searches whose counts (and words whose typo candidates) are kept until something changes. */
export const REMEMBERED_SEARCHES = 500;
/** Match sets kept (a common word's is ~30,000 slots: at most a few MB in all). */
export const REMEMBERED_MATCH_SETS = 64;

/** Slots per growth step of the column arrays. */
export const INITIAL_CAPACITY = 1024;

/** The row a search answers for one document, with its key on the page's sort column. */
export function toCardRow(c: Card, key: number, sort: SearchSort): CardRow {
  return {
    gig_id: c.gigId,
    title: c.title,
    slug: c.slug,
    seller_username: c.sellerUsername,
    seller_display_name: c.sellerDisplayName,
    seller_level: c.sellerLevel,
    currency: c.currency,
    starting_price: c.startingPrice,
    rating_sum: c.ratingSum,
    rating_count: c.ratingCount,
    delivery_days: c.deliveryDays,
    cover_file_id: c.coverFileId,
    ai_use: c.aiUse,
    category_id: c.categoryId,
    top_category_id: c.topCategoryId,
    sort_key: SORTS[sort].column === "published" ? new Date(key) : key,
  };
}
