import { GigSchema, type Gig } from "@atelier/contracts";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { Button } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { GigCover } from "../components/GigCard";
import { CheckIcon, ShieldIcon } from "../components/icons";
import { LoadingRegion, PageSkeleton, Skeleton } from "../components/Skeleton";
import { TextAreaField } from "../components/TextField";
import { ShowMore } from "../components/ShowMore";
import { api, describeError, isApiError, read } from "../lib/api";
import { gigQueryOptions, moderationQueueQueryOptions } from "../lib/catalog";
import { formatMoney, formatRelativeTime } from "../lib/format";
import { sentence } from "../lib/forms";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";
import { NotFoundPage } from "./NotFoundPage";

/** `/admin/moderation`: gigs held for review, oldest first, each approved or denied with a reason. */
export function ModerationPage() {
  usePageTitle("Moderation queue");
  const me = useMe();
  if (me.isPending) return <PageSkeleton label="Loading the moderation queue" />;
  // Like the API, the page does not admit that it exists to people who are not admins.
  if (!me.data?.roles.includes("admin")) return <NotFoundPage />;
  return <Queue userId={me.data.id} />;
}

function Queue({ userId }: { userId: string }) {
  const queue = useInfiniteQuery(moderationQueueQueryOptions(userId));
  const items = queue.data?.pages.flatMap((page) => page.data) ?? [];

  if (queue.isError && isApiError(queue.error, 404)) return <NotFoundPage />;

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <p className="text-sm font-medium text-stone-600">Administration</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Moderation queue
      </h1>
      <p className="mt-3 max-w-2xl text-stone-600">
        Gigs whose text matched the prohibited list wait here before they are listed. Approve what is fine;
        deny the rest with a reason the seller will read.
      </p>

      <div className="mt-8">
        {queue.isPending ? (
          <LoadingRegion label="Loading the queue">
            <ul className="space-y-4">
              {[0, 1].map((index) => (
                <li key={index} className="space-y-3 rounded-2xl border border-stone-200 bg-white p-5">
                  <Skeleton className="h-5 w-2/3" />
                  <Skeleton className="h-4 w-1/3" />
                  <Skeleton className="h-16 w-full" />
                </li>
              ))}
            </ul>
          </LoadingRegion>
        ) : queue.isError ? (
          <ErrorState
            title="The queue couldn’t load"
            error={queue.error}
            onRetry={() => void queue.refetch()}
            retrying={queue.isFetching}
          />
        ) : items.length === 0 ? (
          <EmptyState icon={<CheckIcon className="size-6" />} title="Nothing waiting for review">
            <p>New gigs that need a look will appear here. Check back later.</p>
          </EmptyState>
        ) : (
          <>
            <ul className="space-y-4">
              {items.map((item) => (
                <QueueItem key={item.id} gig={item} requestedAt={item.reviewRequestedAt} />
              ))}
            </ul>
            <ShowMore pages={queue}>Show more</ShowMore>
          </>
        )}
      </div>
    </div>
  );
}

type Decision = { action: "approve" } | { action: "deny"; reason: string };

function QueueItem({ gig, requestedAt }: { gig: Gig; requestedAt: string }) {
  const queryClient = useQueryClient();
  const [denying, setDenying] = useState(false);
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Gig | null>(null);

  const decide = useMutation({
    mutationFn: (decision: Decision) =>
      decision.action === "approve"
        ? read(GigSchema, api.POST("/api/admin/gigs/{id}/approve", { params: { path: { id: gig.id } } }))
        : read(
            GigSchema,
            api.POST("/api/admin/gigs/{id}/deny", {
              params: { path: { id: gig.id } },
              body: { reason: decision.reason },
            }),
          ),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      queryClient.setQueryData(gigQueryOptions(saved.id).queryKey, saved);
      setDone(saved);
    },
    onError: (failure) => {
      const reason = isApiError(failure, 400) ? failure.fieldErrors().reason : undefined;
      if (reason) setReasonError(sentence(reason));
      else setError(describeError(failure));
    },
  });

  function onDeny(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get("reason");
    const reason = typeof value === "string" ? value.trim() : "";
    if (!reason) {
      setReasonError("Tell the seller what to change.");
      return;
    }
    setReasonError(undefined);
    decide.mutate({ action: "deny", reason });
  }

  if (done) {
    return (
      <li role="status" className="rounded-2xl border border-stone-200 bg-white px-5 py-4 text-stone-700">
        <span className="font-medium text-stone-900">{gig.title}</span>{" "}
        {done.status === "active"
          ? "was approved and is now listed."
          : "was denied. The seller will see why."}
      </li>
    );
  }

  return (
    <li className="rounded-2xl border border-stone-200 bg-white p-5">
      <div className="flex flex-col gap-4 sm:flex-row">
        <GigCover
          url={gig.coverImageUrl}
          title={gig.title}
          className="w-full shrink-0 self-start rounded-xl text-2xl sm:w-40"
        />
        <div className="min-w-0 flex-1">
          <h2 className="font-medium text-stone-900">
            <Link
              to="/$username/$slug"
              params={{ username: gig.seller.username, slug: gig.slug }}
              className="hover:text-brand-800 hover:underline"
            >
              {gig.title}
            </Link>
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            by{" "}
            <Link
              to="/users/$username"
              params={{ username: gig.seller.username }}
              className="font-medium text-stone-800 hover:underline"
            >
              {gig.seller.displayName}
            </Link>{" "}
            · {gig.category.name} · from {formatMoney(gig.startingPrice)} · waiting since{" "}
            <time dateTime={requestedAt}>{formatRelativeTime(requestedAt)}</time>
          </p>
          {gig.moderationReason ? (
            <p className="mt-3 flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950">
              <ShieldIcon className="mt-0.5 size-4 shrink-0" />
              <span>
                <span className="font-medium">Flagged: </span>
                {gig.moderationReason}
              </span>
            </p>
          ) : null}
          <p className="mt-3 line-clamp-4 text-sm leading-relaxed whitespace-pre-line text-stone-700">
            {gig.description}
          </p>
          {gig.tags.length > 0 ? (
            <p className="mt-2 text-sm text-stone-600">Tags: {gig.tags.join(", ")}</p>
          ) : null}
        </div>
      </div>

      {error ? (
        <div className="mt-4">
          <FormAlert>{error}</FormAlert>
        </div>
      ) : null}

      {denying ? (
        <form noValidate onSubmit={onDeny} className="mt-4 space-y-3 border-t border-stone-100 pt-4">
          <TextAreaField
            label="Reason for the seller"
            name="reason"
            rows={3}
            maxLength={1000}
            autoFocus
            hint="Say what breaks the rules and what to change. The seller sees this."
            error={reasonError}
            onChange={() => setReasonError(undefined)}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" loading={decide.isPending}>
              Deny gig
            </Button>
            <Button variant="ghost" onClick={() => setDenying(false)} disabled={decide.isPending}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="mt-4 flex flex-wrap gap-2 border-t border-stone-100 pt-4">
          <Button
            loading={decide.isPending}
            onClick={() => decide.mutate({ action: "approve" })}
            aria-label={`Approve ${gig.title}`}
          >
            Approve
          </Button>
          <Button
            variant="danger"
            disabled={decide.isPending}
            onClick={() => setDenying(true)}
            aria-label={`Deny ${gig.title}`}
          >
            Deny…
          </Button>
        </div>
      )}
    </li>
  );
}
