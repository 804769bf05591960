import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { Button } from "../../components/Button";
import { ErrorState } from "../../components/ErrorState";
import { ReviewList, ReviewSummaryPanel } from "../../components/Reviews";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { gigReviewsQueryOptions } from "../../lib/catalog";

export function GigReviews({ gigId }: { gigId: string }) {
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
