import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { sellerLevelLabel } from "../../components/SellerLevelBadge";
import { marketplaceCurrencyQueryOptions } from "../../lib/catalog";
import { formatCount, formatMoney } from "../../lib/format";
import type { CatalogSearchParams } from "../../routes/catalog.routes";
import type { FILTER_KEYS } from "./searchHelpers";

export function ActiveFilters({
  search,
  names,
}: {
  search: CatalogSearchParams;
  names: Map<string, string>;
}) {
  const currency = useQuery(marketplaceCurrencyQueryOptions).data ?? "USD";
  const chips: { key: (typeof FILTER_KEYS)[number]; label: string }[] = [];
  if (search.category) chips.push({ key: "category", label: names.get(search.category) ?? search.category });
  if (search.minPrice !== undefined)
    chips.push({
      key: "minPrice",
      label: `Package from ${formatMoney({ amount: search.minPrice, currency })}`,
    });
  if (search.maxPrice !== undefined)
    chips.push({
      key: "maxPrice",
      label: `Package up to ${formatMoney({ amount: search.maxPrice, currency })}`,
    });
  if (search.maxDeliveryDays !== undefined)
    chips.push({
      key: "maxDeliveryDays",
      label: `Within ${formatCount(search.maxDeliveryDays, "day", "days")}`,
    });
  if (search.sellerLevel) chips.push({ key: "sellerLevel", label: sellerLevelLabel(search.sellerLevel) });
  if (search.minRating !== undefined) chips.push({ key: "minRating", label: `${search.minRating}★ and up` });
  if (search.aiUse === "none") chips.push({ key: "aiUse", label: "AI: none" });
  if (chips.length === 0) return null;
  return (
    <ul aria-label="Active filters" className="mt-4 flex flex-wrap items-center gap-2">
      {chips.map((chip) => (
        <li key={chip.key}>
          <Link
            to="/search"
            search={(prev) => ({ ...prev, [chip.key]: undefined })}
            activeOptions={{ exact: true }}
            className="inline-flex items-center gap-1.5 rounded-full border border-brand-200 bg-brand-50 py-1 pr-2.5 pl-3 text-sm text-brand-900 hover:border-brand-300 hover:bg-brand-100"
          >
            {chip.label}
            <span aria-hidden="true" className="text-brand-700">
              ×
            </span>
            <span className="sr-only">(remove filter)</span>
          </Link>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <Link
            to="/search"
            search={(prev) => ({ q: prev.q, sort: prev.sort })}
            activeOptions={{ exact: true }}
            className="px-2 text-sm font-medium text-stone-700 underline-offset-2 hover:text-brand-800 hover:underline"
          >
            Clear all
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
