import { z } from "zod";
import { GigCardSchema } from "./catalog";
import { SellerLevelSchema } from "./identity";

/** Result orders of `GET /api/search/gigs` (API.md section 3). */
export const SearchSortSchema = z.enum([
  "relevance",
  "best_selling",
  "rating",
  "newest",
  "price_asc",
  "price_desc",
]);
export type SearchSort = z.infer<typeof SearchSortSchema>;

/** How many characters of a search are searched; the web cuts a longer one before sending it. */
export const SEARCH_QUERY_MAX_CHARS = 200;

/**
 * The first `max` characters (code points, so no emoji is cut in half) of `text`, ending at the last
 * whole word when the cut falls inside one.
 */
export function firstChars(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const start = chars.slice(0, max).join("");
  // A word cut in two is not a word the searcher typed: end at the last whole word.
  if (/\s/u.test(chars[max] ?? " ")) return start;
  const lastSpace = start.search(/\s\S*$/u);
  return lastSpace > 0 ? start.slice(0, lastSpace) : start;
}

const minorUnits = z.coerce.number().int("must be whole minor units").min(0).max(100_000_000);

export const SearchGigsQuerySchema = z
  .strictObject({
    /** Words to search for. A longer query is not refused: its first 200 characters are searched. */
    q: z
      .string()
      .transform((q) => firstChars(q, SEARCH_QUERY_MAX_CHARS))
      .optional(),
    /** A category slug; a top-level category includes its subcategories. */
    category: z.string().min(1).max(100).optional(),
    /** Starting price bounds, in minor units. */
    minPrice: minorUnits.optional(),
    maxPrice: minorUnits.optional(),
    maxDeliveryDays: z.coerce.number().int().min(1).max(90).optional(),
    sellerLevel: SellerLevelSchema.optional(),
    /** Minimum average rating, 0–5. */
    minRating: z.coerce.number().min(0).max(5).optional(),
    /** `none`: only gigs whose seller declares no AI use (API.md section 12). */
    aiUse: z.literal("none").optional(),
    /** Default: `relevance` when `q` is given, else `best_selling`. */
    sort: SearchSortSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(512).optional(),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    path: ["minPrice"],
    message: "must not be above maxPrice",
  });
export type SearchGigsQuery = z.infer<typeof SearchGigsQuerySchema>;

export const SearchFacetsSchema = z.object({
  /** Counts per category one level below the category filter (top-level categories without one). */
  categories: z.array(z.object({ slug: z.string(), count: z.number().int() })),
  sellerLevels: z.array(z.object({ level: SellerLevelSchema, count: z.number().int() })),
  /** How many results deliver within `maxDays` (cumulative). */
  deliveryDays: z.array(z.object({ maxDays: z.number().int(), count: z.number().int() })),
});
export type SearchFacets = z.infer<typeof SearchFacetsSchema>;

export const SearchGigsResultSchema = z.object({
  data: z.array(GigCardSchema),
  facets: SearchFacetsSchema,
  /** Results in all pages. Exact for small result sets; an estimate (see `totalIsEstimate`) for large ones. */
  total: z.number().int(),
  totalIsEstimate: z.boolean(),
  nextCursor: z.string().nullable(),
  /** Identifies this search when reporting a click (`POST /api/search/clicks`). */
  searchId: z.string(),
  /** Unknown words that were searched as their closest known words ("desgin" → "design"). */
  corrections: z.array(z.object({ from: z.string(), to: z.array(z.string()) })),
  /**
   * True when the results include gigs matching only some of the words (after those matching all
   * of them, ranked by how many words they match): "showing results for some of your words".
   */
  relaxed: z.boolean(),
});
export type SearchGigsResult = z.infer<typeof SearchGigsResultSchema>;

export const SearchSuggestQuerySchema = z.strictObject({
  /** What was typed; completions are looked up for its first 100 characters. */
  q: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .transform((q) => firstChars(q, 100).trim()),
});

export const SearchSuggestionSchema = z.object({
  text: z.string(),
  kind: z.enum(["query", "tag", "category"]),
  /** The category's slug, for `kind: "category"`. */
  slug: z.string().optional(),
});
export const SearchSuggestResultSchema = z.object({ data: z.array(SearchSuggestionSchema) });
export type SearchSuggestion = z.infer<typeof SearchSuggestionSchema>;

export const SearchClickBodySchema = z.strictObject({
  searchId: z.string().regex(/^srch_[0-9a-z]{10,40}$/, "is not a search id"),
  gigId: z.string().regex(/^gig_[0-9a-z]{10,40}$/, "is not a gig id"),
  /** 1-based position of the gig in the results the buyer saw (across pages). */
  position: z.number().int().min(1).max(100_000),
});
export type SearchClickBody = z.infer<typeof SearchClickBodySchema>;

/** A search word and the words it also matches (admin-editable synonyms and abbreviations). */
const SynonymWordSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(
    /^[\p{Ll}\p{N}]+(?:-[\p{Ll}\p{N}]+)*$/u,
    "must be one word: letters and digits, optionally hyphenated",
  );

export const SearchSynonymSchema = z.object({
  term: z.string(),
  synonyms: z.array(z.string()),
  updatedAt: z.string(),
});
export type SearchSynonym = z.infer<typeof SearchSynonymSchema>;

export const SearchSynonymListSchema = z.object({ data: z.array(SearchSynonymSchema) });

export const SearchSynonymParamsSchema = z.strictObject({ term: SynonymWordSchema });

export const SearchSynonymBodySchema = z.strictObject({
  synonyms: z.array(SynonymWordSchema).min(1).max(20),
});
