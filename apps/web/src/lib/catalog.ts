import {
  CategoryTreeSchema,
  GigCardSchema,
  GigSchema,
  ModerationItemSchema,
  MyGigCardSchema,
  ReviewSchema,
  ReviewSummarySchema,
  SearchGigsResultSchema,
  SearchSuggestResultSchema,
  pageOf,
  type CategoryNode,
  type GigStatus,
  type SearchGigsQuery,
} from "@atelier/contracts";
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, read } from "./api";

/** `GET /api/categories`: top-level categories with their subcategories. Changes rarely. */
export const categoriesQueryOptions = queryOptions({
  queryKey: ["categories"],
  queryFn: ({ signal }) => read(CategoryTreeSchema, api.GET("/api/categories", { signal })),
  staleTime: 10 * 60_000,
});

/** Slug → display name for every category and subcategory. */
export function categoryNames(tree: readonly CategoryNode[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const top of tree) {
    names.set(top.slug, top.name);
    for (const child of top.children) names.set(child.slug, child.name);
  }
  return names;
}

/** The top-level category a slug belongs to (itself when it is top-level). */
export function parentCategory(tree: readonly CategoryNode[], slug: string): CategoryNode | undefined {
  return tree.find((top) => top.slug === slug || top.children.some((child) => child.slug === slug));
}

/** `GET /api/gigs/:id`: the public view (owners and admins also see drafts). */
export function gigQueryOptions(gigId: string) {
  return queryOptions({
    queryKey: ["gigs", gigId],
    queryFn: ({ signal }) =>
      read(GigSchema, api.GET("/api/gigs/{id}", { params: { path: { id: gigId } }, signal })),
  });
}

/** `GET /api/users/:username/gigs/:slug`: the gig at its public address `/<username>/<slug>`. */
export function gigByAddressQueryOptions(username: string, slug: string) {
  return queryOptions({
    queryKey: ["gigs", "at", username, slug],
    queryFn: ({ signal }) =>
      read(
        GigSchema,
        api.GET("/api/users/{username}/gigs/{slug}", { params: { path: { username, slug } }, signal }),
      ),
  });
}

const GigReviewsPageSchema = pageOf(ReviewSchema).extend({ summary: ReviewSummarySchema });
export type ReviewSummary = ReturnType<typeof ReviewSummarySchema.parse>;

/** `GET /api/gigs/:id/reviews`: revealed buyer reviews, page by page, each page with the summary. */
export function gigReviewsQueryOptions(gigId: string) {
  return infiniteQueryOptions({
    queryKey: ["gigs", gigId, "reviews"],
    queryFn: ({ signal, pageParam }) =>
      read(
        GigReviewsPageSchema,
        api.GET("/api/gigs/{id}/reviews", {
          params: { path: { id: gigId }, query: { limit: 10, cursor: pageParam || undefined } },
          signal,
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

const SellerReviewsSchema = pageOf(ReviewSchema)
  .omit({ nextCursor: true })
  .extend({ summary: ReviewSummarySchema });

/** `GET /api/users/:username/reviews`: the seller's latest reviews with their summary. */
export function userReviewsQueryOptions(username: string) {
  return queryOptions({
    queryKey: ["users", username, "reviews"],
    queryFn: ({ signal }) =>
      read(
        SellerReviewsSchema,
        api.GET("/api/users/{username}/reviews", {
          params: { path: { username }, query: { limit: 10 } },
          signal,
        }),
      ),
  });
}

const GigCardPageSchema = pageOf(GigCardSchema);

/** `GET /api/users/:username/gigs`: the seller's active gigs. */
export function userGigsQueryOptions(username: string) {
  return infiniteQueryOptions({
    queryKey: ["users", username, "gigs"],
    queryFn: ({ signal, pageParam }) =>
      read(
        GigCardPageSchema,
        api.GET("/api/users/{username}/gigs", {
          params: { path: { username }, query: { limit: 12, cursor: pageParam || undefined } },
          signal,
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

const MyGigPageSchema = pageOf(MyGigCardSchema);

/**
 * `GET /api/me/gigs`: the signed-in seller's gigs. The user id is part of the key so that one
 * person's list is never shown to the next person who signs in on the same tab.
 */
export function myGigsQueryOptions(userId: string, status: Exclude<GigStatus, "archived"> | undefined) {
  return infiniteQueryOptions({
    queryKey: ["my-gigs", userId, status ?? "all"],
    queryFn: ({ signal, pageParam }) =>
      read(
        MyGigPageSchema,
        api.GET("/api/me/gigs", {
          params: { query: { limit: 20, status, cursor: pageParam || undefined } },
          signal,
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

const ModerationPageSchema = pageOf(ModerationItemSchema);

/** `GET /api/admin/moderation/gigs`: gigs waiting for an admin, the longest-waiting first. */
export function moderationQueueQueryOptions(userId: string) {
  return infiniteQueryOptions({
    queryKey: ["moderation", userId],
    queryFn: ({ signal, pageParam }) =>
      read(
        ModerationPageSchema,
        api.GET("/api/admin/moderation/gigs", {
          params: { query: { limit: 20, cursor: pageParam || undefined } },
          signal,
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export type SearchFilters = Omit<SearchGigsQuery, "limit" | "cursor">;

/** The search query: filters left empty in a form are not sent. */
export function searchQuery(filters: SearchFilters, limit: number, cursor?: string): SearchGigsQuery {
  const query: SearchGigsQuery = { limit };
  for (const [key, value] of Object.entries(filters) as [keyof SearchFilters, unknown][]) {
    if (value !== undefined && value !== "") Object.assign(query, { [key]: value });
  }
  if (cursor) query.cursor = cursor;
  return query;
}

/** `GET /api/search/gigs`, page by page ("Show more"). */
export function searchQueryOptions(filters: SearchFilters, limit = 24) {
  return infiniteQueryOptions({
    queryKey: ["search", filters, limit],
    queryFn: ({ signal, pageParam }) =>
      read(
        SearchGigsResultSchema,
        api.GET("/api/search/gigs", { params: { query: searchQuery(filters, limit, pageParam) }, signal }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One page of search results: for the home page's rows of gigs. */
export function gigRowQueryOptions(filters: SearchFilters, limit: number) {
  return queryOptions({
    queryKey: ["search-row", filters, limit],
    queryFn: ({ signal }) =>
      read(
        SearchGigsResultSchema,
        api.GET("/api/search/gigs", { params: { query: searchQuery(filters, limit) }, signal }),
      ),
  });
}

/** `GET /api/search/suggest`: up to 8 completions for what was typed. */
export function suggestQueryOptions(q: string) {
  return queryOptions({
    queryKey: ["suggest", q],
    queryFn: ({ signal }) =>
      read(SearchSuggestResultSchema, api.GET("/api/search/suggest", { params: { query: { q } }, signal })),
    staleTime: 5 * 60_000,
  });
}

/** Tells search which result was opened, for ranking. Best effort: a failure is not the buyer's problem. */
export function logSearchClick(click: { searchId: string; gigId: string; position: number }): void {
  api.POST("/api/search/clicks", { body: click }).catch(() => undefined);
}

/**
 * The marketplace currency, read from any listed gig (the API has no settings endpoint). New gigs
 * must be priced in it; USD is the server's default when nothing is listed yet.
 */
export const marketplaceCurrencyQueryOptions = queryOptions({
  queryKey: ["marketplace-currency"],
  queryFn: async ({ signal }) => {
    const result = await read(
      SearchGigsResultSchema,
      api.GET("/api/search/gigs", { params: { query: { limit: 1 } }, signal }),
    );
    return result.data[0]?.startingPrice.currency ?? "USD";
  },
  staleTime: Infinity,
});
