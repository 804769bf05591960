import { getRouteApi } from "@tanstack/react-router";
import { ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { SearchIcon } from "../components/icons";
import { usePageTitle } from "../lib/usePageTitle";

const route = getRouteApi("/search");

/** Placeholder until search lands: echoes the query and says what is coming. */
export function SearchPage() {
  const { q, category } = route.useSearch();
  const query = q?.trim() ?? "";
  usePageTitle(query ? `“${query}”` : "Search");

  return (
    <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
      <header className="mb-10">
        <p className="text-sm font-medium text-stone-600">Search</p>
        <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
          {query ? <>Results for “{query}”</> : "Browse services"}
        </h1>
        {category ? <p className="mt-2 text-stone-600">In category “{category}”</p> : null}
      </header>
      <EmptyState
        icon={<SearchIcon className="size-6" />}
        title="Search is coming soon"
        action={
          <ButtonLink to="/" variant="secondary">
            Back to the home page
          </ButtonLink>
        }
      >
        {query ? (
          <p>
            We’re still building search, so we can’t show services matching{" "}
            <strong className="font-semibold text-stone-900">“{query}”</strong> yet. Soon you’ll be able to
            filter by category, price, delivery time, seller level and rating.
          </p>
        ) : (
          <p>
            We’re still building search. Soon you’ll be able to find services by keyword and filter them by
            category, price, delivery time, seller level and rating.
          </p>
        )}
      </EmptyState>
    </div>
  );
}
