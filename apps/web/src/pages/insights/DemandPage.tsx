import { DemandResultSchema, type DemandEntry } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { api, isApiError, read } from "../../lib/api";
import { categoriesQueryOptions, categoryNames } from "../../lib/catalog";
import { formatDateTime } from "../../lib/format";
import { usePageTitle } from "../../lib/usePageTitle";

const PERIODS = [7, 30, 90] as const;
const TREND_LABELS: Record<DemandEntry["trend"]["direction"], string> = {
  new: "new this week",
  up: "rising",
  down: "falling",
  flat: "steady",
};

/** Entries grouped by the category they were searched in ("All categories" first). */
function byCategory(
  entries: readonly DemandEntry[],
): { key: string; name: string; entries: DemandEntry[] }[] {
  const groups = new Map<string, { key: string; name: string; entries: DemandEntry[] }>();
  for (const e of entries) {
    const key = e.category ?? "";
    const group = groups.get(key) ?? { key, name: e.categoryName ?? "All categories", entries: [] };
    group.entries.push(e);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) =>
    a.key === "" ? -1 : b.key === "" ? 1 : a.name.localeCompare(b.name),
  );
}

/**
 * The demand radar: `/seller/demand` ("buyers are looking for…") and `/admin/demand`. Searches that found
 * few or no services, made by at least five people, per category.
 */
export function DemandPage({ admin = false }: { admin?: boolean }) {
  usePageTitle(admin ? "Search demand" : "Buyers are looking for");
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  // "" is every category; a top-level category includes its subcategories (the API's `category`).
  const [category, setCategory] = useState("");
  const selectId = useId();
  const categoryId = useId();
  const tree = useQuery(categoriesQueryOptions);
  const demand = useQuery({
    queryKey: ["search-demand", days, category],
    queryFn: ({ signal }) =>
      read(
        DemandResultSchema,
        api.GET("/api/insights/demand", {
          params: { query: { days, ...(category ? { category } : {}) } },
          signal,
        }),
      ),
  });
  const categoryName = category ? (categoryNames(tree.data ?? []).get(category) ?? category) : null;

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <p className="text-sm font-medium text-stone-600">{admin ? "Admin" : "Selling"}</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900">
        {admin ? "Search demand" : "Buyers are looking for…"}
      </h1>
      <p className="mt-3 max-w-2xl text-stone-600">
        Searches that found few or no services, made by at least five different people. Each is a gap a new
        gig could fill.
      </p>
      <div className="mt-6 flex flex-wrap items-center gap-3">
        <label htmlFor={categoryId} className="text-sm font-medium text-stone-700">
          Category
        </label>
        <select
          id={categoryId}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm"
        >
          <option value="">All categories</option>
          {(tree.data ?? []).map((top) => (
            <optgroup key={top.slug} label={top.name}>
              <option value={top.slug}>All of {top.name}</option>
              {top.children.map((child) => (
                <option key={child.slug} value={child.slug}>
                  {child.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <label htmlFor={selectId} className="text-sm font-medium text-stone-700">
          Period
        </label>
        <select
          id={selectId}
          value={days}
          onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])}
          className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm"
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              Last {p} days
            </option>
          ))}
        </select>
      </div>

      <div className="mt-6">
        {demand.isPending ? (
          <LoadingRegion label="Loading searches">
            <Skeleton className="h-40 w-full rounded-2xl" />
          </LoadingRegion>
        ) : demand.isError ? (
          <ErrorState
            title="The demand radar couldn’t load"
            error={demand.error}
            message={
              isApiError(demand.error, 403)
                ? "Only sellers and admins see what buyers search for."
                : undefined
            }
            onRetry={() => void demand.refetch()}
            retrying={demand.isFetching}
          />
        ) : demand.data.data.length === 0 ? (
          <EmptyState
            title={categoryName ? `No unmet searches in ${categoryName} yet` : "No unmet searches yet"}
          >
            <p>When several buyers search for something nobody offers, it shows up here.</p>
          </EmptyState>
        ) : (
          <div className="space-y-6" data-testid="demand-radar">
            {byCategory(demand.data.data).map((group) => (
              <DemandGroup key={group.key} name={group.name} entries={group.entries} admin={admin} />
            ))}
            {demand.data.aggregatedAt ? (
              <p className="text-sm text-stone-600">
                Counted up to {formatDateTime(demand.data.aggregatedAt)}.
              </p>
            ) : null}
          </div>
        )}
      </div>
    </div>
  );
}

function DemandGroup({ name, entries, admin }: { name: string; entries: DemandEntry[]; admin: boolean }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
      <h2 id={id} className="text-lg font-semibold text-stone-900">
        {name}
      </h2>
      <div
        role="region"
        aria-label={`Searches in ${name}, scrolls sideways on small screens`}
        tabIndex={0}
        className="mt-3 overflow-x-auto"
      >
        <table className="w-full min-w-[32rem] text-left text-sm">
          <caption className="sr-only">Searches in {name} that found few services</caption>
          <thead className="border-b border-stone-200 text-stone-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Search
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                People
              </th>
              {admin ? (
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Searches
                </th>
              ) : null}
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Results found
              </th>
              <th scope="col" className="py-2 pl-3 text-right font-medium">
                This week vs last
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {entries.map((e) => (
              <tr key={`${e.query}|${e.category ?? ""}`}>
                <th scope="row" className="py-2 pr-3 font-medium text-stone-900">
                  “{e.query}”
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{e.searchers}</td>
                {admin ? <td className="px-3 py-2 text-right tabular-nums">{e.searches}</td> : null}
                <td className="px-3 py-2 text-right tabular-nums">{e.averageResults}</td>
                <td className="py-2 pl-3 text-right tabular-nums">
                  {e.trend.thisWeek} vs {e.trend.previousWeek}{" "}
                  <span className="text-stone-600">({TREND_LABELS[e.trend.direction]})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
