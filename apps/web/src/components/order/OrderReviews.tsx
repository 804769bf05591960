import { ReviewSchema, type Order, type Review } from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { api, describeError, isApiError, read, type RequestBody } from "../../lib/api";
import { formatDate, formatDateTime } from "../../lib/format";
import { orderKeys, orderReviewsQueryOptions } from "../../lib/orders";
import { Button } from "../Button";
import { ErrorState } from "../ErrorState";
import { FormAlert } from "../FormAlert";
import { LoadingRegion, Skeleton } from "../Skeleton";
import { StarRatingInput, Stars } from "../StarRating";
import { TextAreaField } from "../TextField";
import { textOf } from "../../lib/forms";

/**
 * Reviews of a completed order: the viewer's form while the window is open, the published reviews of
 * both sides (and the viewer's own before publication), and the seller's one reply.
 */
export function OrderReviews({ order }: { order: Order }) {
  const reviews = useQuery({ ...orderReviewsQueryOptions(order.id), enabled: order.status === "completed" });
  if (order.status !== "completed") return null;

  return (
    <section
      aria-labelledby="reviews-title"
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="reviews-title" className="text-lg font-semibold text-stone-900">
        Reviews
      </h2>
      {reviews.isPending ? (
        <LoadingRegion label="Loading reviews">
          <div className="mt-4 space-y-2">
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="h-16 w-full" />
          </div>
        </LoadingRegion>
      ) : reviews.isError ? (
        <ErrorState
          className="mt-4"
          title="Reviews couldn’t load"
          error={reviews.error}
          onRetry={() => void reviews.refetch()}
          retrying={reviews.isFetching}
        />
      ) : (
        <div className="mt-3 space-y-6">
          {reviews.data.canReview && order.viewerRole !== "admin" ? (
            <ReviewForm order={order} reviewDeadline={reviews.data.reviewDeadline} />
          ) : null}
          {reviews.data.data.length === 0 ? (
            reviews.data.canReview ? null : (
              <p className="text-stone-700">
                No reviews yet.
                {reviews.data.reviewDeadline
                  ? ` Reviews for this order can be written until ${formatDate(reviews.data.reviewDeadline)}.`
                  : ""}
              </p>
            )
          ) : (
            <ul className="space-y-4">
              {reviews.data.data.map((review) => (
                <li key={review.id}>
                  <ReviewCard review={review} order={order} revealAt={reviews.data.revealAt} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function ReviewCard({ review, order, revealAt }: { review: Review; order: Order; revealAt: string | null }) {
  const aboutSeller = review.side === "buyer";
  const mine = review.side === order.viewerRole;
  const canReply =
    order.viewerRole === "seller" && aboutSeller && review.publishedAt !== null && review.response === null;
  return (
    <article
      className="rounded-xl border border-stone-200 p-4"
      aria-label={`Review by ${review.author.displayName}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium text-stone-900">
          {mine ? "Your review" : `${review.author.displayName}’s review`}
          <span className="font-normal text-stone-600">
            {aboutSeller ? " of the seller" : " of the buyer"}
          </span>
        </p>
        <Stars value={review.rating} />
      </div>
      {aboutSeller && review.communication !== null && review.serviceAsDescribed !== null ? (
        <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-stone-600">
          <div className="flex gap-1">
            <dt>Communication</dt>
            <dd className="font-medium text-stone-800">{review.communication}/5</dd>
          </div>
          <div className="flex gap-1">
            <dt>Service as described</dt>
            <dd className="font-medium text-stone-800">{review.serviceAsDescribed}/5</dd>
          </div>
          {review.recommend !== null ? (
            <div className="flex gap-1">
              <dt>Would recommend</dt>
              <dd className="font-medium text-stone-800">{review.recommend ? "Yes" : "No"}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <p className="mt-2 whitespace-pre-line text-stone-800">{review.comment}</p>
      <p className="mt-2 text-sm text-stone-500">
        <time dateTime={review.createdAt}>{formatDateTime(review.createdAt)}</time>
        {review.publishedAt === null
          ? ` · Only you can see this until the other side reviews${revealAt ? ` or ${formatDate(revealAt)}` : ""}.`
          : ""}
      </p>
      {review.response ? (
        <div className="mt-3 rounded-lg bg-stone-50 p-3">
          <p className="text-sm font-medium text-stone-900">
            {order.viewerRole === "seller" ? "Your reply" : `${order.seller.displayName}’s reply`}
          </p>
          <p className="mt-1 whitespace-pre-line text-stone-800">{review.response.text}</p>
        </div>
      ) : null}
      {canReply ? <ReplyForm review={review} orderId={order.id} /> : null}
    </article>
  );
}

function ReplyForm({ review, orderId }: { review: Review; orderId: string }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const reply = useMutation({
    mutationFn: (text: string) =>
      read(
        ReviewSchema,
        api.POST("/api/reviews/{id}/response", { params: { path: { id: review.id } }, body: { text } }),
      ),
    onMutate: () => setError(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orderKeys.reviews(orderId) }),
    onError: (e) => setError(describeError(e)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = textOf(new FormData(event.currentTarget), "reply").trim();
    if (!text) {
      setFieldError("Write your reply first.");
      return;
    }
    setFieldError(undefined);
    reply.mutate(text);
  }

  return (
    <form noValidate onSubmit={onSubmit} className="mt-3 space-y-3 border-t border-stone-100 pt-3">
      {error ? <FormAlert>{error}</FormAlert> : null}
      <TextAreaField
        label="Reply publicly"
        name="reply"
        rows={2}
        maxLength={2000}
        hint="You can reply once; your reply shows under the review on your gig."
        error={fieldError}
      />
      <Button type="submit" variant="secondary" size="sm" loading={reply.isPending}>
        Post reply
      </Button>
    </form>
  );
}

interface ReviewDraft {
  rating: number;
  communication: number;
  serviceAsDescribed: number;
  recommend: boolean | null;
}

function ReviewForm({ order, reviewDeadline }: { order: Order; reviewDeadline: string | null }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const asBuyer = order.viewerRole === "buyer";
  const [draft, setDraft] = useState<ReviewDraft>({
    rating: 0,
    communication: 0,
    serviceAsDescribed: 0,
    recommend: null,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const other = asBuyer ? order.seller : order.buyer;

  function update(patch: Partial<ReviewDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors(({ ...rest }) => {
      for (const key of Object.keys(patch)) delete rest[key];
      return rest;
    });
  }

  const write = useMutation({
    mutationFn: (body: RequestBody<"/api/orders/{id}/reviews", "post">) =>
      read(ReviewSchema, api.POST("/api/orders/{id}/reviews", { params: { path: { id: order.id } }, body })),
    onMutate: () => setFormError(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orderKeys.reviews(order.id) }),
    onError: (error) => {
      if (isApiError(error, 409))
        void queryClient.invalidateQueries({ queryKey: orderKeys.reviews(order.id) });
      setFormError(describeError(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const comment = textOf(new FormData(event.currentTarget), "comment").trim();
    const next: Record<string, string> = {};
    if (!draft.rating) next.rating = "Choose from 1 to 5 stars.";
    if (asBuyer) {
      if (!draft.communication) next.communication = "Choose from 1 to 5 stars.";
      if (!draft.serviceAsDescribed) next.serviceAsDescribed = "Choose from 1 to 5 stars.";
      if (draft.recommend === null) next.recommend = "Choose yes or no.";
    }
    if (!comment) next.comment = "Write a few words about your experience.";
    setErrors(next);
    if (Object.keys(next).length > 0) {
      const first = ["rating", "communication", "serviceAsDescribed", "recommend", "comment"].find(
        (f) => f in next,
      );
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    write.mutate(
      asBuyer
        ? {
            rating: draft.rating,
            communication: draft.communication,
            serviceAsDescribed: draft.serviceAsDescribed,
            recommend: draft.recommend ?? undefined,
            comment,
          }
        : { rating: draft.rating, comment },
    );
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={onSubmit}
      aria-label={`Review ${other.displayName}`}
      className="space-y-5 rounded-xl bg-stone-50 p-4 sm:p-5"
    >
      <div>
        <h3 className="font-semibold text-stone-900">How was working with {other.displayName}?</h3>
        <p className="mt-1 text-sm text-stone-600">
          Reviews are published when you both have written one, or 10 days after completion.
          {reviewDeadline ? ` You can review until ${formatDate(reviewDeadline)}.` : ""}
        </p>
      </div>
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <StarRatingInput
        name="rating"
        legend={asBuyer ? "Overall" : "Rating"}
        value={draft.rating}
        onChange={(rating) => update({ rating })}
        error={errors.rating}
      />
      {asBuyer ? (
        <>
          <StarRatingInput
            name="communication"
            legend="Communication"
            value={draft.communication}
            onChange={(communication) => update({ communication })}
            error={errors.communication}
          />
          <StarRatingInput
            name="serviceAsDescribed"
            legend="Service as described"
            value={draft.serviceAsDescribed}
            onChange={(serviceAsDescribed) => update({ serviceAsDescribed })}
            error={errors.serviceAsDescribed}
          />
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">
              Would you recommend {other.displayName}?
            </legend>
            <div className="mt-2 flex gap-2">
              {[
                { value: true, label: "Yes" },
                { value: false, label: "No" },
              ].map((option) => (
                <label
                  key={option.label}
                  className="flex cursor-pointer items-center gap-2 rounded-full border border-stone-300 bg-white px-4 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                >
                  <input
                    type="radio"
                    name="recommend"
                    checked={draft.recommend === option.value}
                    onChange={() => update({ recommend: option.value })}
                    className="accent-brand-700"
                  />
                  {option.label}
                </label>
              ))}
            </div>
            {errors.recommend ? (
              <p className="mt-1 text-sm font-medium text-red-700">{errors.recommend}</p>
            ) : null}
          </fieldset>
        </>
      ) : null}
      <TextAreaField
        label={asBuyer ? "Your review" : `Your review of ${other.displayName}`}
        name="comment"
        rows={4}
        maxLength={2000}
        hint={asBuyer ? "Shown on the gig page. What went well, and what could be better?" : undefined}
        error={errors.comment}
        onChange={() => setErrors(({ comment: _cleared, ...rest }) => rest)}
      />
      <Button type="submit" loading={write.isPending}>
        Publish review
      </Button>
    </form>
  );
}
