// The catalog's facade for the modules above it (re-exports only): reading gigs and categories for
// the public pages search engines read, and the addresses the sitemap lists.
export { getCategory, getGig, listCategories, listSellerGigs } from "./catalog.usecases";
export {
  countPublicPages,
  createCatalogState,
  getGigBySellerSlug,
  getGigPageView,
  listCategoryGigs,
  listPublicGigs,
  listPublicSellers,
  type PublicGigRef,
  type PublicSellerRef,
} from "./catalog.pages.usecases";
export type { GigPageView, Viewer } from "./catalog.models";
