import type { CategoryNode } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { ButtonLink } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { SearchIcon } from "../../components/icons";
import { suggestQueryOptions } from "../../lib/catalog";
import type { CatalogSearchParams } from "../../routes/catalog.routes";

export function NoResults({
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
