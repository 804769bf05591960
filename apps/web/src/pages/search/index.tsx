import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useId, useState } from "react";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { GigCard, GigCardSkeleton } from "../../components/GigCard";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import {
  categoriesQueryOptions,
  categoryNames,
  logSearchClick,
  searchQueryOptions,
  type SearchFilters,
} from "../../lib/catalog";
import { formatCount } from "../../lib/format";
import { usePageTitle } from "../../lib/usePageTitle";
import { ActiveFilters } from "./ActiveFilters";
import { Breadcrumbs } from "./Breadcrumbs";
import { FilterSidebar } from "./FilterSidebar";
import { NoResults } from "./NoResults";
import { RelaxedResultsNotice } from "../../components/RelaxedResultsNotice";
import { Pagination } from "./Pagination";
import { SortMenu } from "./SortMenu";
import { FILTER_KEYS } from "./searchHelpers";

const route = getRouteApi("/search");

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
