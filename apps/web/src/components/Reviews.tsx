import type { Review } from "@atelier/contracts";
import { ReportButton } from "./report/ReportButton";
import type { ReviewSummary } from "../lib/catalog";
import { formatCount, formatDate, formatRating } from "../lib/format";
import { Avatar } from "./Avatar";
import { StarFilledIcon } from "./icons";

/** Five stars, filled up to the rounded rating; read out as "Rated 4.5 out of 5". */
export function Stars({ rating, className = "size-4" }: { rating: number; className?: string }) {
  const filled = Math.round(rating);
  return (
    <span role="img" aria-label={`Rated ${formatRating(rating)} out of 5`} className="inline-flex">
      {[1, 2, 3, 4, 5].map((star) => (
        <StarFilledIcon
          key={star}
          className={`${className} ${star <= filled ? "text-amber-500" : "text-stone-300"}`}
        />
      ))}
    </span>
  );
}

/** The average, a bar per star and the detailed averages. */
export function ReviewSummaryPanel({ summary }: { summary: ReviewSummary }) {
  if (summary.count === 0 || summary.average === null) return null;
  const max = Math.max(1, ...summary.breakdown);
  return (
    <div className="grid gap-6 rounded-2xl border border-stone-200 bg-white p-5 sm:grid-cols-[auto_1fr] sm:gap-10">
      <div>
        <p className="font-display text-4xl font-semibold text-stone-900">{formatRating(summary.average)}</p>
        <Stars rating={summary.average} />
        <p className="mt-1 text-sm text-stone-600">{formatCount(summary.count, "review", "reviews")}</p>
      </div>
      <div className="space-y-4">
        <ul aria-label="Ratings by stars" className="space-y-1.5">
          {[5, 4, 3, 2, 1].map((stars) => {
            const count = summary.breakdown[stars - 1] ?? 0;
            return (
              <li key={stars} className="flex items-center gap-3 text-sm">
                <span className="w-14 shrink-0 text-stone-700">{formatCount(stars, "star", "stars")}</span>
                <span aria-hidden="true" className="h-2 flex-1 overflow-hidden rounded-full bg-stone-100">
                  <span
                    className="block h-full rounded-full bg-amber-500"
                    style={{ width: `${(count / max) * 100}%` }}
                  />
                </span>
                <span className="w-8 shrink-0 text-right text-stone-600">{count}</span>
              </li>
            );
          })}
        </ul>
        <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
          {summary.communication !== null ? (
            <div className="flex gap-2">
              <dt className="text-stone-600">Communication</dt>
              <dd className="font-semibold text-stone-900">{formatRating(summary.communication)}</dd>
            </div>
          ) : null}
          {summary.serviceAsDescribed !== null ? (
            <div className="flex gap-2">
              <dt className="text-stone-600">Service as described</dt>
              <dd className="font-semibold text-stone-900">{formatRating(summary.serviceAsDescribed)}</dd>
            </div>
          ) : null}
          {summary.recommendPercent !== null ? (
            <div className="flex gap-2">
              <dt className="text-stone-600">Would recommend</dt>
              <dd className="font-semibold text-stone-900">{Math.round(summary.recommendPercent)}%</dd>
            </div>
          ) : null}
        </dl>
      </div>
    </div>
  );
}

export function ReviewList({ reviews }: { reviews: readonly Review[] }) {
  return (
    <ul className="divide-y divide-stone-200">
      {reviews.map((review) => (
        <li key={review.id} className="py-5">
          <div className="flex items-start gap-3">
            <Avatar name={review.author.displayName} size="sm" />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <p className="font-medium text-stone-900">{review.author.displayName}</p>
                <Stars rating={review.rating} className="size-3.5" />
                <time dateTime={review.publishedAt ?? review.createdAt} className="text-sm text-stone-600">
                  {formatDate(review.publishedAt ?? review.createdAt)}
                </time>
              </div>
              <p className="mt-2 leading-relaxed whitespace-pre-line text-stone-700">{review.comment}</p>
              <ReportButton subject={{ type: "review", id: review.id }} className="mt-1" />
              {review.response ? (
                <div className="mt-3 rounded-xl border-l-4 border-brand-200 bg-stone-50 px-4 py-3 text-sm">
                  <p className="font-medium text-stone-900">Seller’s response</p>
                  <p className="mt-1 whitespace-pre-line text-stone-700">{review.response.text}</p>
                </div>
              ) : null}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
