import type { GigCard as GigCardData } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";
import { formatCount, formatMoney, formatRating } from "../lib/format";
import { Avatar } from "./Avatar";
import { ClockIcon, StarFilledIcon } from "./icons";
import { sellerLevelLabel } from "./SellerLevelBadge";
import { Skeleton } from "./Skeleton";

interface GigCardProps {
  gig: GigCardData;
  /** Called when the card is opened (search logs the click). */
  onOpen?: () => void;
  headingLevel?: 2 | 3;
  /**
   * Also show the package price before fees: where results are sorted or filtered by it (search
   * sorts and filters by the package price; see docs/search.md "Prices").
   */
  showPackagePrice?: boolean;
}

/**
 * A gig in a grid: cover, seller, title on two lines, rating and the all-in starting price (what one
 * unit of the cheapest package costs, service fee included; the gig page breaks it down). The title
 * is the one link; it stretches over the whole card so any click opens the gig.
 */
export function GigCard({ gig, onOpen, headingLevel = 3, showPackagePrice = false }: GigCardProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const hasRating = gig.rating.count > 0 && gig.rating.average !== null;
  return (
    <article className="group relative flex h-full flex-col overflow-hidden rounded-2xl border border-stone-200 bg-white transition focus-within:border-brand-400 hover:-translate-y-0.5 hover:border-stone-300 hover:shadow-md hover:shadow-stone-900/5">
      <GigCover url={gig.coverImageUrl} title={gig.title} className="w-full text-3xl" />
      <div className="flex flex-1 flex-col p-4">
        <div className="flex min-w-0 items-center gap-2 text-sm">
          <Avatar name={gig.seller.displayName} size="sm" />
          <span className="min-w-0 truncate font-medium text-stone-900">{gig.seller.displayName}</span>
          {gig.seller.level && gig.seller.level !== "new" ? (
            <span className="shrink-0 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
              {gig.seller.level === "top_rated" ? "★ " : ""}
              {sellerLevelLabel(gig.seller.level)}
            </span>
          ) : null}
        </div>
        <Heading className="mt-3 line-clamp-2 min-h-[3rem] leading-6 text-stone-800">
          <Link
            to="/$username/$slug"
            params={{ username: gig.seller.username, slug: gig.slug }}
            onClick={onOpen}
            className="rounded-sm after:absolute after:inset-0 after:content-[''] group-hover:text-brand-800 focus-visible:outline-none"
          >
            {gig.title}
          </Link>
        </Heading>
        <p className="mt-2 mb-3 flex items-center gap-1 text-sm">
          <StarFilledIcon className={`size-4 ${hasRating ? "text-amber-500" : "text-stone-300"}`} />
          {hasRating && gig.rating.average !== null ? (
            <>
              <span className="font-semibold text-stone-900">{formatRating(gig.rating.average)}</span>
              <span className="text-stone-600">
                <span aria-hidden="true">({gig.rating.count})</span>
                <span className="sr-only">from {formatCount(gig.rating.count, "review", "reviews")}</span>
              </span>
            </>
          ) : (
            <span className="text-stone-600">No reviews yet</span>
          )}
        </p>
        <div className="mt-auto flex items-end justify-between gap-3 border-t border-stone-100 pt-3">
          <p className="flex flex-wrap items-center gap-1 text-xs text-stone-600">
            <ClockIcon className="size-3.5" />
            {formatCount(gig.deliveryDays, "day", "days")}
            {gig.aiUse === "none" ? null : (
              <span className="rounded-full bg-amber-50 px-2 py-0.5 font-semibold text-amber-900">
                AI-{gig.aiUse}
              </span>
            )}
          </p>
          <div className="text-right">
            <p className="text-sm text-stone-600" data-testid="card-price">
              From{" "}
              <span className="text-base font-semibold text-stone-900">
                {formatMoney(gig.startingPriceAllIn, { compact: true })}
              </span>
              <span className="sr-only"> with the service fee</span>
            </p>
            {showPackagePrice ? (
              <p className="text-xs text-stone-600">
                Package {formatMoney(gig.startingPrice, { compact: true })}, before fees
              </p>
            ) : null}
          </div>
        </div>
      </div>
    </article>
  );
}

/** The 4:3 cover, or a calm placeholder with the title's first letters when there is no image. */
export function GigCover({
  url,
  title,
  className = "w-full",
}: {
  url: string | null;
  title: string;
  className?: string;
}) {
  if (!url) {
    return (
      <div
        aria-hidden="true"
        className={`grid aspect-[4/3] place-items-center bg-gradient-to-br from-brand-50 to-stone-100 font-display font-semibold text-brand-700 ${className}`}
      >
        {title
          .replace(/^I will /i, "")
          .split(/\s+/)
          .slice(0, 2)
          .map((word) => word.charAt(0).toUpperCase())
          .join("")}
      </div>
    );
  }
  return (
    <img
      src={url}
      alt=""
      loading="lazy"
      decoding="async"
      width={800}
      height={600}
      className={`aspect-[4/3] bg-stone-100 object-cover ${className}`}
    />
  );
}

export function GigCardSkeleton() {
  return (
    <div className="overflow-hidden rounded-2xl border border-stone-200 bg-white">
      <Skeleton className="aspect-[4/3] w-full rounded-none" />
      <div className="space-y-3 p-4">
        <div className="flex items-center gap-2">
          <Skeleton className="size-8 rounded-full" />
          <Skeleton className="h-4 w-28" />
        </div>
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-20" />
        <div className="flex justify-between border-t border-stone-100 pt-3">
          <Skeleton className="h-4 w-14" />
          <Skeleton className="h-5 w-20" />
        </div>
      </div>
    </div>
  );
}

/** The responsive grid gig cards sit in. */
export const GIG_GRID = "grid grid-cols-1 gap-5 min-[480px]:grid-cols-2 lg:grid-cols-3";
