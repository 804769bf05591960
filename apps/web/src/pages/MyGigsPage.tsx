import { GigSchema, type GigStatus, type MyGigCard } from "@atelier/contracts";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button, ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { GigCover } from "../components/GigCard";
import { GigStatusBadge, gigStatusLabel } from "../components/GigStatusBadge";
import { SignatureIcon, StarFilledIcon } from "../components/icons";
import { LoadingRegion, PageSkeleton, Skeleton } from "../components/Skeleton";
import { ShowMore } from "../components/ShowMore";
import { api, describeError, read } from "../lib/api";
import { gigQueryOptions, myGigsQueryOptions } from "../lib/catalog";
import { formatCount, formatMoney, formatRating, formatRelativeTime } from "../lib/format";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";

const route = getRouteApi("/seller/gigs");

type ListedStatus = Exclude<GigStatus, "archived">;
const TABS: (ListedStatus | undefined)[] = [
  undefined,
  "active",
  "pending_review",
  "draft",
  "paused",
  "denied",
];

export function MyGigsPage() {
  usePageTitle("My gigs");
  const me = useMe();
  if (me.isPending) return <PageSkeleton label="Loading your gigs" />;
  if (!me.data?.isSeller) {
    return (
      <div className="px-4 py-20 sm:px-6">
        <EmptyState
          icon={<SignatureIcon className="size-6" />}
          title="Start selling on Atelier"
          headingLevel={1}
          action={<ButtonLink to="/become-a-seller">Become a seller</ButtonLink>}
        >
          <p>Set up your seller profile, then package what you do into gigs with clear prices.</p>
        </EmptyState>
      </div>
    );
  }
  return <MyGigs userId={me.data.id} />;
}

function MyGigs({ userId }: { userId: string }) {
  const { status } = route.useSearch();
  const gigs = useInfiniteQuery(myGigsQueryOptions(userId, status));
  const items = gigs.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-sm font-medium text-stone-600">Selling</p>
          <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
            My gigs
          </h1>
        </div>
        <ButtonLink to="/seller/gigs/new">Create a gig</ButtonLink>
      </header>

      <nav aria-label="Filter by status" className="relative -mx-4 mt-8 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1 border-b border-stone-200">
          {TABS.map((tab) => {
            return (
              <li key={tab ?? "all"}>
                <Link
                  to="/seller/gigs"
                  search={tab ? { status: tab } : {}}
                  activeOptions={{ exact: true }}
                  className="-mb-px block border-b-2 border-transparent px-3 py-2.5 text-sm font-medium whitespace-nowrap text-stone-600 hover:text-stone-900 data-[status=active]:border-brand-700 data-[status=active]:text-brand-800"
                >
                  {tab ? gigStatusLabel(tab) : "All"}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <div className="mt-6">
        {gigs.isPending ? (
          <LoadingRegion label="Loading your gigs">
            <ul className="space-y-3">
              {[0, 1, 2].map((index) => (
                <li key={index} className="flex gap-4 rounded-2xl border border-stone-200 bg-white p-4">
                  <Skeleton className="h-20 w-28 shrink-0 rounded-xl" />
                  <div className="flex-1 space-y-2">
                    <Skeleton className="h-5 w-3/4" />
                    <Skeleton className="h-4 w-1/3" />
                    <Skeleton className="h-4 w-1/2" />
                  </div>
                </li>
              ))}
            </ul>
          </LoadingRegion>
        ) : gigs.isError ? (
          <ErrorState
            title="Your gigs couldn’t load"
            error={gigs.error}
            onRetry={() => void gigs.refetch()}
            retrying={gigs.isFetching}
          />
        ) : items.length === 0 ? (
          status ? (
            <EmptyState
              title={`No gigs with the status “${gigStatusLabel(status)}”`}
              action={
                <ButtonLink to="/seller/gigs" variant="secondary">
                  Show all gigs
                </ButtonLink>
              }
            />
          ) : (
            <EmptyState
              icon={<SignatureIcon className="size-6" />}
              title="You haven’t created a gig yet"
              action={<ButtonLink to="/seller/gigs/new">Create your first gig</ButtonLink>}
            >
              <p>
                A gig is one service with up to three fixed-price packages. It takes about ten minutes to set
                up.
              </p>
            </EmptyState>
          )
        ) : (
          <>
            <ul className="space-y-3">
              {items.map((gig) => (
                <MyGigRow key={gig.id} gig={gig} />
              ))}
            </ul>
            <ShowMore pages={gigs}>Show more gigs</ShowMore>
          </>
        )}
      </div>
    </div>
  );
}

type Action = "publish" | "pause" | "archive";

function MyGigRow({ gig }: { gig: MyGigCard }) {
  const queryClient = useQueryClient();
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = useMutation({
    mutationFn: (action: Action) => {
      const params = { path: { id: gig.id } };
      if (action === "archive") return api.DELETE("/api/gigs/{id}", { params }).then(() => null);
      return read(GigSchema, api.POST(`/api/gigs/{id}/${action}`, { params }));
    },
    onMutate: () => setError(null),
    onSuccess: async (saved) => {
      if (saved) queryClient.setQueryData(gigQueryOptions(saved.id).queryKey, saved);
      else queryClient.removeQueries({ queryKey: gigQueryOptions(gig.id).queryKey });
      setConfirmArchive(false);
      await queryClient.invalidateQueries({ queryKey: ["my-gigs"] });
      await queryClient.invalidateQueries({ queryKey: ["users", gig.seller.username, "gigs"] });
    },
    onError: (failure) => setError(describeError(failure)),
  });

  const canPublish = gig.status === "draft" || gig.status === "paused" || gig.status === "denied";
  const hasRating = gig.rating.count > 0 && gig.rating.average !== null;

  return (
    <li className="rounded-2xl border border-stone-200 bg-white p-4">
      <div className="flex gap-4">
        <GigCover
          url={gig.coverImageUrl}
          title={gig.title}
          className="w-24 shrink-0 self-start rounded-xl text-lg sm:w-36 sm:text-2xl"
        />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <GigStatusBadge status={gig.status} />
            <span className="text-xs text-stone-600">
              Updated <time dateTime={gig.updatedAt}>{formatRelativeTime(gig.updatedAt)}</time>
            </span>
          </div>
          <h2 className="mt-2 font-medium text-stone-900">
            <Link
              to="/$username/$slug"
              params={{ username: gig.seller.username, slug: gig.slug }}
              className="hover:text-brand-800 hover:underline"
            >
              {gig.title}
            </Link>
          </h2>
          <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-stone-700">
            <div className="flex gap-1">
              <dt className="text-stone-600">From</dt>
              <dd className="text-stone-900">
                {/* A draft saved before its pricing step has no price yet. */}
                {gig.startingPrice.amount > 0 ? (
                  <>
                    <span className="font-semibold">{formatMoney(gig.startingPrice)}</span>{" "}
                    <span className="text-stone-600">(buyers pay {formatMoney(gig.startingPriceAllIn)})</span>
                  </>
                ) : (
                  <span className="font-semibold">Not priced yet</span>
                )}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt className="text-stone-600">Orders completed</dt>
              <dd className="font-semibold text-stone-900">{gig.ordersCompleted}</dd>
            </div>
            <div className="flex items-center gap-1">
              <dt>
                <StarFilledIcon className={`size-4 ${hasRating ? "text-amber-500" : "text-stone-300"}`} />
                <span className="sr-only">Rating</span>
              </dt>
              <dd>
                {hasRating && gig.rating.average !== null
                  ? `${formatRating(gig.rating.average)} (${formatCount(gig.rating.count, "review", "reviews")})`
                  : "No reviews yet"}
              </dd>
            </div>
          </dl>
          {gig.moderationReason && (gig.status === "denied" || gig.status === "pending_review") ? (
            <p className="mt-2 rounded-lg bg-stone-50 px-3 py-2 text-sm text-stone-700">
              <span className="font-medium text-stone-900">
                {gig.status === "denied" ? "Moderator’s reason: " : "Why it is in review: "}
              </span>
              {gig.moderationReason}
            </p>
          ) : null}
        </div>
      </div>

      {error ? (
        <div className="mt-3">
          <FormAlert>{error}</FormAlert>
        </div>
      ) : null}

      <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-stone-100 pt-3">
        <ButtonLink
          to="/seller/gigs/$gigId/edit"
          params={{ gigId: gig.id }}
          search={{ step: "overview" }}
          variant="secondary"
          size="sm"
          aria-label={`Edit ${gig.title}`}
        >
          Edit
        </ButtonLink>
        {gig.status !== "draft" ? (
          <ButtonLink
            to="/seller/gigs/$gigId/visibility"
            params={{ gigId: gig.id }}
            variant="secondary"
            size="sm"
            aria-label={`Visibility of ${gig.title}`}
          >
            Visibility
          </ButtonLink>
        ) : null}
        {canPublish ? (
          <Button
            size="sm"
            loading={act.isPending && act.variables === "publish"}
            disabled={act.isPending}
            onClick={() => act.mutate("publish")}
            aria-label={`Publish ${gig.title}`}
          >
            Publish
          </Button>
        ) : null}
        {gig.status === "active" ? (
          <Button
            variant="secondary"
            size="sm"
            loading={act.isPending && act.variables === "pause"}
            disabled={act.isPending}
            onClick={() => act.mutate("pause")}
            aria-label={`Pause ${gig.title}`}
          >
            Pause
          </Button>
        ) : null}
        {confirmArchive ? (
          <span
            role="group"
            aria-label="Confirm archiving"
            className="ml-auto flex flex-wrap items-center gap-2"
          >
            <span className="text-sm text-stone-700">Archive for good?</span>
            <Button
              variant="danger"
              size="sm"
              loading={act.isPending && act.variables === "archive"}
              onClick={() => act.mutate("archive")}
            >
              Yes, archive
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirmArchive(false)}>
              Keep it
            </Button>
          </span>
        ) : (
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto"
            disabled={act.isPending}
            onClick={() => setConfirmArchive(true)}
            aria-label={`Archive ${gig.title}`}
          >
            Archive
          </Button>
        )}
      </div>
    </li>
  );
}
