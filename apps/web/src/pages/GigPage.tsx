import type { Gig, GigStatus, PackageTier } from "@atelier/contracts";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { Avatar } from "../components/Avatar";
import { Button, ButtonLink, buttonClasses, type ButtonVariant } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { ErrorState, PageErrorState } from "../components/ErrorState";
import { GigCover } from "../components/GigCard";
import {
  CalendarIcon,
  CheckIcon,
  ClockIcon,
  CompassIcon,
  GlobeIcon,
  MapPinIcon,
  ShieldIcon,
  SignatureIcon,
  StarFilledIcon,
} from "../components/icons";
import { ReviewList, ReviewSummaryPanel } from "../components/Reviews";
import { SellerLevelBadge } from "../components/SellerLevelBadge";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { isApiError } from "../lib/api";
import { gigQueryOptions, gigReviewsQueryOptions } from "../lib/catalog";
import {
  formatCount,
  formatCountry,
  formatMoney,
  formatMonthYear,
  formatRating,
  formatResponseTime,
} from "../lib/format";
import { profileQueryOptions } from "../lib/profile";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";

const route = getRouteApi("/gigs/$gigId");

const TIER_LABELS: Record<PackageTier, string> = { basic: "Basic", standard: "Standard", premium: "Premium" };

type GigPackage = Gig["packages"][number];

export function GigPage() {
  const { gigId } = route.useParams();
  const gig = useQuery(gigQueryOptions(gigId));
  usePageTitle(gig.data?.title ?? "Gig");

  if (gig.isPending) return <GigSkeleton />;
  if (gig.isError) {
    if (isApiError(gig.error, 404)) {
      return (
        <div className="px-4 py-20 sm:px-6">
          <EmptyState
            icon={<CompassIcon className="size-6" />}
            title="This gig isn’t available"
            headingLevel={1}
            action={<ButtonLink to="/search">Browse services</ButtonLink>}
          >
            <p>It may have been paused or removed by its seller. Similar services are a search away.</p>
          </EmptyState>
        </div>
      );
    }
    return <PageErrorState title="This gig couldn’t load" query={gig} />;
  }
  return <GigView gig={gig.data} />;
}

const STATUS_NOTES: Partial<Record<GigStatus, string>> = {
  draft: "This gig is a draft. Only you can see it until you publish it.",
  paused: "This gig is paused. Buyers can’t find or order it until you publish it again.",
  pending_review: "This gig is waiting for a moderator. It appears in search once approved.",
  denied: "A moderator turned this gig down. Edit it and publish it again.",
  archived: "This gig is archived and no longer listed.",
};

function GigView({ gig }: { gig: Gig }) {
  const me = useMe();
  const isOwner = me.data?.username === gig.seller.username;
  const [tier, setTier] = useState<PackageTier>("basic");
  const statusNote = gig.status === "active" ? undefined : STATUS_NOTES[gig.status];

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1.5 text-stone-600">
          {gig.category.parent ? (
            <li className="flex items-center gap-1.5">
              <Link
                to="/search"
                search={{ category: gig.category.parent.slug }}
                className="hover:text-brand-800 hover:underline"
              >
                {gig.category.parent.name}
              </Link>
              <span aria-hidden="true">/</span>
            </li>
          ) : null}
          <li>
            <Link
              to="/search"
              search={{ category: gig.category.slug }}
              className="hover:text-brand-800 hover:underline"
            >
              {gig.category.name}
            </Link>
          </li>
        </ol>
      </nav>

      {statusNote ? (
        <div
          role="status"
          className="mt-4 flex flex-col gap-3 rounded-2xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 sm:flex-row sm:items-center sm:justify-between"
        >
          <div>
            <p className="font-medium">{statusNote}</p>
            {gig.moderationReason ? <p className="mt-1">Reason: {gig.moderationReason}</p> : null}
          </div>
          {isOwner ? (
            <ButtonLink
              to="/seller/gigs/$gigId/edit"
              params={{ gigId: gig.id }}
              variant="secondary"
              size="sm"
            >
              Edit gig
            </ButtonLink>
          ) : null}
        </div>
      ) : null}

      <div className="mt-4 grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-12">
        <div className="min-w-0 space-y-6">
          <h1 className="font-display text-3xl leading-tight font-semibold tracking-tight text-balance text-stone-900 sm:text-4xl">
            {gig.title}
          </h1>
          <SellerLine gig={gig} />
          <Gallery gig={gig} />
        </div>

        <aside
          aria-label="Order this gig"
          className="lg:sticky lg:top-24 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start"
        >
          <PackageBox gig={gig} tier={tier} onTier={setTier} isOwner={isOwner} />
        </aside>

        <div className="min-w-0 space-y-12">
          <Section title="About this gig">
            <p className="leading-relaxed whitespace-pre-line text-stone-700">{gig.description}</p>
            {gig.aiAssisted ? <AiNote /> : null}
            {gig.tags.length > 0 ? (
              <ul aria-label="Tags" className="mt-5 flex flex-wrap gap-2">
                {gig.tags.map((tag) => (
                  <li key={tag}>
                    <Link
                      to="/search"
                      search={{ q: tag }}
                      className="rounded-full border border-stone-200 bg-white px-3 py-1 text-sm text-stone-700 hover:border-brand-300 hover:bg-brand-50 hover:text-brand-800"
                    >
                      {tag}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>

          {gig.packages.length > 1 ? (
            <Section title="Compare packages">
              <PackageTable gig={gig} onChoose={setTier} />
            </Section>
          ) : null}

          {gig.extras.length > 0 ? (
            <Section title="Extras">
              <p className="text-stone-600">Add these at checkout.</p>
              <ul className="mt-4 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
                {gig.extras.map((extra) => (
                  <li key={extra.id} className="flex items-center justify-between gap-4 px-5 py-4">
                    <div>
                      <p className="font-medium text-stone-900">{extra.title}</p>
                      <p className="text-sm text-stone-600">
                        {extra.additionalDays > 0
                          ? `Adds ${formatCount(extra.additionalDays, "day", "days")} to delivery`
                          : extra.additionalDays < 0
                            ? `Delivers ${formatCount(-extra.additionalDays, "day", "days")} sooner (at least 1 day)`
                            : "No extra time"}
                      </p>
                    </div>
                    <p className="shrink-0 font-semibold text-stone-900">+{formatMoney(extra.price)}</p>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}

          {gig.faq.length > 0 ? (
            <Section title="Frequently asked questions">
              <div className="divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
                {gig.faq.map((item) => (
                  <details key={item.question} className="group px-5 py-4">
                    <summary className="flex cursor-pointer list-none items-center justify-between gap-4 font-medium text-stone-900 [&::-webkit-details-marker]:hidden">
                      {item.question}
                      <span
                        aria-hidden="true"
                        className="text-xl leading-none text-stone-500 transition-transform group-open:rotate-45"
                      >
                        +
                      </span>
                    </summary>
                    <p className="mt-3 leading-relaxed whitespace-pre-line text-stone-700">{item.answer}</p>
                  </details>
                ))}
              </div>
            </Section>
          ) : null}

          <SellerCard gig={gig} isOwner={isOwner} />
          <GigReviews gigId={gig.id} />
        </div>
      </div>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-4 font-display text-2xl font-semibold text-stone-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function AiNote() {
  return (
    <p className="mt-5 flex items-start gap-2 rounded-xl border border-stone-200 bg-stone-50 px-4 py-3 text-sm text-stone-700">
      <SignatureIcon className="mt-0.5 size-4 shrink-0 text-brand-700" />
      <span>
        <strong className="font-semibold text-stone-900">AI-assisted.</strong> The seller uses AI tools for
        part of this work. Each delivery’s signed receipt says how.
      </span>
    </p>
  );
}

function SellerLine({ gig }: { gig: Gig }) {
  const { seller } = gig;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <Link
        to="/users/$username"
        params={{ username: seller.username }}
        className="flex items-center gap-2.5 rounded-full font-medium text-stone-900 hover:text-brand-800"
      >
        <Avatar name={seller.displayName} />
        {seller.displayName}
      </Link>
      {seller.level ? <SellerLevelBadge level={seller.level} /> : null}
      <RatingInline average={gig.rating.average} count={gig.rating.count} />
      {gig.ordersCompleted > 0 ? (
        <span className="text-sm text-stone-600">
          {formatCount(gig.ordersCompleted, "order completed", "orders completed")}
        </span>
      ) : null}
    </div>
  );
}

function RatingInline({ average, count }: { average: number | null; count: number }) {
  if (count === 0 || average === null) {
    return (
      <span className="flex items-center gap-1 text-sm text-stone-600">
        <StarFilledIcon className="size-4 text-stone-300" />
        No reviews yet
      </span>
    );
  }
  return (
    <span className="flex items-center gap-1 text-sm">
      <StarFilledIcon className="size-4 text-amber-500" />
      <span className="font-semibold text-stone-900">{formatRating(average)}</span>
      <span className="text-stone-600">({formatCount(count, "review", "reviews")})</span>
    </span>
  );
}

function Gallery({ gig }: { gig: Gig }) {
  const [index, setIndex] = useState(0);
  const images = gig.images;
  const current = images[Math.min(index, images.length - 1)];
  if (!current) {
    return (
      <GigCover
        url={null}
        title={gig.title}
        className="w-full rounded-2xl border border-stone-200 text-5xl"
      />
    );
  }
  return (
    <div>
      <img
        src={current.url}
        alt={`${gig.title}, image ${Math.min(index, images.length - 1) + 1} of ${images.length}`}
        width={800}
        height={600}
        className="aspect-[4/3] w-full rounded-2xl border border-stone-200 bg-stone-100 object-cover"
      />
      {images.length > 1 ? (
        <ul aria-label="Gallery" className="relative mt-3 flex gap-2 overflow-x-auto pb-1">
          {images.map((image, position) => (
            <li key={image.fileId} className="shrink-0">
              <button
                type="button"
                onClick={() => setIndex(position)}
                aria-pressed={position === index}
                aria-label={`Show image ${position + 1}`}
                className="block overflow-hidden rounded-lg border-2 border-transparent aria-pressed:border-brand-600"
              >
                <img
                  src={image.thumbUrl}
                  alt=""
                  width={96}
                  height={72}
                  className="h-[72px] w-24 object-cover"
                />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** An anchor for paths other parts of the app own; the router still handles the navigation. */
function PathLink({
  href,
  variant = "primary",
  className = "",
  children,
}: {
  href: string;
  variant?: ButtonVariant;
  className?: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    void navigate({ href });
  }
  return (
    <a href={href} onClick={onClick} className={buttonClasses(variant, "lg", className)}>
      {children}
    </a>
  );
}

interface PackageBoxProps {
  gig: Gig;
  tier: PackageTier;
  onTier: (tier: PackageTier) => void;
  isOwner: boolean;
}

function PackageBox({ gig, tier, onTier, isOwner }: PackageBoxProps) {
  const baseId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const packages = gig.packages;
  const selected = packages.find((pkg) => pkg.tier === tier) ?? packages[0];
  if (!selected) return null;
  const selectedIndex = packages.indexOf(selected);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowRight: selectedIndex + 1,
      ArrowLeft: selectedIndex - 1,
      Home: 0,
      End: packages.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + packages.length) % packages.length;
    const pkg = packages[next];
    if (!pkg) return;
    onTier(pkg.tier);
    tabRefs.current[next]?.focus();
  }

  return (
    <div className="overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm shadow-stone-900/5">
      {packages.length > 1 ? (
        <div
          role="tablist"
          aria-label="Packages"
          onKeyDown={onKeyDown}
          className="grid grid-cols-3 border-b border-stone-200"
        >
          {packages.map((pkg, index) => {
            const active = pkg.tier === selected.tier;
            return (
              <button
                key={pkg.tier}
                ref={(element) => {
                  tabRefs.current[index] = element;
                }}
                type="button"
                role="tab"
                id={`${baseId}-tab-${pkg.tier}`}
                aria-selected={active}
                aria-controls={`${baseId}-panel`}
                tabIndex={active ? 0 : -1}
                onClick={() => onTier(pkg.tier)}
                className={`border-b-2 px-2 py-3 text-sm font-semibold transition-colors focus-visible:outline-offset-[-2px] ${
                  active
                    ? "border-brand-700 bg-white text-brand-800"
                    : "border-transparent bg-stone-50 text-stone-600 hover:text-stone-900"
                }`}
              >
                {TIER_LABELS[pkg.tier]}
              </button>
            );
          })}
        </div>
      ) : null}
      <div
        id={`${baseId}-panel`}
        role={packages.length > 1 ? "tabpanel" : undefined}
        aria-labelledby={packages.length > 1 ? `${baseId}-tab-${selected.tier}` : undefined}
        className="p-5"
      >
        <PackageDetails gig={gig} pkg={selected} isOwner={isOwner} />
      </div>
    </div>
  );
}

function PackageDetails({ gig, pkg, isOwner }: { gig: Gig; pkg: GigPackage; isOwner: boolean }) {
  return (
    <>
      <div className="flex items-baseline justify-between gap-3">
        <h2 className="font-semibold text-stone-900">{pkg.name}</h2>
        <p className="font-display text-3xl font-semibold text-stone-900" data-testid="package-price">
          {formatMoney(pkg.priceAllIn)}
        </p>
      </div>
      <p className="mt-1 text-right text-xs text-stone-600">Total, service fee included</p>
      <p className="mt-3 text-sm leading-relaxed text-stone-700">{pkg.description}</p>
      <ul className="mt-4 flex flex-wrap gap-x-5 gap-y-1 text-sm font-medium text-stone-800">
        <li className="flex items-center gap-1.5">
          <ClockIcon className="size-4 text-stone-500" />
          {formatCount(pkg.deliveryDays, "day", "days")} delivery
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="text-stone-500">
            ↻
          </span>
          {pkg.revisions === null
            ? "Unlimited revisions"
            : formatCount(pkg.revisions, "revision", "revisions")}
        </li>
      </ul>
      {pkg.features.length > 0 ? (
        <ul className="mt-4 space-y-1.5 text-sm text-stone-700">
          {pkg.features.map((feature) => (
            <li key={feature} className="flex items-start gap-2">
              <CheckIcon className="mt-0.5 size-4 shrink-0 text-brand-700" />
              {feature}
            </li>
          ))}
        </ul>
      ) : null}

      <details className="mt-4 rounded-xl border border-stone-200 px-4 py-2.5 text-sm">
        <summary className="cursor-pointer font-medium text-stone-800">Price breakdown</summary>
        <dl className="mt-3 space-y-1.5">
          <BreakdownRow term="Package" value={formatMoney(pkg.price)} />
          <BreakdownRow term="Service fee" value={formatMoney(pkg.serviceFee)} />
          <BreakdownRow term="You pay" value={formatMoney(pkg.priceAllIn)} strong />
        </dl>
        <p className="mt-2 text-xs text-stone-600">
          The service fee covers secure payment and buyer protection: a percentage of the order, plus a small
          fixed fee on smaller orders. Extras are added at checkout, where the total is recalculated.
        </p>
      </details>

      <div className="mt-5 space-y-2.5">
        {isOwner ? (
          <ButtonLink to="/seller/gigs/$gigId/edit" params={{ gigId: gig.id }} size="lg" className="w-full">
            Edit this gig
          </ButtonLink>
        ) : (
          <>
            <PathLink href={`/checkout/${encodeURIComponent(gig.id)}?tier=${pkg.tier}`} className="w-full">
              Continue ({formatMoney(pkg.priceAllIn)})
            </PathLink>
            <PathLink
              href={`/inbox?${new URLSearchParams({ to: gig.seller.username, gigId: gig.id })}`}
              variant="secondary"
              className="w-full"
            >
              Contact seller
            </PathLink>
          </>
        )}
      </div>
      <p className="mt-4 flex items-start gap-2 text-xs leading-relaxed text-stone-600">
        <ShieldIcon className="size-4 shrink-0 text-brand-700" />
        Your payment is held in escrow and released to the seller only when you accept the delivery.
      </p>
    </>
  );
}

function BreakdownRow({ term, value, strong = false }: { term: string; value: string; strong?: boolean }) {
  return (
    <div
      className={`flex justify-between gap-4 ${strong ? "border-t border-stone-200 pt-1.5 font-semibold text-stone-900" : "text-stone-700"}`}
    >
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function PackageTable({ gig, onChoose }: { gig: Gig; onChoose: (tier: PackageTier) => void }) {
  const features = [...new Set(gig.packages.flatMap((pkg) => pkg.features))];
  const headerCell = "px-4 py-3 text-left align-top";
  const cell = "px-4 py-3 align-top text-stone-700";
  return (
    <div
      role="region"
      aria-label="Package comparison, scrolls sideways on small screens"
      tabIndex={0}
      className="relative overflow-x-auto rounded-2xl border border-stone-200 bg-white"
    >
      <table className="w-full min-w-[36rem] border-collapse text-sm">
        <caption className="sr-only">What each package includes</caption>
        <thead>
          <tr className="border-b border-stone-200 bg-stone-50">
            <th scope="col" className={`${headerCell} w-1/4 font-medium text-stone-600`}>
              Package
            </th>
            {gig.packages.map((pkg) => (
              <th key={pkg.tier} scope="col" className={headerCell}>
                <span className="block text-xs font-semibold tracking-widest text-brand-700 uppercase">
                  {TIER_LABELS[pkg.tier]}
                </span>
                <span className="mt-0.5 block font-semibold text-stone-900">{pkg.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          <tr>
            <th scope="row" className={`${headerCell} font-medium text-stone-600`}>
              Price
            </th>
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={`${cell} text-base font-semibold text-stone-900`}>
                {formatMoney(pkg.priceAllIn)}
                <span className="block text-xs font-normal text-stone-600">
                  {formatMoney(pkg.price)} + {formatMoney(pkg.serviceFee)} service fee
                </span>
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className={`${headerCell} font-medium text-stone-600`}>
              What you get
            </th>
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={cell}>
                {pkg.description}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className={`${headerCell} font-medium text-stone-600`}>
              Delivery
            </th>
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={cell}>
                {formatCount(pkg.deliveryDays, "day", "days")}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className={`${headerCell} font-medium text-stone-600`}>
              Revisions
            </th>
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={cell}>
                {pkg.revisions === null ? "Unlimited" : pkg.revisions}
              </td>
            ))}
          </tr>
          {features.map((feature) => (
            <tr key={feature}>
              <th scope="row" className={`${headerCell} font-normal text-stone-700`}>
                {feature}
              </th>
              {gig.packages.map((pkg) => (
                <td key={pkg.tier} className={cell}>
                  {pkg.features.includes(feature) ? (
                    <CheckIcon title="Included" className="size-5 text-brand-700" />
                  ) : (
                    <span className="text-stone-400">
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">Not included</span>
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td className={cell} />
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={cell}>
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    onChoose(pkg.tier);
                    window.scrollTo({ top: 0, behavior: "smooth" });
                  }}
                >
                  Select {TIER_LABELS[pkg.tier]}
                </Button>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function SellerCard({ gig, isOwner }: { gig: Gig; isOwner: boolean }) {
  const { seller } = gig;
  const profile = useQuery(profileQueryOptions(seller.username));
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="rounded-2xl border border-stone-200 bg-white p-6">
      <h2 id={titleId} className="font-display text-2xl font-semibold text-stone-900">
        About the seller
      </h2>
      <div className="mt-5 flex items-start gap-4">
        <Avatar name={seller.displayName} size="xl" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <Link
              to="/users/$username"
              params={{ username: seller.username }}
              className="text-lg font-semibold text-stone-900 hover:text-brand-800 hover:underline"
            >
              {seller.displayName}
            </Link>
            {seller.level ? <SellerLevelBadge level={seller.level} /> : null}
          </div>
          {profile.data?.headline ? <p className="mt-1 text-stone-700">{profile.data.headline}</p> : null}
          {profile.isPending ? <Skeleton className="mt-2 h-4 w-2/3" /> : null}
          <div className="mt-2">
            <RatingInline average={seller.rating.average} count={seller.rating.count} />
          </div>
        </div>
      </div>
      <dl className="mt-5 grid grid-cols-1 gap-x-6 gap-y-3 border-t border-stone-100 pt-5 text-sm sm:grid-cols-2">
        {seller.country ? (
          <SellerFact icon={<MapPinIcon className="size-4" />} term="From">
            {formatCountry(seller.country)}
          </SellerFact>
        ) : null}
        <SellerFact icon={<CalendarIcon className="size-4" />} term="Member since">
          <time dateTime={seller.memberSince}>{formatMonthYear(seller.memberSince)}</time>
        </SellerFact>
        <SellerFact icon={<ClockIcon className="size-4" />} term="Response time">
          {profile.data?.responseTimeHours != null
            ? `Replies ${formatResponseTime(profile.data.responseTimeHours)}`
            : "Not measured yet"}
        </SellerFact>
        {profile.data && profile.data.languages.length > 0 ? (
          <SellerFact icon={<GlobeIcon className="size-4" />} term="Languages">
            {profile.data.languages.join(", ")}
          </SellerFact>
        ) : null}
      </dl>
      {profile.data?.bio ? (
        <p className="mt-5 line-clamp-4 leading-relaxed text-stone-700">{profile.data.bio}</p>
      ) : null}
      {isOwner ? null : (
        <div className="mt-5 flex flex-wrap gap-3">
          <PathLink
            href={`/inbox?${new URLSearchParams({ to: seller.username, gigId: gig.id })}`}
            variant="secondary"
          >
            Contact {seller.displayName.split(" ")[0]}
          </PathLink>
          <ButtonLink to="/users/$username" params={{ username: seller.username }} variant="ghost" size="lg">
            View profile
          </ButtonLink>
        </div>
      )}
    </section>
  );
}

function SellerFact({ icon, term, children }: { icon: ReactNode; term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="flex items-center gap-1.5 text-stone-600">
        <span className="text-stone-500">{icon}</span>
        {term}
      </dt>
      <dd className="mt-0.5 font-medium text-stone-900">{children}</dd>
    </div>
  );
}

function GigReviews({ gigId }: { gigId: string }) {
  const reviews = useInfiniteQuery(gigReviewsQueryOptions(gigId));
  const titleId = useId();
  const summary = reviews.data?.pages[0]?.summary;
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="mb-4 font-display text-2xl font-semibold text-stone-900">
        Reviews
        {summary && summary.count > 0 ? (
          <span className="ml-2 text-lg font-normal text-stone-600">({summary.count})</span>
        ) : null}
      </h2>
      {reviews.isPending ? (
        <LoadingRegion label="Loading reviews">
          <div className="space-y-3">
            <Skeleton className="h-28 w-full rounded-2xl" />
            <Skeleton className="h-16 w-full" />
          </div>
        </LoadingRegion>
      ) : reviews.isError ? (
        <ErrorState
          title="Reviews couldn’t load"
          error={reviews.error}
          onRetry={() => void reviews.refetch()}
          retrying={reviews.isFetching}
        />
      ) : !summary || summary.count === 0 ? (
        <div className="rounded-2xl border border-dashed border-stone-300 bg-white/60 px-6 py-8 text-center">
          <p className="font-medium text-stone-900">No reviews yet</p>
          <p className="mt-1 text-sm text-stone-600">
            Reviews come only from buyers who completed an order, so every one is real. Be the first.
          </p>
        </div>
      ) : (
        <>
          <ReviewSummaryPanel summary={summary} />
          <ReviewList reviews={reviews.data.pages.flatMap((page) => page.data)} />
          {reviews.hasNextPage ? (
            <Button
              variant="secondary"
              loading={reviews.isFetchingNextPage}
              onClick={() => void reviews.fetchNextPage()}
            >
              Show more reviews
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}

function GigSkeleton() {
  return (
    <LoadingRegion label="Loading gig">
      <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <Skeleton className="h-4 w-48" />
        <div className="mt-6 grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-12">
          <div className="space-y-5">
            <Skeleton className="h-10 w-5/6" />
            <div className="flex items-center gap-3">
              <Skeleton className="size-10 rounded-full" />
              <Skeleton className="h-4 w-40" />
            </div>
            <Skeleton className="aspect-[4/3] w-full rounded-2xl" />
          </div>
          <div className="space-y-4 rounded-2xl border border-stone-200 bg-white p-5">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-8 w-1/2" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-4/5" />
            <Skeleton className="h-12 w-full rounded-full" />
          </div>
        </div>
      </div>
    </LoadingRegion>
  );
}
