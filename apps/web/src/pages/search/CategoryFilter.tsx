import { Link } from "@tanstack/react-router";
import { Skeleton } from "../../components/Skeleton";
import { parentCategory } from "../../lib/catalog";
import { Count } from "./Count";
import type { FilterSidebarProps } from "./searchHelpers";
import { optionClass } from "./searchHelpers";

export function CategoryFilter({ search, facets, tree, names, loading }: FilterSidebarProps) {
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
