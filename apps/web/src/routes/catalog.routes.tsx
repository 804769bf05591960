import { lazy } from "react";
import {
  firstChars,
  GigStatusSchema,
  SEARCH_QUERY_MAX_CHARS,
  SearchSortSchema,
  SellerLevelSchema,
  type GigStatus,
  type SearchSort,
  type SellerLevel,
} from "@atelier/contracts";
import { createRoute, redirect, type AnyRoute } from "@tanstack/react-router";
import { SignedIn } from "../components/SignedIn";
import { requireSignedIn } from "./guards";
import { EDITOR_STEPS, type EditorStep } from "../pages/gig-editor/steps";

// Route-level code splitting: each page is its own chunk, loaded when its route renders.
const GigEditorPage = lazy(() => import("../pages/gig-editor").then((m) => ({ default: m.GigEditorPage })));
const GigPage = lazy(() => import("../pages/gig").then((m) => ({ default: m.GigPage })));
const ModerationPage = lazy(() =>
  import("../pages/ModerationPage").then((m) => ({ default: m.ModerationPage })),
);
const MyGigsPage = lazy(() => import("../pages/MyGigsPage").then((m) => ({ default: m.MyGigsPage })));
const SearchPage = lazy(() => import("../pages/search").then((m) => ({ default: m.SearchPage })));

/** The search page's filters, named as `GET /api/search/gigs` names them (prices in minor units). */
export interface CatalogSearchParams {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  maxDeliveryDays?: number;
  sellerLevel?: SellerLevel;
  minRating?: number;
  /** `none`: only gigs whose seller declares no AI use. */
  aiUse?: "none";
  sort?: SearchSort;
}

function text(value: unknown, max: number): string | undefined {
  const result = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  return result && result.length <= max ? result : undefined;
}

function number(value: unknown, min: number, max: number): number | undefined {
  const result = typeof value === "string" ? Number(value) : value;
  return typeof result === "number" && Number.isFinite(result) && result >= min && result <= max
    ? result
    : undefined;
}

function oneOf<T>(schema: { safeParse(value: unknown): { success: boolean; data?: T } }, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** Drops anything the API would refuse, so a hand-edited address still shows results. */
export function validateCatalogSearch(search: Record<string, unknown>): CatalogSearchParams {
  const params: CatalogSearchParams = {};
  // A longer text (a pasted paragraph, an old link) is searched by its start, as the API does.
  // (200 characters may be up to 400 UTF-16 units.)
  const q = text(
    typeof search.q === "string" ? firstChars(search.q.trim(), SEARCH_QUERY_MAX_CHARS) : search.q,
    2 * SEARCH_QUERY_MAX_CHARS,
  );
  if (q) params.q = q;
  const category = text(search.category, 100);
  if (category) params.category = category;
  const minPrice = number(search.minPrice, 0, 100_000_000);
  if (minPrice !== undefined) params.minPrice = minPrice;
  const maxPrice = number(search.maxPrice, 0, 100_000_000);
  if (maxPrice !== undefined && (minPrice === undefined || maxPrice >= minPrice)) params.maxPrice = maxPrice;
  const maxDeliveryDays = number(search.maxDeliveryDays, 1, 90);
  if (maxDeliveryDays !== undefined) params.maxDeliveryDays = Math.round(maxDeliveryDays);
  const sellerLevel = oneOf<SellerLevel>(SellerLevelSchema, search.sellerLevel);
  if (sellerLevel) params.sellerLevel = sellerLevel;
  const minRating = number(search.minRating, 0, 5);
  if (minRating !== undefined) params.minRating = minRating;
  if (search.aiUse === "none") params.aiUse = "none";
  const sort = oneOf<SearchSort>(SearchSortSchema, search.sort);
  if (sort) params.sort = sort;
  return params;
}

export interface MyGigsSearchParams {
  status?: Exclude<GigStatus, "archived">;
}

function validateMyGigsSearch(search: Record<string, unknown>): MyGigsSearchParams {
  const status = oneOf<GigStatus>(GigStatusSchema, search.status);
  return status && status !== "archived" ? { status } : {};
}

export interface EditorSearchParams {
  step?: EditorStep;
}

function validateEditorSearch(search: Record<string, unknown>): EditorSearchParams {
  const step = EDITOR_STEPS.find((candidate) => candidate === search.step);
  return step ? { step } : {};
}

/**
 * Search, gig pages, the seller's gigs and editor, and the admins' moderation queue, as children of
 * `parent` (the root route).
 */
export function catalogRoutes<TParent extends AnyRoute>(parent: TParent) {
  const search = createRoute({
    getParentRoute: () => parent,
    path: "search",
    validateSearch: validateCatalogSearch,
    component: SearchPage,
  });
  // A gig's address is its seller's username and its slug; the app's own two-segment paths are
  // static routes, which the router ranks first (usernames cannot take them: APP_PATH_SEGMENTS).
  const gig = createRoute({
    getParentRoute: () => parent,
    path: "$username/$slug",
    component: GigPage,
  });
  const gigById = createRoute({
    getParentRoute: () => parent,
    path: "gigs/$gigId",
    component: GigPage,
  });
  const category = createRoute({
    getParentRoute: () => parent,
    path: "categories/$slug",
    // The server renders a category's page for search engines; people get its gigs in search.
    beforeLoad: ({ params }) => {
      // TanStack Router redirects by throwing its own redirect object.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw redirect({ to: "/search", search: { category: params.slug }, replace: true });
    },
  });
  const myGigs = createRoute({
    getParentRoute: () => parent,
    path: "seller/gigs",
    validateSearch: validateMyGigsSearch,
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <MyGigsPage />
      </SignedIn>
    ),
  });
  const newGig = createRoute({
    getParentRoute: () => parent,
    path: "seller/gigs/new",
    validateSearch: validateEditorSearch,
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <GigEditorPage />
      </SignedIn>
    ),
  });
  const editGig = createRoute({
    getParentRoute: () => parent,
    path: "seller/gigs/$gigId/edit",
    validateSearch: validateEditorSearch,
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <GigEditorPage />
      </SignedIn>
    ),
  });
  const moderation = createRoute({
    getParentRoute: () => parent,
    path: "admin/moderation",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <ModerationPage />
      </SignedIn>
    ),
  });
  return [search, gig, gigById, category, myGigs, newGig, editGig, moderation] as const;
}
