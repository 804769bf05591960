import type { CategoryNode, SearchFacets } from "@atelier/contracts";
import type { CatalogSearchParams } from "../../routes/catalog.routes";

export const FILTER_KEYS = [
  "category",
  "minPrice",
  "maxPrice",
  "maxDeliveryDays",
  "sellerLevel",
  "minRating",
  "aiUse",
] as const satisfies readonly (keyof CatalogSearchParams)[];

export interface FilterSidebarProps {
  search: CatalogSearchParams;
  facets: SearchFacets | undefined;
  tree: readonly CategoryNode[] | undefined;
  names: Map<string, string>;
  loading: boolean;
}

export const optionClass =
  "flex items-center justify-between gap-3 rounded-lg px-2.5 py-1.5 text-sm text-stone-700 hover:bg-stone-100 hover:text-stone-900 data-[status=active]:bg-brand-50 data-[status=active]:font-semibold data-[status=active]:text-brand-900";
