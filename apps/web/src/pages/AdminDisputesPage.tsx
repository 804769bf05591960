import { OrderSchema, ResolutionPreviewSchema, type Order, type ResolutionPreview } from "@atelier/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button, ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { CheckIcon, CompassIcon, ShieldIcon } from "../components/icons";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { TextAreaField } from "../components/TextField";
import { api, describeError, isApiError, type Parser, read, type RequestBody } from "../lib/api";
import { formatDateTime, formatMoney } from "../lib/format";
import { orderKeys, STATUS_LABELS } from "../lib/orders";
import { usePageTitle } from "../lib/usePageTitle";

const disputesKey = ["admin", "disputes"] as const;

const DisputeListParser: Parser<{ data: Order[] }> = {
  parse(body) {
    if (typeof body !== "object" || body === null || !("data" in body) || !Array.isArray(body.data)) {
      throw new Error("not a dispute list");
    }
    return { data: body.data.map((item) => OrderSchema.parse(item)) };
  },
};

type Outcome = "complete" | "cancel" | "split";

const OUTCOMES: { value: Outcome; title: string; detail: string }[] = [
  {
    value: "complete",
    title: "Pay the seller",
    detail: "The order completes; the seller gets the full earnings.",
  },
  {
    value: "cancel",
    title: "Refund the buyer",
    detail: "The order is cancelled; the buyer gets everything back as credits.",
  },
  { value: "split", title: "Split", detail: "Refund a percentage to the buyer; the seller keeps the rest." },
];

/** The admins' queue of disputed orders, each with the form that settles it. */
export function AdminDisputesPage() {
  usePageTitle("Disputes");
  const disputes = useQuery({
    queryKey: disputesKey,
    queryFn: ({ signal }) => read(DisputeListParser, api.GET("/api/admin/disputes", { signal })),
  });

  if (disputes.isError && isApiError(disputes.error, 404)) {
    return (
      <div className="px-4 py-20 sm:px-6">
        <EmptyState
          icon={<CompassIcon className="size-6" />}
          title="Page not found"
          headingLevel={1}
          action={<ButtonLink to="/">Go to the home page</ButtonLink>}
        >
          <p>This page doesn’t exist, or you don’t have access to it.</p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-12">
      <p className="text-sm font-medium text-stone-600">Admin</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Disputes
      </h1>
      <p className="mt-2 max-w-2xl text-stone-600">
        Disputed orders are frozen until you decide. Read the order’s timeline and deliveries first; the
        decision moves money and can’t be undone.
      </p>
      <div className="mt-8">
        {disputes.isPending ? (
          <LoadingRegion label="Loading disputes">
            <div className="space-y-4">
              {[0, 1].map((i) => (
                <Skeleton key={i} className="h-56 w-full rounded-2xl" />
              ))}
            </div>
          </LoadingRegion>
        ) : disputes.isError ? (
          <ErrorState
            title="Disputes couldn’t load"
            error={disputes.error}
            onRetry={() => void disputes.refetch()}
            retrying={disputes.isFetching}
          />
        ) : disputes.data.data.length === 0 ? (
          <EmptyState icon={<ShieldIcon className="size-6" />} title="No open disputes">
            <p>
              Nothing needs a decision right now. New disputes appear here as soon as a buyer or seller opens
              one.
            </p>
          </EmptyState>
        ) : (
          <ul className="space-y-5">
            {disputes.data.data.map((order) => (
              <li key={order.id}>
                <DisputeCard order={order} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/** A decision the admin has asked to move money with, waiting for confirmation. */
interface PendingDecision {
  body: { outcome: Outcome; buyerRefundPercent?: number; note?: string };
  preview: ResolutionPreview;
}

function DisputeCard({ order }: { order: Order }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>("complete");
  const [percentText, setPercentText] = useState("50");
  const [percentError, setPercentError] = useState<string | undefined>();
  const [note, setNote] = useState("");
  const [pending, setPending] = useState<PendingDecision | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);

  // The confirmation replaces the form: move the focus to it, so keyboard and screen reader users land on it.
  useEffect(() => {
    if (pending) confirmRef.current?.focus();
  }, [pending]);

  const preview = useMutation({
    mutationFn: (body: PendingDecision["body"]) =>
      read(
        ResolutionPreviewSchema,
        api.POST("/api/admin/disputes/{id}/preview", {
          params: { path: { id: order.id } },
          body: {
            outcome: body.outcome,
            ...(body.buyerRefundPercent !== undefined ? { buyerRefundPercent: body.buyerRefundPercent } : {}),
          },
        }),
      ),
    onSuccess: (result, body) => setPending({ body, preview: result }),
  });

  const resolve = useMutation({
    mutationFn: (body: RequestBody<"/api/admin/disputes/{id}/resolve", "post">) =>
      read(
        OrderSchema,
        api.POST("/api/admin/disputes/{id}/resolve", { params: { path: { id: order.id } }, body }),
      ),
    onSuccess: (updated) => {
      setPending(null);
      queryClient.setQueryData(orderKeys.detail(order.id), updated);
      void queryClient.invalidateQueries({ queryKey: orderKeys.timeline(order.id) });
      // Kept in the list (resolved) until the page is left, so the admin sees the outcome in place.
      queryClient.setQueryData<{ data: Order[] }>(disputesKey, (current) =>
        current ? { data: current.data.map((o) => (o.id === updated.id ? updated : o)) } : current,
      );
    },
  });

  /** First step: the decision as typed → what it would move (nothing moves yet). */
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const percent = Number(percentText);
    if (
      outcome === "split" &&
      (percentText.trim() === "" || !Number.isInteger(percent) || percent < 0 || percent > 100)
    ) {
      setPercentError("Enter a whole percentage from 0 to 100.");
      return;
    }
    setPercentError(undefined);
    resolve.reset();
    const trimmed = note.trim();
    preview.mutate({
      outcome,
      ...(outcome === "split" ? { buyerRefundPercent: percent } : {}),
      ...(trimmed ? { note: trimmed } : {}),
    });
  }

  const accepted = order.milestones.filter((m) => m.status === "completed");
  const openedBy = order.dispute?.openedBy;
  // A dispute opened by a party names them; one opened by an admin's suspension names the admin.
  const opener =
    openedBy === order.buyer.username
      ? order.buyer.displayName
      : openedBy === order.seller.username
        ? order.seller.displayName
        : `An admin${openedBy ? ` (@${openedBy})` : ""}`;

  return (
    <article
      aria-labelledby={`${id}-title`}
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="font-semibold text-stone-900">
            <Link
              to="/orders/$orderId"
              params={{ orderId: order.id }}
              className="hover:text-brand-800 hover:underline"
            >
              {order.gig.title}
            </Link>
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            Buyer {order.buyer.displayName} (@{order.buyer.username}) · Seller {order.seller.displayName} (@
            {order.seller.username})
          </p>
        </div>
        <p className="shrink-0 text-lg font-semibold text-stone-900">{formatMoney(order.price.total)}</p>
      </div>
      {order.dispute ? (
        <div className="mt-4 rounded-xl bg-red-50 p-4 text-sm text-red-950">
          <p className="font-medium">
            {opener} opened the dispute {formatDateTime(order.dispute.at)}
          </p>
          <blockquote className="mt-1 whitespace-pre-line">“{order.dispute.reason}”</blockquote>
        </div>
      ) : null}
      <p className="mt-3 text-sm text-stone-600">
        {order.deliveries.length === 0
          ? "Nothing was delivered."
          : `${order.deliveries.length} deliver${order.deliveries.length === 1 ? "y" : "ies"}, the last ${formatDateTime(order.deliveries.at(-1)?.createdAt ?? order.createdAt)}.`}{" "}
        <Link
          to="/orders/$orderId"
          params={{ orderId: order.id }}
          className="font-medium text-brand-800 underline"
        >
          Open the order and its timeline
        </Link>
      </p>
      {order.milestones.length > 0 ? (
        <p className="mt-2 text-sm text-stone-600">
          {`Paid in ${order.milestones.length} milestones; ${accepted.length} accepted and already paid to ${order.seller.displayName}${accepted.length > 0 ? ` (${accepted.map((m) => `“${m.title}”`).join(", ")})` : ""}. `}
          Any decision moves only what the milestones not accepted yet still hold in escrow.
        </p>
      ) : null}

      {order.status !== "disputed" ? (
        <div role="status" className="mt-5 flex gap-2 rounded-xl bg-brand-50 p-4 text-sm text-brand-900">
          <CheckIcon className="size-5 shrink-0" />
          <div>
            <p>
              Resolved: the order is now {STATUS_LABELS[order.status].toLowerCase()}.
              {order.resolution
                ? ` ${order.buyer.displayName} got ${formatMoney(order.resolution.buyerRefund)} back as credits; ${order.seller.displayName} got ${formatMoney(order.resolution.sellerEarnings)}.`
                : ""}
            </p>
            {order.resolution?.note ? (
              <p className="mt-1">Your note to both parties: “{order.resolution.note}”</p>
            ) : null}
          </div>
        </div>
      ) : pending ? (
        <div
          ref={confirmRef}
          tabIndex={-1}
          role="group"
          aria-labelledby={`${id}-confirm-title`}
          className="mt-5 space-y-4 rounded-xl border border-amber-300 bg-amber-50 p-4 text-stone-900 outline-none sm:p-5"
        >
          <h3 id={`${id}-confirm-title`} className="font-semibold">
            Confirm the decision: {OUTCOMES.find((o) => o.value === pending.body.outcome)?.title}
            {pending.body.buyerRefundPercent !== undefined
              ? ` (${pending.body.buyerRefundPercent}% to the buyer)`
              : ""}
          </h3>
          <p className="text-sm">
            This moves the {formatMoney(pending.preview.total)} held in escrow now, and can’t be undone.
          </p>
          <dl className="space-y-1.5 text-sm">
            <div className="flex justify-between gap-3">
              <dt>{order.buyer.displayName} (buyer) gets back as Atelier credits</dt>
              <dd className="font-semibold">{formatMoney(pending.preview.buyerRefund)}</dd>
            </div>
            <div className="flex justify-between gap-3">
              <dt>{order.seller.displayName} (seller) gets, after commission</dt>
              <dd className="font-semibold">{formatMoney(pending.preview.sellerEarnings)}</dd>
            </div>
            <div className="flex justify-between gap-3 text-stone-700">
              <dt>Atelier keeps (commission and service fee)</dt>
              <dd>
                {formatMoney({
                  amount: pending.preview.commission.amount + pending.preview.feeKept.amount,
                  currency: pending.preview.total.currency,
                })}
              </dd>
            </div>
          </dl>
          {pending.body.note ? (
            <p className="text-sm">Both parties will read your note: “{pending.body.note}”</p>
          ) : (
            <p className="text-sm text-stone-700">
              No note: the parties will see the decision without an explanation.
            </p>
          )}
          {resolve.isError ? <FormAlert>{describeError(resolve.error)}</FormAlert> : null}
          <div className="flex flex-wrap gap-2">
            <Button loading={resolve.isPending} onClick={() => resolve.mutate(pending.body)}>
              Confirm and move the money
            </Button>
            <Button variant="ghost" disabled={resolve.isPending} onClick={() => setPending(null)}>
              Change the decision
            </Button>
          </div>
        </div>
      ) : (
        <form noValidate onSubmit={onSubmit} className="mt-5 space-y-4 border-t border-stone-100 pt-5">
          {preview.isError ? <FormAlert>{describeError(preview.error)}</FormAlert> : null}
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">Decision</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-3">
              {OUTCOMES.map((option) => (
                <label
                  key={option.value}
                  className="flex cursor-pointer gap-3 rounded-xl border border-stone-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                >
                  <input
                    type="radio"
                    name={`${id}-outcome`}
                    checked={outcome === option.value}
                    onChange={() => setOutcome(option.value)}
                    className="mt-1 accent-brand-700"
                  />
                  <span>
                    <span className="block font-medium text-stone-900">{option.title}</span>
                    <span className="block text-sm text-stone-600">{option.detail}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {outcome === "split" ? (
            <div className="space-y-1.5">
              <label htmlFor={`${id}-percent`} className="block text-sm font-medium text-stone-800">
                Refund to the buyer (%)
              </label>
              <input
                id={`${id}-percent`}
                type="number"
                min={0}
                max={100}
                inputMode="numeric"
                value={percentText}
                onChange={(event) => setPercentText(event.currentTarget.value)}
                aria-invalid={percentError ? true : undefined}
                aria-describedby={percentError ? `${id}-percent-error` : undefined}
                className="h-11 w-28 rounded-xl border border-stone-300 px-3.5 text-base"
              />
              {percentError ? (
                <p id={`${id}-percent-error`} className="text-sm font-medium text-red-700">
                  {percentError}
                </p>
              ) : null}
            </div>
          ) : null}
          <TextAreaField
            label="Note to both parties (optional)"
            hint="The buyer and the seller read it on the order with the decision."
            name="note"
            rows={2}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Button type="submit" loading={preview.isPending}>
            Review the decision
          </Button>
        </form>
      )}
    </article>
  );
}
