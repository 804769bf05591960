import { ButtonLink } from "../components/Button";
import { CompassIcon } from "../components/icons";
import { usePageTitle } from "../lib/usePageTitle";

export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center sm:px-6">
      <span className="mb-6 grid size-14 place-items-center rounded-full bg-brand-50 text-brand-700">
        <CompassIcon className="size-7" />
      </span>
      <p className="text-sm font-semibold tracking-widest text-brand-700 uppercase">Error 404</p>
      <h1 className="mt-2 font-display text-4xl font-semibold tracking-tight text-stone-900">
        Page not found
      </h1>
      <p className="mt-4 text-lg text-stone-600">
        The page you were looking for doesn’t exist or has moved. Check the address, or start again from the
        home page.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <ButtonLink to="/">Go to the home page</ButtonLink>
        <ButtonLink to="/search" variant="secondary">
          Browse all services
        </ButtonLink>
      </div>
    </div>
  );
}
