import type { CategoryNode, SearchFacets, SearchSort, SellerLevel } from "@atelier/contracts";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button, ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { GigCard, GigCardSkeleton } from "../components/GigCard";
import { SearchIcon } from "../components/icons";
import { sellerLevelLabel } from "../components/SellerLevelBadge";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import {
  categoriesQueryOptions,
  categoryNames,
  logSearchClick,
  marketplaceCurrencyQueryOptions,
  parentCategory,
  searchQueryOptions,
  suggestQueryOptions,
  type SearchFilters,
} from "../lib/catalog";
import { formatCount, formatMoney } from "../lib/format";
import { parseMoneyInput, toMoneyInput } from "../lib/moneyInput";
import { usePageTitle } from "../lib/usePageTitle";
import type { CatalogSearchParams } from "../routes/catalog.routes";
import { RelaxedResultsNotice } from "../components/RelaxedResultsNotice";

const route = getRouteApi("/search");

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: "Best match",
  best_selling: "Best selling",
  rating: "Highest rated",
  newest: "Newest",
  // By the package price, before fees (docs/search.md "Prices"); cards then show it too.
  price_asc: "Price: low to high",
  price_desc: "Price: high to low",
};

const LEVELS: SellerLevel[] = ["top_rated", "level_2", "level_1", "new"];
const RATINGS = [4.5, 4, 3];
const FILTER_KEYS = [
  "category",
  "minPrice",
  "maxPrice",
  "maxDeliveryDays",
  "sellerLevel",
  "minRating",
] as const satisfies readonly (keyof CatalogSearchParams)[];

const GRID = "grid grid-cols-1 gap-5 min-[480px]:grid-cols-2 xl:grid-cols-3";

export function SearchPage() {
  const search = route.useSearch();
  const query = search.q ?? "";
  const categories = useQuery(categoriesQueryOptions);
  const names = categories.data ? categoryNames(categories.data) : new Map<string, string>();
  const categoryName = search.category ? (names.get(search.category) ?? search.category) : null;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();

  function closeFilters() {
    setFiltersOpen(false);
    document.getElementById(`${filtersId}-toggle`)?.focus();
  }

  const filters: SearchFilters = { ...search };
  const results = useInfiniteQuery({ ...searchQueryOptions(filters), placeholderData: keepPreviousData });
  const first = results.data?.pages[0];
  const activeFilters = FILTER_KEYS.filter((key) => search[key] !== undefined).length;

  usePageTitle(query ? `“${query}”` : (categoryName ?? "Browse services"));

  const heading = query ? <>Results for “{query}”</> : categoryName ? categoryName : "Browse services";

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
      <header>
        {search.category && categories.data ? (
          <Breadcrumbs tree={categories.data} slug={search.category} />
        ) : null}
        <h1 className="font-display text-3xl font-semibold tracking-tight text-balance text-stone-900 sm:text-4xl">
          {heading}
        </h1>
        {query && categoryName ? <p className="mt-1 text-stone-600">in {categoryName}</p> : null}
        {first && first.corrections.length > 0 ? (
          <p className="mt-3 text-stone-700">
            Also searched for{" "}
            {first.corrections.map((correction, index) => (
              <span key={correction.from}>
                {index > 0 ? ", " : ""}
                <strong className="font-semibold text-stone-900">{correction.to.join(" / ")}</strong> instead
                of “{correction.from}”
              </span>
            ))}
            .
          </p>
        ) : null}
        <RelaxedResultsNotice relaxed={first?.relaxed} />
      </header>

      <div className="mt-6 flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 pb-4">
        <p className="text-stone-700" aria-live="polite">
          {first ? (
            <>
              <span className="font-semibold text-stone-900">
                {first.totalIsEstimate ? "About " : ""}
                {formatCount(first.total, "service", "services")}
              </span>{" "}
              available
            </>
          ) : results.isPending ? (
            <Skeleton className="h-5 w-32" />
          ) : null}
        </p>
        <div className="flex items-center gap-2">
          <Button
            variant="secondary"
            size="sm"
            className="lg:hidden"
            id={`${filtersId}-toggle`}
            aria-expanded={filtersOpen}
            aria-controls={filtersId}
            onClick={() => setFiltersOpen((open) => !open)}
          >
            Filters{activeFilters > 0 ? ` (${activeFilters})` : ""}
          </Button>
          <SortMenu search={search} />
        </div>
      </div>

      <ActiveFilters search={search} names={names} />

      <div className="mt-6 grid gap-8 lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-10">
        <aside
          id={filtersId}
          aria-label="Filters"
          className={`${filtersOpen ? "block" : "hidden"} rounded-2xl border border-stone-200 bg-white p-3 lg:block lg:border-0 lg:bg-transparent lg:p-0`}
        >
          <FilterSidebar
            search={search}
            facets={first?.facets}
            tree={categories.data}
            names={names}
            loading={results.isPending}
          />
          <Button variant="primary" className="mt-6 w-full lg:hidden" onClick={closeFilters}>
            {first ? `Show ${formatCount(first.total, "result", "results")}` : "Show results"}
          </Button>
        </aside>

        <section aria-label="Results" aria-busy={results.isFetching && !results.isFetchingNextPage}>
          {results.isPending ? (
            <LoadingRegion label="Loading results">
              <div className={GRID}>
                {Array.from({ length: 6 }, (_, index) => (
                  <GigCardSkeleton key={index} />
                ))}
              </div>
            </LoadingRegion>
          ) : results.isError ? (
            <ErrorState
              title="Results couldn’t load"
              error={results.error}
              onRetry={() => void results.refetch()}
              retrying={results.isFetching}
            />
          ) : results.data.pages[0]?.total === 0 ? (
            <NoResults search={search} activeFilters={activeFilters} tree={categories.data} />
          ) : (
            <>
              <ul
                className={`${GRID} transition-opacity ${results.isPlaceholderData ? "opacity-60" : ""}`}
                aria-label="Services"
              >
                {results.data.pages.flatMap((page, pageIndex) => {
                  const offset = results.data.pages
                    .slice(0, pageIndex)
                    .reduce((count, previous) => count + previous.data.length, 0);
                  return page.data.map((gig, index) => (
                    <li key={gig.id}>
                      <GigCard
                        gig={gig}
                        showPackagePrice={
                          search.minPrice !== undefined ||
                          search.maxPrice !== undefined ||
                          search.sort === "price_asc" ||
                          search.sort === "price_desc"
                        }
                        onOpen={() =>
                          logSearchClick({
                            searchId: page.searchId,
                            gigId: gig.id,
                            position: offset + index + 1,
                          })
                        }
                      />
                    </li>
                  ));
                })}
              </ul>
              <Pagination
                shown={results.data.pages.reduce((count, page) => count + page.data.length, 0)}
                total={first?.total ?? 0}
                estimate={first?.totalIsEstimate ?? false}
                hasMore={results.hasNextPage}
                loading={results.isFetchingNextPage}
                error={results.isFetchNextPageError}
                onMore={() => void results.fetchNextPage()}
              />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function Breadcrumbs({ tree, slug }: { tree: readonly CategoryNode[]; slug: string }) {
  const parent = parentCategory(tree, slug);
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <ol className="flex flex-wrap items-center gap-1.5 text-stone-600">
        <li>
          <Link to="/search" activeOptions={{ exact: true }} className="hover:text-brand-800 hover:underline">
            All services
          </Link>
        </li>
        {parent && parent.slug !== slug ? (
          <li className="flex items-center gap-1.5">
            <span aria-hidden="true">/</span>
            <Link
              to="/search"
              activeOptions={{ exact: true }}
              search={(prev) => ({ ...prev, category: parent.slug })}
              className="hover:text-brand-800 hover:underline"
            >
              {parent.name}
            </Link>
          </li>
        ) : null}
      </ol>
    </nav>
  );
}

function SortMenu({ search }: { search: CatalogSearchParams }) {
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

function ActiveFilters({ search, names }: { search: CatalogSearchParams; names: Map<string, string> }) {
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

interface FilterSidebarProps {
  search: CatalogSearchParams;
  facets: SearchFacets | undefined;
  tree: readonly CategoryNode[] | undefined;
  names: Map<string, string>;
  loading: boolean;
}

const optionClass =
  "flex items-center justify-between gap-3 rounded-lg px-2.5 py-1.5 text-sm text-stone-700 hover:bg-stone-100 hover:text-stone-900 data-[status=active]:bg-brand-50 data-[status=active]:font-semibold data-[status=active]:text-brand-900";

function FilterSidebar({ search, facets, tree, names, loading }: FilterSidebarProps) {
  return (
    <div className="space-y-7">
      <FilterGroup title="Category">
        <CategoryFilter search={search} facets={facets} tree={tree} names={names} loading={loading} />
      </FilterGroup>
      <FilterGroup title="Budget">
        <BudgetFilter key={`${search.minPrice}-${search.maxPrice}`} search={search} />
      </FilterGroup>
      <FilterGroup title="Delivery time">
        <ul className="space-y-0.5">
          <li>
            <Link
              to="/search"
              search={(prev) => ({ ...prev, maxDeliveryDays: undefined })}
              activeOptions={{ exact: true }}
              className={optionClass}
            >
              Any time
            </Link>
          </li>
          {(facets?.deliveryDays ?? []).map((bucket) => (
            <li key={bucket.maxDays}>
              <Link
                to="/search"
                search={(prev) => ({ ...prev, maxDeliveryDays: bucket.maxDays })}
                activeOptions={{ exact: true }}
                className={optionClass}
              >
                <span>{bucket.maxDays === 1 ? "Express, 24 hours" : `Up to ${bucket.maxDays} days`}</span>
                <Count value={bucket.count} />
              </Link>
            </li>
          ))}
        </ul>
      </FilterGroup>
      <FilterGroup title="Seller level">
        <ul className="space-y-0.5">
          <li>
            <Link
              to="/search"
              search={(prev) => ({ ...prev, sellerLevel: undefined })}
              activeOptions={{ exact: true }}
              className={optionClass}
            >
              Any level
            </Link>
          </li>
          {LEVELS.map((level) => {
            const count = facets?.sellerLevels.find((facet) => facet.level === level)?.count;
            return (
              <li key={level}>
                <Link
                  to="/search"
                  search={(prev) => ({ ...prev, sellerLevel: level })}
                  activeOptions={{ exact: true }}
                  className={optionClass}
                >
                  <span>{sellerLevelLabel(level)}</span>
                  {count !== undefined ? <Count value={count} /> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </FilterGroup>
      <FilterGroup title="Rating">
        <ul className="space-y-0.5">
          <li>
            <Link
              to="/search"
              search={(prev) => ({ ...prev, minRating: undefined })}
              activeOptions={{ exact: true }}
              className={optionClass}
            >
              Any rating
            </Link>
          </li>
          {RATINGS.map((rating) => (
            <li key={rating}>
              <Link
                to="/search"
                search={(prev) => ({ ...prev, minRating: rating })}
                activeOptions={{ exact: true }}
                className={optionClass}
              >
                <span>
                  <span aria-hidden="true" className="text-amber-600">
                    ★{" "}
                  </span>
                  {rating} and up
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </FilterGroup>
    </div>
  );
}

function FilterGroup({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id}>
      <h2 id={id} className="mb-2 px-2.5 text-xs font-semibold tracking-widest text-stone-600 uppercase">
        {title}
      </h2>
      {children}
    </div>
  );
}

function Count({ value }: { value: number }) {
  const text = new Intl.NumberFormat().format(value);
  return (
    <>
      <span aria-hidden="true" className="text-xs text-stone-600 tabular-nums">
        {text}
      </span>
      <span className="sr-only">({formatCount(value, "result", "results")})</span>
    </>
  );
}

function CategoryFilter({ search, facets, tree, names, loading }: FilterSidebarProps) {
  if (!tree || (loading && !facets)) {
    return (
      <div className="space-y-2 px-2.5" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((index) => (
          <Skeleton key={index} className="h-4 w-full" />
        ))}
      </div>
    );
  }
  const selected = search.category;
  const parent = selected ? parentCategory(tree, selected) : undefined;
  const counts = new Map((facets?.categories ?? []).map((facet) => [facet.slug, facet.count]));
  // Facets count one level below the filter: top-level categories with no filter, their children
  // under a top-level filter; categories without results are left out. A subcategory filter lists
  // its siblings without counts.
  const options = selected
    ? (parent?.children ?? [])
    : tree.map((top) => ({ slug: top.slug, name: top.name }));
  return (
    <ul className="space-y-0.5">
      <li>
        <Link
          to="/search"
          search={(prev) => ({ ...prev, category: undefined })}
          activeOptions={{ exact: true }}
          className={optionClass}
        >
          All categories
        </Link>
      </li>
      {parent ? (
        <li>
          <Link
            to="/search"
            search={(prev) => ({ ...prev, category: parent.slug })}
            activeOptions={{ exact: true }}
            className={optionClass}
          >
            <span>{parent.name}</span>
          </Link>
        </li>
      ) : null}
      {options
        .filter((option) => counts.size === 0 || counts.has(option.slug) || option.slug === selected)
        .map((option) => {
          const count = counts.get(option.slug);
          return (
            <li key={option.slug} className={parent ? "pl-3" : undefined}>
              <Link
                to="/search"
                search={(prev) => ({ ...prev, category: option.slug })}
                activeOptions={{ exact: true }}
                className={optionClass}
              >
                <span>{names.get(option.slug) ?? option.name}</span>
                {count !== undefined ? <Count value={count} /> : null}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}

function BudgetFilter({ search }: { search: CatalogSearchParams }) {
  const navigate = useNavigate({ from: "/search" });
  const currency = useQuery(marketplaceCurrencyQueryOptions).data ?? "USD";
  const minId = useId();
  const maxId = useId();
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const read = (name: string) => {
      const value = form.get(name);
      const textValue = typeof value === "string" ? value.trim() : "";
      return textValue === "" ? undefined : parseMoneyInput(textValue, currency);
    };
    const min = read("min");
    const max = read("max");
    if (min === null || max === null) {
      setError("Enter amounts such as 50 or 120.");
      return;
    }
    if (min !== undefined && max !== undefined && min > max) {
      setError("The minimum must not be above the maximum.");
      return;
    }
    setError(null);
    void navigate({ search: (prev) => ({ ...prev, minPrice: min, maxPrice: max }) });
  }

  const inputClass =
    "h-10 w-full min-w-0 rounded-xl border border-stone-300 bg-white px-3 text-sm text-stone-900 hover:border-stone-400 aria-invalid:border-red-600";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 px-2.5">
      <p className="text-xs text-stone-600">
        The package price, before the service fee (cards show the price with it).
      </p>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={minId} className="text-xs text-stone-700">
            Min ({currency})
          </label>
          <input
            id={minId}
            name="min"
            inputMode="decimal"
            placeholder="Any"
            defaultValue={search.minPrice !== undefined ? toMoneyInput(search.minPrice, currency) : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor={maxId} className="text-xs text-stone-700">
            Max ({currency})
          </label>
          <input
            id={maxId}
            name="max"
            inputMode="decimal"
            placeholder="Any"
            defaultValue={search.maxPrice !== undefined ? toMoneyInput(search.maxPrice, currency) : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={inputClass}
          />
        </div>
      </div>
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" size="sm" className="w-full">
        Apply budget
      </Button>
    </form>
  );
}

interface PaginationProps {
  shown: number;
  total: number;
  estimate: boolean;
  hasMore: boolean;
  loading: boolean;
  error: boolean;
  onMore: () => void;
}

function Pagination({ shown, total, estimate, hasMore, loading, error, onMore }: PaginationProps) {
  const format = new Intl.NumberFormat();
  return (
    <nav aria-label="More results" className="mt-10 flex flex-col items-center gap-3">
      <p className="text-sm text-stone-600">
        Showing {format.format(shown)} of {estimate ? "about " : ""}
        {format.format(Math.max(total, shown))}
      </p>
      {shown > 0 ? (
        <div aria-hidden="true" className="h-1 w-48 overflow-hidden rounded-full bg-stone-200">
          <div
            className="h-full rounded-full bg-brand-600"
            style={{ width: `${Math.min(100, (shown / Math.max(total, shown)) * 100)}%` }}
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          More results couldn’t load.
        </p>
      ) : null}
      {hasMore ? (
        <Button variant="secondary" onClick={onMore} loading={loading}>
          {error ? "Try again" : "Show more results"}
        </Button>
      ) : null}
    </nav>
  );
}

function NoResults({
  search,
  activeFilters,
  tree,
}: {
  search: CatalogSearchParams;
  activeFilters: number;
  tree: readonly CategoryNode[] | undefined;
}) {
  const q = search.q?.trim() ?? "";
  const suggestions = useQuery({ ...suggestQueryOptions(q), enabled: q.length > 0 });
  const ideas = (suggestions.data?.data ?? []).filter((item) => item.text.toLowerCase() !== q.toLowerCase());
  return (
    <EmptyState
      icon={<SearchIcon className="size-6" />}
      title={q ? `No services match “${q}”` : "No services match these filters"}
      className="max-w-xl"
      action={
        activeFilters > 0 ? (
          <ButtonLink
            to="/search"
            activeOptions={{ exact: true }}
            search={{ ...(q ? { q } : {}) }}
            variant="secondary"
          >
            Clear filters
          </ButtonLink>
        ) : (
          <ButtonLink to="/search" activeOptions={{ exact: true }} variant="secondary">
            Browse all services
          </ButtonLink>
        )
      }
    >
      <p>
        {activeFilters > 0
          ? "Try removing a filter or widening your budget."
          : "Check the spelling, or try a more general word such as “logo” or “website”."}
      </p>
      {ideas.length > 0 ? (
        <div className="mt-5">
          <p className="text-sm font-medium text-stone-800">Related searches</p>
          <ul className="mt-2 flex flex-wrap justify-center gap-2">
            {ideas.map((idea) => (
              <li key={`${idea.kind}:${idea.text}`}>
                <Link
                  to="/search"
                  activeOptions={{ exact: true }}
                  search={idea.kind === "category" && idea.slug ? { category: idea.slug } : { q: idea.text }}
                  className="rounded-full border border-stone-200 bg-white px-3 py-1 text-sm text-stone-700 hover:border-brand-300 hover:bg-brand-50 hover:text-brand-800"
                >
                  {idea.text}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : tree && !q ? null : tree ? (
        <div className="mt-5">
          <p className="text-sm font-medium text-stone-800">Or browse a category</p>
          <ul className="mt-2 flex flex-wrap justify-center gap-2">
            {tree.slice(0, 6).map((top) => (
              <li key={top.slug}>
                <Link
                  to="/search"
                  activeOptions={{ exact: true }}
                  search={{ category: top.slug }}
                  className="rounded-full border border-stone-200 bg-white px-3 py-1 text-sm text-stone-700 hover:border-brand-300 hover:bg-brand-50 hover:text-brand-800"
                >
                  {top.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </EmptyState>
  );
}
