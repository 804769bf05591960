import { Link, useLocation, useSearch } from "@tanstack/react-router";
import { lazy, Suspense } from "react";
import { useMe } from "../lib/session";
import { ButtonLink, buttonClasses } from "./Button";
import { SearchForm } from "./SearchForm";
import { Skeleton } from "./Skeleton";

const AccountTools = lazy(() => import("./AccountTools"));

const AUTH_PATHS = new Set(["/login", "/signup"]);

export function Header() {
  const me = useMe();
  const location = useLocation();
  const search = useSearch({ strict: false });
  const currentQuery = location.pathname === "/search" && typeof search.q === "string" ? search.q : "";
  // Come back here after signing in, unless "here" is the home page or an auth page.
  const redirect = location.pathname === "/" || AUTH_PATHS.has(location.pathname) ? undefined : location.href;

  return (
    <header className="sticky top-0 z-30 border-b border-stone-200/80 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/80">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link
          to="/"
          className="rounded-md font-display text-2xl font-semibold tracking-tight text-stone-900 hover:text-brand-800"
        >
          Atelier
        </Link>

        <SearchForm
          key={currentQuery}
          initialQuery={currentQuery}
          label="Search services"
          landmarkLabel="Site search"
          placeholder="Search services"
          submitLabel="Search"
          className="order-last w-full md:order-none md:w-auto md:max-w-md md:flex-1"
        />

        <nav aria-label="Account" className="ml-auto flex items-center gap-1 sm:gap-2">
          {me.isPending ? (
            <Skeleton className="h-9 w-32 rounded-full" />
          ) : me.data ? (
            <Suspense fallback={<Skeleton className="h-9 w-32 rounded-full" />}>
              <AccountTools me={me.data} />
            </Suspense>
          ) : (
            <>
              <Link
                to="/login"
                search={redirect ? { redirect } : {}}
                className={buttonClasses("ghost", "sm")}
              >
                Sign in
              </Link>
              <ButtonLink to="/signup" search={redirect ? { redirect } : {}} variant="primary" size="sm">
                Join
              </ButtonLink>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
