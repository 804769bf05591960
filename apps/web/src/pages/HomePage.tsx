import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { ButtonLink } from "../components/Button";
import { ArrowRightIcon, CheckIcon, ShieldIcon, SignatureIcon, StarIcon } from "../components/icons";
import { GigCard, GigCardSkeleton } from "../components/GigCard";
import { SearchForm } from "../components/SearchForm";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { categoriesQueryOptions, gigRowQueryOptions, type SearchFilters } from "../lib/catalog";
import { formatMoney } from "../lib/format";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";

const POPULAR_SEARCHES = [
  "Logo design",
  "WordPress fixes",
  "Product photography",
  "Translation",
  "Podcast editing",
];

export function HomePage() {
  usePageTitle(undefined);
  return (
    <>
      <Hero />
      <Categories />
      <GigRow
        id="popular"
        title="Popular services"
        intro="The services buyers order most."
        filters={{ sort: "best_selling" }}
      />
      <GigRow
        id="fresh"
        title="New on Atelier"
        intro="Freshly published gigs."
        filters={{ sort: "newest" }}
      />
      <HowItWorks />
      <SellerInvite />
    </>
  );
}

function Hero() {
  return (
    <section aria-labelledby="hero-title" className="border-b border-stone-200/70 bg-white">
      <div className="mx-auto grid max-w-6xl grid-cols-1 items-center gap-16 px-4 pt-16 pb-20 sm:px-6 sm:pt-24 sm:pb-28 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div>
          <p className="text-sm font-semibold tracking-widest text-brand-700 uppercase">
            The open marketplace for independent work
          </p>
          <h1
            id="hero-title"
            className="mt-4 max-w-3xl font-display text-4xl leading-[1.1] font-semibold tracking-tight text-balance text-stone-900 sm:text-6xl"
          >
            Hire skilled people. Pay when the work is right.
          </h1>
          <p className="mt-6 max-w-2xl text-lg leading-relaxed text-stone-600">
            Designers, developers, writers and editors offer clearly priced services on Atelier. Your payment
            waits in escrow until you accept the delivery.
          </p>
          <SearchForm
            label="What do you need done?"
            landmarkLabel="Find a service"
            placeholder="Try “bakery logo”"
            submitLabel="Find services"
            size="lg"
            className="mt-10 max-w-2xl"
          />
          <div className="mt-5 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-stone-600">Popular:</span>
            {POPULAR_SEARCHES.map((term) => (
              <Link
                key={term}
                to="/search"
                search={{ q: term }}
                className="rounded-full border border-stone-200 bg-stone-50 px-3 py-1 text-stone-700 transition-colors hover:border-brand-300 hover:bg-brand-50 hover:text-brand-800"
              >
                {term}
              </Link>
            ))}
          </div>
        </div>
        <MoneyFlow />
      </div>
    </section>
  );
}

const MONEY_FLOW = [
  { title: "You order", body: `${formatMoney({ amount: 24000, currency: "USD" })} is held in escrow` },
  { title: "The seller delivers", body: "Files arrive with a signed receipt" },
  { title: "You accept the work", body: "Only now is the seller paid" },
];

/** A small diagram of the escrow flow beside the hero, on wide screens. */
function MoneyFlow() {
  return (
    <figure className="hidden rounded-3xl border border-stone-200 bg-stone-50 p-7 lg:block">
      <figcaption className="text-sm font-medium text-stone-600">How your money moves</figcaption>
      <ol className="relative mt-6 space-y-7 before:absolute before:top-2 before:bottom-2 before:left-[0.6875rem] before:w-px before:bg-brand-200">
        {MONEY_FLOW.map((step, index) => (
          <li key={step.title} className="relative flex gap-4">
            <span
              className={`relative grid size-6 shrink-0 place-items-center rounded-full text-xs font-semibold ${index === MONEY_FLOW.length - 1 ? "bg-brand-700 text-white" : "border border-brand-300 bg-white text-brand-800"}`}
            >
              {index === MONEY_FLOW.length - 1 ? <CheckIcon className="size-3.5" /> : index + 1}
            </span>
            <div>
              <p className="font-medium text-stone-900">{step.title}</p>
              <p className="mt-0.5 text-sm text-stone-600">{step.body}</p>
            </div>
          </li>
        ))}
      </ol>
    </figure>
  );
}

function Categories() {
  const categories = useQuery({ ...categoriesQueryOptions, retry: false });

  // The tiles are a shortcut, not the page's purpose: on error, or with nothing to show, leave them out.
  if (categories.isError) return null;
  if (categories.isSuccess && categories.data.length === 0) return null;

  return (
    <section aria-labelledby="categories-title" className="mx-auto max-w-6xl px-4 pt-16 sm:px-6">
      <h2 id="categories-title" className="font-display text-2xl font-semibold tracking-tight text-stone-900">
        Browse by category
      </h2>
      {categories.isPending ? (
        <LoadingRegion label="Loading categories">
          <ul className="mt-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
            {Array.from({ length: 8 }, (_, index) => (
              <li key={index} className="rounded-2xl border border-stone-200 bg-white p-4 sm:p-5">
                <Skeleton className="h-5 w-2/3" />
                <Skeleton className="mt-3 h-3.5 w-5/6" />
              </li>
            ))}
          </ul>
        </LoadingRegion>
      ) : (
        <ul className="mt-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
          {categories.data.map((category) => (
            <li key={category.slug}>
              <Link
                to="/search"
                search={{ category: category.slug }}
                className="group flex h-full flex-col rounded-2xl border border-stone-200 bg-white p-4 transition sm:p-5 hover:-translate-y-0.5 hover:border-brand-300 hover:shadow-md hover:shadow-stone-900/5"
              >
                <span className="flex items-center justify-between gap-3 font-medium text-stone-900 group-hover:text-brand-800">
                  {category.name}
                  <ArrowRightIcon className="size-4 shrink-0 text-stone-400 transition group-hover:translate-x-0.5 group-hover:text-brand-700" />
                </span>
                {category.children.length > 0 ? (
                  <span className="mt-2 line-clamp-2 text-sm text-stone-600">
                    {category.children
                      .slice(0, 3)
                      .map((child) => child.name)
                      .join(" · ")}
                  </span>
                ) : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// On phones the row scrolls sideways, so four cards do not push the rest of the page far down.
const ROW_GRID =
  "relative -mx-4 flex snap-x gap-4 overflow-x-auto px-4 pb-2 min-[480px]:mx-0 min-[480px]:grid min-[480px]:grid-cols-2 min-[480px]:gap-5 min-[480px]:overflow-visible min-[480px]:px-0 min-[480px]:pb-0 lg:grid-cols-4";
const ROW_ITEM = "w-64 shrink-0 snap-start min-[480px]:w-auto";

/** A row of four gigs from search, with a link to see them all. Left out when it cannot load. */
function GigRow({
  id,
  title,
  intro,
  filters,
}: {
  id: string;
  title: string;
  intro: string;
  filters: SearchFilters;
}) {
  const gigs = useQuery({ ...gigRowQueryOptions(filters, 4), retry: false });
  if (gigs.isError || (gigs.isSuccess && gigs.data.data.length === 0)) return null;
  const titleId = `${id}-title`;
  return (
    <section aria-labelledby={titleId} className="mx-auto max-w-6xl px-4 pt-16 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={titleId} className="font-display text-2xl font-semibold tracking-tight text-stone-900">
            {title}
          </h2>
          <p className="mt-1 text-stone-600">{intro}</p>
        </div>
        <Link
          to="/search"
          search={filters}
          className="flex items-center gap-1 text-sm font-medium text-brand-800 hover:underline"
        >
          See all
          <span className="sr-only"> {title.toLowerCase()}</span>
          <ArrowRightIcon className="size-4" />
        </Link>
      </div>
      {gigs.isPending ? (
        <LoadingRegion label={`Loading ${title.toLowerCase()}`}>
          <div className={`mt-6 ${ROW_GRID}`}>
            {[0, 1, 2, 3].map((index) => (
              <div key={index} className={ROW_ITEM}>
                <GigCardSkeleton />
              </div>
            ))}
          </div>
        </LoadingRegion>
      ) : (
        <ul className={`mt-6 ${ROW_GRID}`}>
          {gigs.data.data.map((gig) => (
            <li key={gig.id} className={ROW_ITEM}>
              <GigCard gig={gig} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface Step {
  icon: ReactNode;
  title: string;
  body: string;
}

const STEPS: Step[] = [
  {
    icon: <ShieldIcon className="size-6" />,
    title: "Escrow on every order",
    body: "You pay when you order, but the seller is paid only after you accept the delivery. If an order runs late or is cancelled, the money comes back to you as credit.",
  },
  {
    icon: <StarIcon className="size-6" />,
    title: "Reviews from real orders",
    body: "Only buyers who completed an order can review it. Both sides write blind and the reviews appear together, so ratings are honest rather than polite.",
  },
  {
    icon: <SignatureIcon className="size-6" />,
    title: "Signed provenance",
    body: "Every delivery carries a signed receipt of its files: who delivered what, and when, and whether AI tools helped make it. You always know what you paid for.",
  },
];

function HowItWorks() {
  return (
    <section
      id="how-it-works"
      aria-labelledby="how-title"
      className="mx-auto max-w-6xl scroll-mt-24 px-4 pt-20 sm:px-6"
    >
      <p className="text-sm font-semibold tracking-widest text-brand-700 uppercase">How it works</p>
      <h2
        id="how-title"
        className="mt-2 max-w-2xl font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl"
      >
        Built so both sides can trust the deal
      </h2>
      <ol className="mt-10 grid gap-6 md:grid-cols-3">
        {STEPS.map((step, index) => (
          <li key={step.title} className="rounded-2xl border border-stone-200 bg-white p-6">
            <div className="flex items-center gap-3">
              <span className="grid size-11 place-items-center rounded-full bg-brand-50 text-brand-700">
                {step.icon}
              </span>
              <span className="text-sm font-medium text-stone-500" aria-hidden="true">
                0{index + 1}
              </span>
            </div>
            <h3 className="mt-5 text-lg font-semibold text-stone-900">{step.title}</h3>
            <p className="mt-2 leading-relaxed text-stone-600">{step.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function SellerInvite() {
  const me = useMe();
  if (me.data?.isSeller) return null;
  return (
    <section aria-labelledby="sell-title" className="mx-auto max-w-6xl px-4 pt-20 sm:px-6">
      <div className="flex flex-col gap-6 rounded-3xl bg-brand-800 px-6 py-10 text-white sm:px-10 md:flex-row md:items-center md:justify-between">
        <div className="max-w-xl">
          <h2 id="sell-title" className="font-display text-2xl font-semibold tracking-tight sm:text-3xl">
            Have a skill people need?
          </h2>
          <p className="mt-3 leading-relaxed text-brand-100">
            Package what you do into clear offers with fixed prices and delivery times. Buyers pay up front
            into escrow, so you never chase an invoice.
          </p>
        </div>
        <ButtonLink
          to="/become-a-seller"
          variant="secondary"
          size="lg"
          className="border-white bg-white text-brand-900 hover:bg-brand-50"
        >
          Start selling
        </ButtonLink>
      </div>
    </section>
  );
}
