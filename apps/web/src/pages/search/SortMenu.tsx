import type { SearchSort } from "@atelier/contracts";
import { useNavigate } from "@tanstack/react-router";
import { useId } from "react";
import type { CatalogSearchParams } from "../../routes/catalog.routes";

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: "Best match",
  best_selling: "Best selling",
  rating: "Highest rated",
  newest: "Newest",
  // By the package price, before fees (docs/search.md "Prices"); cards then show it too.
  price_asc: "Price: low to high",
  price_desc: "Price: high to low",
};

export function SortMenu({ search }: { search: CatalogSearchParams }) {
  const navigate = useNavigate({ from: "/search" });
  const id = useId();
  const sorts: SearchSort[] = search.q
    ? ["relevance", "best_selling", "rating", "newest", "price_asc", "price_desc"]
    : ["best_selling", "rating", "newest", "price_asc", "price_desc"];
  const current = search.sort ?? (search.q ? "relevance" : "best_selling");
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-stone-700">
        Sort by
      </label>
      <select
        id={id}
        value={current}
        onChange={(event) => {
          const value = sorts.find((sort) => sort === event.currentTarget.value);
          void navigate({ search: (prev) => ({ ...prev, sort: value }) });
        }}
        className="h-9 rounded-full border border-stone-300 bg-white px-3 text-sm text-stone-900 hover:border-stone-400"
      >
        {sorts.map((sort) => (
          <option key={sort} value={sort}>
            {SORT_LABELS[sort]}
          </option>
        ))}
      </select>
    </div>
  );
}
