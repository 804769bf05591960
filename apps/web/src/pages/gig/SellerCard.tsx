import type { Gig } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { Avatar } from "../../components/Avatar";
import { ButtonLink } from "../../components/Button";
import { CalendarIcon, ClockIcon, GlobeIcon, MapPinIcon } from "../../components/icons";
import { SellerLevelBadge } from "../../components/SellerLevelBadge";
import { Skeleton } from "../../components/Skeleton";
import { formatCountry, formatMonthYear, formatResponseTime } from "../../lib/format";
import { profileQueryOptions } from "../../lib/profile";
import { PathLink } from "./PathLink";
import { RatingInline } from "./RatingInline";
import { SellerFact } from "./SellerFact";

export function SellerCard({ gig, isOwner }: { gig: Gig; isOwner: boolean }) {
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
