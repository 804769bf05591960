import {
  CategoryTreeSchema,
  FileSchema,
  GigCardSchema,
  GigSchema,
  ModerationItemSchema,
  MyGigCardSchema,
  ProblemSchema,
  ReviewSchema,
  ReviewSummarySchema,
  SearchGigsResultSchema,
  SearchSuggestResultSchema,
  pageOf,
  type CategoryNode,
  type FileDto,
  type GigStatus,
  type SearchGigsQuery,
} from "@atelier/contracts";
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { ApiError, CSRF_COOKIE, api, readCookie } from "./api";

/** `GET /api/categories`: top-level categories with their subcategories. Changes rarely. */
export const categoriesQueryOptions = queryOptions({
  queryKey: ["categories"],
  queryFn: ({ signal }) => api.get("/api/categories", CategoryTreeSchema, signal),
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
    queryFn: ({ signal }) => api.get(`/api/gigs/${encodeURIComponent(gigId)}`, GigSchema, signal),
  });
}

const GigReviewsPageSchema = pageOf(ReviewSchema).extend({ summary: ReviewSummarySchema });
export type ReviewSummary = ReturnType<typeof ReviewSummarySchema.parse>;

/** `GET /api/gigs/:id/reviews`: revealed buyer reviews, page by page, each page with the summary. */
export function gigReviewsQueryOptions(gigId: string) {
  return infiniteQueryOptions({
    queryKey: ["gigs", gigId, "reviews"],
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams({ limit: "10" });
      if (pageParam) params.set("cursor", pageParam);
      return api.get(
        `/api/gigs/${encodeURIComponent(gigId)}/reviews?${params}`,
        GigReviewsPageSchema,
        signal,
      );
    },
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
      api.get(`/api/users/${encodeURIComponent(username)}/reviews?limit=10`, SellerReviewsSchema, signal),
  });
}

const GigCardPageSchema = pageOf(GigCardSchema);

/** `GET /api/users/:username/gigs`: the seller's active gigs. */
export function userGigsQueryOptions(username: string) {
  return infiniteQueryOptions({
    queryKey: ["users", username, "gigs"],
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams({ limit: "12" });
      if (pageParam) params.set("cursor", pageParam);
      return api.get(`/api/users/${encodeURIComponent(username)}/gigs?${params}`, GigCardPageSchema, signal);
    },
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

const MyGigPageSchema = pageOf(MyGigCardSchema);

/**
 * `GET /api/me/gigs`: the signed-in seller's gigs. The user id is part of the key so that one
 * person's list is never shown to the next person who signs in on the same tab.
 */
export function myGigsQueryOptions(userId: string, status: GigStatus | undefined) {
  return infiniteQueryOptions({
    queryKey: ["my-gigs", userId, status ?? "all"],
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams({ limit: "20" });
      if (status) params.set("status", status);
      if (pageParam) params.set("cursor", pageParam);
      return api.get(`/api/me/gigs?${params}`, MyGigPageSchema, signal);
    },
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

const ModerationPageSchema = pageOf(ModerationItemSchema);

/** `GET /api/admin/moderation/gigs`: gigs waiting for an admin, the longest-waiting first. */
export function moderationQueueQueryOptions(userId: string) {
  return infiniteQueryOptions({
    queryKey: ["moderation", userId],
    queryFn: ({ signal, pageParam }) => {
      const params = new URLSearchParams({ limit: "20" });
      if (pageParam) params.set("cursor", pageParam);
      return api.get(`/api/admin/moderation/gigs?${params}`, ModerationPageSchema, signal);
    },
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export type SearchFilters = Omit<SearchGigsQuery, "limit" | "cursor">;

function searchParams(filters: SearchFilters, limit: number, cursor?: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return params;
}

/** `GET /api/search/gigs`, page by page ("Show more"). */
export function searchQueryOptions(filters: SearchFilters, limit = 24) {
  return infiniteQueryOptions({
    queryKey: ["search", filters, limit],
    queryFn: ({ signal, pageParam }) =>
      api.get(`/api/search/gigs?${searchParams(filters, limit, pageParam)}`, SearchGigsResultSchema, signal),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One page of search results: for the home page's rows of gigs. */
export function gigRowQueryOptions(filters: SearchFilters, limit: number) {
  return queryOptions({
    queryKey: ["search-row", filters, limit],
    queryFn: ({ signal }) =>
      api.get(`/api/search/gigs?${searchParams(filters, limit)}`, SearchGigsResultSchema, signal),
  });
}

/** `GET /api/search/suggest`: up to 8 completions for what was typed. */
export function suggestQueryOptions(q: string) {
  return queryOptions({
    queryKey: ["suggest", q],
    queryFn: ({ signal }) =>
      api.get(`/api/search/suggest?${new URLSearchParams({ q })}`, SearchSuggestResultSchema, signal),
    staleTime: 5 * 60_000,
  });
}

/** Tells search which result was opened, for ranking. Best effort: a failure is not the buyer's problem. */
export function logSearchClick(click: { searchId: string; gigId: string; position: number }): void {
  api.send("POST", "/api/search/clicks", click).catch(() => undefined);
}

/**
 * The marketplace currency, read from any listed gig (the API has no settings endpoint). New gigs
 * must be priced in it; USD is the server's default when nothing is listed yet.
 */
export const marketplaceCurrencyQueryOptions = queryOptions({
  queryKey: ["marketplace-currency"],
  queryFn: async ({ signal }) => {
    const result = await api.get("/api/search/gigs?limit=1", SearchGigsResultSchema, signal);
    return result.data[0]?.startingPrice.currency ?? "USD";
  },
  staleTime: Infinity,
});

/**
 * `POST /api/files` (multipart, field `file`). Not through `apiFetch`, which speaks JSON only; the
 * CSRF header and the problem+json errors are handled the same way.
 */
export async function uploadFile(file: File): Promise<FileDto> {
  const form = new FormData();
  form.append("file", file, file.name);
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  const csrf = readCookie(CSRF_COOKIE);
  if (csrf) headers["X-CSRF-Token"] = csrf;
  let response: Response;
  try {
    response = await fetch("/api/files", { method: "POST", body: form, headers, credentials: "same-origin" });
  } catch {
    throw new ApiError({
      status: 0,
      code: "network_error",
      title: "Network error",
      detail: "The upload didn’t reach Atelier. Check your connection and try again.",
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = ProblemSchema.safeParse(body);
    throw new ApiError({
      status: response.status,
      code: problem.success ? problem.data.code : `http_${response.status}`,
      title: problem.success ? problem.data.title : response.statusText,
      detail: problem.success ? problem.data.detail : undefined,
      errors: problem.success ? problem.data.errors : undefined,
    });
  }
  const parsed = FileSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      status: 0,
      code: "invalid_response",
      title: "Unexpected response",
      detail: "The upload finished but the server’s answer was unexpected. Please try again.",
    });
  }
  return parsed.data;
}
