import type { PublicProfile } from "@atelier/contracts";
import { ReportButton } from "../components/report/ReportButton";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { Avatar } from "../components/Avatar";
import { ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { NotFoundState } from "../components/NotFoundState";
import { ErrorState, PageErrorState } from "../components/ErrorState";
import { GIG_GRID, GigCard, GigCardSkeleton } from "../components/GigCard";
import {
  CalendarIcon,
  ClockIcon,
  GlobeIcon,
  MapPinIcon,
  StarFilledIcon,
  UserIcon,
} from "../components/icons";
import { ReviewList, ReviewSummaryPanel } from "../components/Reviews";
import { SellerLevelBadge } from "../components/SellerLevelBadge";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { ShowMore } from "../components/ShowMore";
import { isApiError } from "../lib/api";
import { userGigsQueryOptions, userReviewsQueryOptions } from "../lib/catalog";
import { formatCount, formatCountry, formatMonthYear, formatRating, formatResponseTime } from "../lib/format";
import { profileQueryOptions } from "../lib/profile";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";

const route = getRouteApi("/users/$username");

export function ProfilePage() {
  const { username } = route.useParams();
  const profile = useQuery(profileQueryOptions(username));
  const me = useMe();
  usePageTitle(profile.data ? `${profile.data.displayName} (@${profile.data.username})` : `@${username}`);

  if (profile.isPending) return <ProfileSkeleton />;

  if (profile.isError) {
    if (isApiError(profile.error, 404)) {
      return (
        <NotFoundState
          title="No one here by that name"
          icon={<UserIcon className="size-6" />}
          action={<ButtonLink to="/">Go to the home page</ButtonLink>}
        >
          <p>
            There is no Atelier member called <strong className="text-stone-900">@{username}</strong>. Check
            the spelling, or find people through the services they offer.
          </p>
        </NotFoundState>
      );
    }
    return <PageErrorState title="This profile couldn’t load" query={profile} />;
  }

  const isOwn = me.data?.username === profile.data.username;
  return <ProfileView profile={profile.data} isOwn={isOwn} />;
}

function ProfileView({ profile, isOwn }: { profile: PublicProfile; isOwn: boolean }) {
  const { rating } = profile;
  const hasRating = rating.count > 0 && rating.average !== null;

  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <section
        aria-labelledby="profile-name"
        className="flex flex-col gap-6 border-b border-stone-200 pb-10 sm:flex-row sm:items-start"
      >
        <Avatar name={profile.displayName} size="xl" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h1
              id="profile-name"
              className="font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl"
            >
              {profile.displayName}
            </h1>
            {profile.isSeller && profile.sellerLevel ? (
              <SellerLevelBadge level={profile.sellerLevel} />
            ) : null}
          </div>
          <p className="mt-1 text-stone-600">
            @{profile.username}
            {isOwn ? null : (
              <ReportButton subject={{ type: "user", id: profile.username }} className="ml-3" />
            )}
          </p>
          {profile.headline ? (
            <p className="mt-4 max-w-2xl text-lg text-stone-800">{profile.headline}</p>
          ) : null}

          <dl className="mt-6 flex flex-wrap gap-x-8 gap-y-3 text-sm">
            {profile.isSeller ? (
              <Fact icon={<StarFilledIcon className="size-4 text-amber-500" />} term="Rating">
                {hasRating && rating.average !== null ? (
                  <>
                    <span className="font-semibold text-stone-900">{formatRating(rating.average)}</span>
                    <span className="text-stone-600">
                      {" "}
                      ({formatCount(rating.count, "review", "reviews")})
                    </span>
                  </>
                ) : (
                  <span className="text-stone-600">No reviews yet</span>
                )}
              </Fact>
            ) : null}
            <Fact icon={<CalendarIcon className="size-4" />} term="Member since" showTerm>
              <time dateTime={profile.memberSince}>{formatMonthYear(profile.memberSince)}</time>
            </Fact>
            {profile.isSeller && profile.responseTimeHours !== null ? (
              <Fact icon={<ClockIcon className="size-4" />} term="Response time">
                Replies {formatResponseTime(profile.responseTimeHours)}
              </Fact>
            ) : null}
            {profile.country ? (
              <Fact icon={<MapPinIcon className="size-4" />} term="From">
                {formatCountry(profile.country)}
              </Fact>
            ) : null}
          </dl>
        </div>
        {isOwn ? (
          <div className="shrink-0">
            {profile.isSeller ? (
              <ButtonLink to="/become-a-seller" variant="secondary">
                Edit seller profile
              </ButtonLink>
            ) : (
              <ButtonLink to="/become-a-seller">Start selling</ButtonLink>
            )}
          </div>
        ) : profile.isSeller ? (
          <div className="shrink-0">
            {/* Signed-out visitors pass through sign-in and come back to the conversation. */}
            <ButtonLink to="/inbox" search={{ to: profile.username }} variant="secondary">
              Contact seller
            </ButtonLink>
          </div>
        ) : null}
      </section>

      <div className="grid gap-12 pt-10 md:grid-cols-[2fr_1fr]">
        <section aria-labelledby="about-title">
          <h2 id="about-title" className="font-display text-xl font-semibold text-stone-900">
            About
          </h2>
          {profile.bio ? (
            <p className="mt-3 leading-relaxed whitespace-pre-line text-stone-700">{profile.bio}</p>
          ) : (
            <p className="mt-3 text-stone-600">
              {profile.isSeller
                ? `${profile.displayName} hasn’t written a bio yet.`
                : `${profile.displayName} buys services on Atelier and hasn’t set up a seller profile.`}
            </p>
          )}
        </section>

        <div className="space-y-10">
          {profile.skills.length > 0 ? (
            <section aria-labelledby="skills-title">
              <h2 id="skills-title" className="font-display text-xl font-semibold text-stone-900">
                Skills
              </h2>
              <ul className="mt-3 flex flex-wrap gap-2">
                {profile.skills.map((skill) => (
                  <li
                    key={skill}
                    className="rounded-full border border-stone-200 bg-white px-3 py-1 text-sm text-stone-800"
                  >
                    {skill}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {profile.languages.length > 0 ? (
            <section aria-labelledby="languages-title">
              <h2
                id="languages-title"
                className="flex items-center gap-2 font-display text-xl font-semibold text-stone-900"
              >
                <GlobeIcon className="size-5 text-stone-500" />
                Languages
              </h2>
              <ul className="mt-3 space-y-1 text-stone-700">
                {profile.languages.map((language) => (
                  <li key={language}>{language}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>

      {profile.isSeller ? (
        <>
          <SellerGigs username={profile.username} displayName={profile.displayName} isOwn={isOwn} />
          <SellerReviews username={profile.username} displayName={profile.displayName} />
        </>
      ) : null}
    </div>
  );
}

function SellerGigs({
  username,
  displayName,
  isOwn,
}: {
  username: string;
  displayName: string;
  isOwn: boolean;
}) {
  const gigs = useInfiniteQuery(userGigsQueryOptions(username));
  const items = gigs.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section aria-labelledby="gigs-title" className="mt-14 border-t border-stone-200 pt-10">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="gigs-title" className="font-display text-2xl font-semibold text-stone-900">
          {isOwn ? "Your gigs" : `Gigs by ${displayName}`}
        </h2>
        {isOwn ? (
          <ButtonLink to="/seller/gigs" variant="ghost" size="sm">
            Manage my gigs
          </ButtonLink>
        ) : null}
      </div>
      <div className="mt-6">
        {gigs.isPending ? (
          <LoadingRegion label="Loading gigs">
            <div className={GIG_GRID}>
              {[0, 1, 2].map((index) => (
                <GigCardSkeleton key={index} />
              ))}
            </div>
          </LoadingRegion>
        ) : gigs.isError ? (
          <ErrorState
            title="Gigs couldn’t load"
            error={gigs.error}
            onRetry={() => void gigs.refetch()}
            retrying={gigs.isFetching}
          />
        ) : items.length === 0 ? (
          isOwn ? (
            <EmptyState
              title="No live gigs yet"
              action={<ButtonLink to="/seller/gigs/new">Create a gig</ButtonLink>}
            >
              <p>Publish a gig and it appears here and in search.</p>
            </EmptyState>
          ) : (
            <EmptyState
              title={`${displayName} has no gigs listed right now`}
              action={
                <ButtonLink to="/search" variant="secondary">
                  Browse other services
                </ButtonLink>
              }
            />
          )
        ) : (
          <>
            <ul className={GIG_GRID}>
              {items.map((gig) => (
                <li key={gig.id}>
                  <GigCard gig={gig} />
                </li>
              ))}
            </ul>
            <ShowMore pages={gigs}>Show more gigs</ShowMore>
          </>
        )}
      </div>
    </section>
  );
}

function SellerReviews({ username, displayName }: { username: string; displayName: string }) {
  const reviews = useQuery(userReviewsQueryOptions(username));
  return (
    <section aria-labelledby="reviews-title" className="mt-14 border-t border-stone-200 pt-10">
      <h2 id="reviews-title" className="font-display text-2xl font-semibold text-stone-900">
        Reviews
      </h2>
      <div className="mt-6">
        {reviews.isPending ? (
          <LoadingRegion label="Loading reviews">
            <Skeleton className="h-28 w-full rounded-2xl" />
          </LoadingRegion>
        ) : reviews.isError ? (
          <ErrorState
            title="Reviews couldn’t load"
            error={reviews.error}
            onRetry={() => void reviews.refetch()}
            retrying={reviews.isFetching}
          />
        ) : reviews.data.summary.count === 0 ? (
          <p className="rounded-2xl border border-dashed border-stone-300 bg-white/60 px-6 py-8 text-center text-stone-600">
            {displayName} has no reviews yet. Reviews come only from completed orders.
          </p>
        ) : (
          <>
            <ReviewSummaryPanel summary={reviews.data.summary} />
            <ReviewList reviews={reviews.data.data} />
          </>
        )}
      </div>
    </section>
  );
}

interface FactProps {
  icon: ReactNode;
  term: string;
  /** Show the term on screen too ("Member since March 2024"); otherwise only screen readers hear it. */
  showTerm?: boolean;
  children: ReactNode;
}

function Fact({ icon, term, showTerm = false, children }: FactProps) {
  return (
    <div className="flex items-center gap-1.5 text-stone-700">
      <dt className="flex items-center gap-2 text-stone-600">
        <span className="text-stone-500">{icon}</span>
        <span className={showTerm ? undefined : "sr-only"}>{term}</span>
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

function ProfileSkeleton() {
  return (
    <LoadingRegion label="Loading profile">
      <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
        <div className="flex flex-col gap-6 border-b border-stone-200 pb-10 sm:flex-row">
          <Skeleton className="size-24 rounded-full" />
          <div className="flex-1 space-y-3">
            <Skeleton className="h-9 w-64" />
            <Skeleton className="h-4 w-32" />
            <Skeleton className="mt-4 h-5 w-full max-w-xl" />
            <div className="flex gap-6 pt-3">
              <Skeleton className="h-4 w-28" />
              <Skeleton className="h-4 w-36" />
              <Skeleton className="h-4 w-32" />
            </div>
          </div>
        </div>
        <div className="grid gap-12 pt-10 md:grid-cols-[2fr_1fr]">
          <div className="space-y-3">
            <Skeleton className="h-6 w-24" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-11/12" />
            <Skeleton className="h-4 w-3/4" />
          </div>
          <div className="space-y-3">
            <Skeleton className="h-6 w-20" />
            <div className="flex flex-wrap gap-2">
              <Skeleton className="h-7 w-20 rounded-full" />
              <Skeleton className="h-7 w-24 rounded-full" />
              <Skeleton className="h-7 w-16 rounded-full" />
            </div>
          </div>
        </div>
      </div>
    </LoadingRegion>
  );
}
