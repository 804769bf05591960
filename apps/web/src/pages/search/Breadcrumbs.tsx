import type { CategoryNode } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";
import { parentCategory } from "../../lib/catalog";

export function Breadcrumbs({ tree, slug }: { tree: readonly CategoryNode[]; slug: string }) {
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
