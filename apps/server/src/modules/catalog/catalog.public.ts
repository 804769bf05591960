// The catalog's facade for the modules above it (re-exports only): reading gigs and categories for
// the public pages search engines read, and the addresses the sitemap lists.
export { getCategory, getGig, listCategories, listSellerGigs } from "./catalog.usecases";
export {
  countPublicPages,
  createCatalogState,
  getGigBySellerSlug,
  listCategoryGigs,
  listPublicGigs,
  listPublicSellers,
  type PublicGigRef,
  type PublicSellerRef,
} from "./catalog.pages.usecases";
export type { Viewer } from "./catalog.models";
