import type { Order } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useEffect, useState, type ReactNode } from "react";
import { ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { PageErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { AlertIcon, CalendarIcon, ClockIcon, CompassIcon, ShieldIcon } from "../components/icons";
import { ActionForm } from "../components/order/ActionForm";
import { ConfirmButton } from "../components/order/ConfirmButton";
import { DeliveriesSection } from "../components/order/DeliveriesSection";
import { OrderReviews } from "../components/order/OrderReviews";
import { OrderTimeline } from "../components/order/OrderTimeline";
import { RequirementsSection } from "../components/order/RequirementsSection";
import { ResolutionPanel } from "../components/order/ResolutionPanel";
import { TipForm } from "../components/order/TipForm";
import { actionError, useOrderAction } from "../components/order/useOrderAction";
import { OrderStatusBadge } from "../components/OrderStatusBadge";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { isApiError } from "../lib/api";
import { formatCount, formatDate, formatDateTime, formatMoney } from "../lib/format";
import { formatDuration, orderQueryOptions, TIER_LABELS } from "../lib/orders";
import { usePageTitle } from "../lib/usePageTitle";

const route = getRouteApi("/orders/$orderId");

/** The clock for countdowns: re-renders every 30 seconds. */
function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function OrderPage() {
  const { orderId } = route.useParams();
  // The other party acts from their own browser: look again now and then, and whenever the tab returns.
  const order = useQuery({ ...orderQueryOptions(orderId), refetchInterval: 20_000 });
  usePageTitle(order.data ? order.data.gig.title : "Order");

  if (order.isPending) return <OrderSkeleton />;
  if (order.isError) {
    if (isApiError(order.error, 404)) {
      return (
        <div className="px-4 py-20 sm:px-6">
          <EmptyState
            icon={<CompassIcon className="size-6" />}
            title="We couldn’t find this order"
            headingLevel={1}
            action={<ButtonLink to="/orders">See your orders</ButtonLink>}
          >
            <p>It may belong to another account. Your orders are all listed on the orders page.</p>
          </EmptyState>
        </div>
      );
    }
    return <PageErrorState title="This order couldn’t load" query={order} />;
  }
  return <OrderView order={order.data} />;
}

function OrderView({ order }: { order: Order }) {
  const canTip = order.actions.includes("tip");
  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-12">
      <OrderHeader order={order} />
      <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start lg:gap-8">
        <div className="min-w-0 space-y-6">
          {/* A dispute's decision replaces the usual next step: each side reads what it got and the admin's note. */}
          <ResolutionPanel order={order} />
          {order.resolution && order.viewerRole !== "admin" ? null : <NextStep order={order} />}
          <RequirementsSection order={order} />
          <DeliveriesSection order={order} />
          <OrderReviews order={order} />
          <OrderTimeline order={order} />
        </div>
        <aside className="space-y-6" aria-label="Order details">
          <OrderSummary order={order} />
          <KeyDates order={order} />
          {canTip ? (
            <div className="rounded-2xl border border-stone-200 bg-white p-5">
              <TipForm order={order} />
            </div>
          ) : null}
          <MoreActions order={order} />
        </aside>
      </div>
    </div>
  );
}

function OrderHeader({ order }: { order: Order }) {
  const selling = order.viewerRole === "seller";
  const other = selling ? order.buyer : order.seller;
  return (
    <header>
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        {order.viewerRole === "admin" ? (
          <Link to="/admin/disputes" className="hover:text-brand-800 hover:underline">
            ← Disputes
          </Link>
        ) : selling ? (
          <Link to="/selling/orders" className="hover:text-brand-800 hover:underline">
            ← Selling
          </Link>
        ) : (
          <Link to="/orders" className="hover:text-brand-800 hover:underline">
            ← Your orders
          </Link>
        )}
      </nav>
      <div className="mt-3 flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <div className="min-w-0">
          <OrderStatusBadge status={order.status} isLate={order.isLate} />
          <h1 className="mt-2 font-display text-2xl font-semibold tracking-tight text-balance text-stone-900 sm:text-3xl">
            {order.gig.title}
          </h1>
          <p className="mt-2 text-sm text-stone-600">
            {order.viewerRole === "admin" ? (
              <>
                {order.buyer.displayName} (buyer) and {order.seller.displayName} (seller)
              </>
            ) : (
              <>
                {selling ? "Ordered by " : "From "}
                <Link
                  to="/users/$username"
                  params={{ username: other.username }}
                  className="font-medium text-stone-800 hover:text-brand-800 hover:underline"
                >
                  {other.displayName}
                </Link>
              </>
            )}
            {" · "}Placed <time dateTime={order.createdAt}>{formatDate(order.createdAt)}</time>
            {" · "}
            <span className="font-mono text-xs">{order.id}</span>
          </p>
        </div>
        <Countdown order={order} />
      </div>
    </header>
  );
}

/** The one time that matters now: when the work is due, or when a delivery completes by itself. */
function Countdown({ order }: { order: Order }) {
  const now = useNow();
  let label: string;
  let value: string;
  let detail: string | null = null;
  let tone: "calm" | "alert" = "calm";
  if (order.status === "awaiting_requirements") {
    label = "Delivery time";
    value = formatCount(order.deliveryDays, "day", "days");
    detail = "Starts when the requirements are in";
  } else if (order.status === "in_progress" && order.dueAt) {
    const left = new Date(order.dueAt).getTime() - now.getTime();
    if (order.isLate || left <= 0) {
      tone = "alert";
      label = "Late";
      value = left < 0 ? `${formatDuration(-left)} overdue` : "Overdue";
      detail = `Was due ${formatDateTime(order.dueAt)}`;
    } else {
      label = "Due in";
      value = formatDuration(left);
      detail = formatDateTime(order.dueAt);
    }
  } else if (order.status === "delivered" && order.autoCompleteAt) {
    const left = new Date(order.autoCompleteAt).getTime() - now.getTime();
    label = "Completes automatically in";
    value = left > 0 ? formatDuration(left) : "moments";
    detail = formatDateTime(order.autoCompleteAt);
  } else if (order.status === "completed" && order.completedAt) {
    label = "Completed";
    value = formatDate(order.completedAt);
  } else if (order.status === "cancelled" && order.cancelledAt) {
    label = "Cancelled";
    value = formatDate(order.cancelledAt);
  } else if (order.status === "disputed") {
    tone = "alert";
    label = "On hold";
    value = "In dispute";
    detail = "An admin is reviewing it";
  } else {
    return null;
  }
  return (
    <div
      role="timer"
      aria-live="off"
      className={`shrink-0 rounded-2xl border px-5 py-4 ${tone === "alert" ? "border-red-200 bg-red-50" : "border-stone-200 bg-white"}`}
    >
      <p className={`text-sm ${tone === "alert" ? "text-red-800" : "text-stone-600"}`}>{label}</p>
      <p className={`mt-0.5 text-xl font-semibold ${tone === "alert" ? "text-red-900" : "text-stone-900"}`}>
        {value}
      </p>
      {detail ? (
        <p className={`text-sm ${tone === "alert" ? "text-red-800" : "text-stone-600"}`}>{detail}</p>
      ) : null}
    </div>
  );
}

function Panel({
  title,
  children,
  tone = "calm",
}: {
  title: string;
  children: ReactNode;
  tone?: "calm" | "alert";
}) {
  return (
    <section
      aria-label="What happens next"
      className={`rounded-2xl border p-5 sm:p-6 ${tone === "alert" ? "border-red-200 bg-red-50/60" : "border-brand-200 bg-brand-50/60"}`}
    >
      <h2 className="text-lg font-semibold text-stone-900">{title}</h2>
      <div className="mt-2 space-y-4 text-stone-800">{children}</div>
    </section>
  );
}

/** What the viewer should know or do now, with the main actions of the moment. */
function NextStep({ order }: { order: Order }) {
  const act = useOrderAction(order.id);
  const revise = useOrderAction(order.id);
  const can = (name: string) => order.actions.includes(name);
  const seller = order.seller.displayName;
  const buyer = order.buyer.displayName;
  const pending = order.requests.filter((r) => r.status === "pending");
  const error = act.isError ? <FormAlert>{actionError(act.error)}</FormAlert> : null;
  const revisionsText =
    order.revisionsLeft === null
      ? "unlimited revisions"
      : formatCount(order.revisionsLeft, "revision", "revisions");

  const requests = pending.map((request) => {
    const mine =
      request.requestedBy.username ===
      (order.viewerRole === "buyer" ? order.buyer.username : order.seller.username);
    const by = mine ? "You" : request.requestedBy.username === order.buyer.username ? buyer : seller;
    const kind = request.kind;
    const canAnswer = can(`accept_${kind}`) && !mine;
    const base = `/${kind}-requests/{requestId}` as const;
    return (
      <div key={request.id} className="rounded-xl border border-amber-200 bg-amber-50 p-4">
        <p className="font-medium text-amber-950">
          {kind === "cancellation"
            ? `${by} asked to cancel the order.`
            : `${by} asked for ${formatCount(request.days ?? 0, "more day", "more days")}.`}
        </p>
        <blockquote className="mt-1 whitespace-pre-line text-amber-950">“{request.reason}”</blockquote>
        {request.expiresAt ? (
          <p className="mt-1 text-sm text-amber-900">
            {kind === "cancellation"
              ? `Without an answer it is accepted automatically on ${formatDateTime(request.expiresAt)}.`
              : `Without an answer it lapses on ${formatDateTime(request.expiresAt)}.`}
          </p>
        ) : null}
        {canAnswer ? (
          <div className="mt-3 flex flex-wrap gap-2">
            <ConfirmButton
              label={kind === "cancellation" ? "Agree to cancel" : "Grant the extra days"}
              question={
                kind === "cancellation"
                  ? "The order will be cancelled and the buyer refunded in full as credits."
                  : "The due time moves by the days asked for."
              }
              confirmLabel={kind === "cancellation" ? "Yes, cancel the order" : "Yes, grant them"}
              pending={
                act.isPending &&
                act.variables.path === `${base}/accept` &&
                "requestId" in act.variables &&
                act.variables.requestId === request.id
              }
              onConfirm={() => act.mutate({ path: `${base}/accept`, requestId: request.id })}
            />
            <ConfirmButton
              label="Decline"
              variant="secondary"
              question={
                kind === "cancellation" ? "The order goes on as it is." : "The due time stays as it is."
              }
              confirmLabel="Yes, decline"
              pending={
                act.isPending &&
                act.variables.path === `${base}/decline` &&
                "requestId" in act.variables &&
                act.variables.requestId === request.id
              }
              onConfirm={() => act.mutate({ path: `${base}/decline`, requestId: request.id })}
            />
          </div>
        ) : mine ? (
          <p className="mt-2 text-sm text-amber-900">Waiting for an answer.</p>
        ) : null}
      </div>
    );
  });

  if (order.viewerRole === "admin") {
    return (
      <Panel
        title="You’re viewing this order as an admin"
        tone={order.status === "disputed" ? "alert" : "calm"}
      >
        {order.dispute ? (
          <p>
            Dispute opened {formatDateTime(order.dispute.at)}: “{order.dispute.reason}”
          </p>
        ) : null}
        {order.status === "disputed" ? (
          <ButtonLink to="/admin/disputes" variant="secondary">
            Resolve it on the disputes page
          </ButtonLink>
        ) : null}
      </Panel>
    );
  }

  const asBuyer = order.viewerRole === "buyer";
  switch (order.status) {
    case "awaiting_requirements":
      return (
        <Panel title={asBuyer ? "Send your requirements" : `Waiting for ${buyer}’s requirements`}>
          <p>
            {asBuyer
              ? `${seller} starts as soon as you answer the questions below. Your payment of ${formatMoney(order.price.total)} is safe in escrow.`
              : "You’ll be told when they arrive. You can also start without them."}
          </p>
          {requests}
          {error}
        </Panel>
      );
    case "in_progress":
      return (
        <Panel
          title={asBuyer ? `${seller} is working on your order` : "Deliver the work"}
          tone={order.isLate ? "alert" : "calm"}
        >
          <p>
            {asBuyer
              ? order.dueAt
                ? `Delivery is due ${formatDateTime(order.dueAt)}. You’ll be notified when it arrives.`
                : "You’ll be notified when the delivery arrives."
              : order.dueAt
                ? `Due ${formatDateTime(order.dueAt)}. Use the delivery form below when the work is ready.`
                : "Use the delivery form below when the work is ready."}
          </p>
          {order.isLate ? (
            <p className="flex items-start gap-2 text-red-900">
              <AlertIcon className="mt-0.5 size-5 shrink-0" />
              {asBuyer
                ? can("late_cancel")
                  ? "The order is more than 24 hours late. You can cancel it now and get a full refund as credits."
                  : "The order is late. If it is still not delivered 24 hours after the due time, you can cancel it for a full refund."
                : "The order is late. Deliver as soon as you can, or ask the buyer for more time."}
            </p>
          ) : null}
          {requests}
          {error}
          {can("late_cancel") ? (
            <ConfirmButton
              label="Cancel order for a full refund"
              variant="danger"
              question={`The order is cancelled and ${formatMoney(order.price.total)} goes back to you as Atelier credits, which you can spend on any service.`}
              confirmLabel="Yes, cancel and refund"
              pending={act.isPending}
              onConfirm={() => act.mutate({ path: "/cancel" })}
            />
          ) : null}
        </Panel>
      );
    case "delivered":
      return (
        <Panel
          title={asBuyer ? `${seller} delivered your order` : `Waiting for ${buyer} to review the delivery`}
        >
          <p>
            {asBuyer
              ? `Look at the delivery below. Accept it to release the payment to ${seller}, or ask for changes (${revisionsText} left).`
              : `${buyer} can accept it or ask for a revision.`}
            {order.autoCompleteAt
              ? ` Without an answer, the order completes by itself on ${formatDateTime(order.autoCompleteAt)}.`
              : ""}
          </p>
          {requests}
          {error}
          {asBuyer ? (
            <div className="flex flex-wrap items-start gap-3">
              {can("accept") ? (
                <ConfirmButton
                  label="Accept delivery"
                  question={`This completes the order and releases ${formatMoney(order.price.subtotal)} to ${seller}. You can still review and tip afterwards.`}
                  confirmLabel="Yes, accept and pay the seller"
                  pending={act.isPending && act.variables.path === "/accept"}
                  onConfirm={() => act.mutate({ path: "/accept" })}
                />
              ) : null}
              {can("request_revision") ? (
                <ActionForm
                  label="Request a revision"
                  title="What should change?"
                  explanation={`Be specific: ${seller} gets at least one more day. You have ${revisionsText} left.`}
                  textLabel="Revision request"
                  submitLabel="Send revision request"
                  pending={revise.isPending}
                  error={revise.isError ? actionError(revise.error) : null}
                  onSubmit={({ text }) =>
                    revise.mutateAsync({ path: "/revision-requests", body: { message: text } })
                  }
                />
              ) : order.revisionsLeft === 0 ? (
                <p className="text-sm text-stone-700">No revisions are left on this package.</p>
              ) : null}
            </div>
          ) : null}
        </Panel>
      );
    case "completed":
      return (
        <Panel title="Order complete">
          <p>
            {asBuyer
              ? `The payment went to ${seller}. Share how it went: your review helps other buyers.`
              : order.clearedAt
                ? `You earned ${formatMoney(order.price.sellerEarnings)}; it cleared into your available balance on ${formatDate(order.clearedAt)}.`
                : `You earned ${formatMoney(order.price.sellerEarnings)}. ${clearingText(order)}`}
          </p>
          {!asBuyer ? (
            <ButtonLink to="/wallet" variant="secondary">
              Go to your wallet
            </ButtonLink>
          ) : null}
          {error}
        </Panel>
      );
    case "cancelled":
      return (
        <Panel title="Order cancelled">
          <p>
            {order.cancellation?.reason ? `${order.cancellation.reason}. ` : ""}
            {asBuyer
              ? `${formatMoney(order.price.total)} was refunded to your Atelier credits.`
              : "The buyer was refunded in full."}
          </p>
          {asBuyer ? (
            <ButtonLink to="/wallet" variant="secondary">
              See your credits
            </ButtonLink>
          ) : null}
        </Panel>
      );
    case "disputed":
      return (
        <Panel title="This order is in dispute" tone="alert">
          <p>
            An admin will look at the order, the messages and the deliveries, and decide how the payment is
            shared. Add anything that helps in the timeline below.
          </p>
          {order.dispute ? (
            <blockquote className="whitespace-pre-line">“{order.dispute.reason}”</blockquote>
          ) : null}
        </Panel>
      );
    default:
      return null;
  }
}

/** Actions for when things don't go to plan: cancellation, more time, a dispute. */
function MoreActions({ order }: { order: Order }) {
  const extend = useOrderAction(order.id);
  const cancel = useOrderAction(order.id);
  const dispute = useOrderAction(order.id);
  const can = (name: string) => order.actions.includes(name);
  const errorOf = (m: typeof extend) => (m.isError ? actionError(m.error) : null);
  const any = can("request_cancellation") || can("request_extension") || can("open_dispute");
  if (!any) return null;
  return (
    <section
      aria-labelledby="more-actions-title"
      className="rounded-2xl border border-stone-200 bg-white p-5"
    >
      <h2 id="more-actions-title" className="font-semibold text-stone-900">
        Something not going to plan?
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Talk it through in the timeline first; these are here if you need them.
      </p>
      <div className="mt-4 flex flex-col items-start gap-3">
        {can("request_extension") ? (
          <ActionForm
            label="Ask for more time"
            title="Ask for an extension"
            explanation="The buyer accepts or declines; unanswered requests lapse after 4 days."
            textLabel="Why do you need more time?"
            withDays
            submitLabel="Send request"
            pending={extend.isPending}
            error={errorOf(extend)}
            onSubmit={({ text, days }) =>
              extend.mutateAsync({ path: "/extension-requests", body: { days, reason: text } })
            }
          />
        ) : null}
        {can("request_cancellation") ? (
          <ActionForm
            label="Ask to cancel"
            title="Ask to cancel the order"
            explanation="If the other side agrees, or doesn’t answer within 48 hours, the order is cancelled and the buyer refunded in full as credits."
            textLabel="Reason"
            submitLabel="Send cancellation request"
            pending={cancel.isPending}
            error={errorOf(cancel)}
            onSubmit={({ text }) =>
              cancel.mutateAsync({ path: "/cancellation-requests", body: { reason: text } })
            }
          />
        ) : null}
        {can("open_dispute") ? (
          <ActionForm
            label="Open a dispute"
            variant="danger"
            title="Open a dispute"
            explanation="The order is put on hold and an admin decides how the payment is shared. Use this when you can’t agree."
            textLabel="What went wrong?"
            submitLabel="Open dispute"
            submitVariant="danger"
            pending={dispute.isPending}
            error={errorOf(dispute)}
            onSubmit={({ text }) => dispute.mutateAsync({ path: "/disputes", body: { reason: text } })}
          />
        ) : null}
      </div>
    </section>
  );
}

function OrderSummary({ order }: { order: Order }) {
  const selling = order.viewerRole === "seller";
  return (
    <section aria-labelledby="summary-title" className="rounded-2xl border border-stone-200 bg-white p-5">
      <h2 id="summary-title" className="font-semibold text-stone-900">
        Summary
      </h2>
      <p className="mt-3 text-sm text-stone-600">{TIER_LABELS[order.tier]} package</p>
      <p className="font-medium text-stone-900">
        {order.package.name}
        {order.quantity > 1 ? ` × ${order.quantity}` : ""}
      </p>
      {order.package.features.length > 0 ? (
        <ul className="mt-2 list-inside list-disc text-sm text-stone-700">
          {order.package.features.map((feature) => (
            <li key={feature}>{feature}</li>
          ))}
        </ul>
      ) : null}
      {order.extras.length > 0 ? (
        <>
          <p className="mt-3 text-sm text-stone-600">Extras</p>
          <ul className="text-sm text-stone-800">
            {order.extras.map((extra) => (
              <li key={extra.id} className="flex justify-between gap-3">
                <span>{extra.title}</span>
                <span>{formatMoney(extra.price)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <dl className="mt-4 space-y-1.5 border-t border-stone-100 pt-4 text-sm">
        <Row label="Subtotal" value={formatMoney(order.price.subtotal)} />
        {selling ? (
          <Row
            label="Your earnings (after commission)"
            value={formatMoney(order.price.sellerEarnings)}
            strong
          />
        ) : (
          <>
            <Row label="Service fee" value={formatMoney(order.price.serviceFee)} />
            <Row label="Total paid" value={formatMoney(order.price.total)} strong />
          </>
        )}
        <Row
          label="Revisions left"
          value={order.revisionsLeft === null ? "Unlimited" : String(order.revisionsLeft)}
        />
      </dl>
      {order.tips.length > 0 ? (
        <div className="mt-4 border-t border-stone-100 pt-4 text-sm">
          <p className="text-stone-600">Tips</p>
          <ul>
            {order.tips.map((tip) => (
              <li key={tip.id} className="text-stone-800">
                <div className="flex justify-between gap-3">
                  <time dateTime={tip.createdAt}>{formatDate(tip.createdAt)}</time>
                  <span>{formatMoney(tip.amount)}</span>
                </div>
                {/* The buyer paid the tip's service fee on top: shown, as the checkout shows an order's. */}
                {order.viewerRole === "buyer" ? (
                  <p className="text-stone-600">
                    + {formatMoney(tip.serviceFee)} service fee = {formatMoney(tip.total)} paid
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {order.viewerRole === "buyer" &&
      (order.status === "in_progress" ||
        order.status === "awaiting_requirements" ||
        order.status === "delivered") ? (
        <p className="mt-4 flex gap-2 text-sm text-brand-900">
          <ShieldIcon className="size-5 shrink-0 text-brand-700" />
          Your payment is held in escrow until you accept the delivery.
        </p>
      ) : null}
    </section>
  );
}

function Row({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <div
      className={`flex justify-between gap-3 ${strong ? "font-semibold text-stone-900" : "text-stone-700"}`}
    >
      <dt>{label}</dt>
      <dd className="text-right">{value}</dd>
    </div>
  );
}

/** When a completed order's earnings clear, and the seller's clearing period behind it (7 or 14 days). */
function clearingText(order: Order): string {
  if (!order.clearsAt) return "It clears into your available balance after the clearing period.";
  const days =
    order.completedAt === null
      ? null
      : Math.round((Date.parse(order.clearsAt) - Date.parse(order.completedAt)) / 86_400_000);
  return `It clears into your available balance on ${formatDateTime(order.clearsAt)}${days === null ? "" : `, ${formatCount(days, "day", "days")} after completion`}.`;
}

function KeyDates({ order }: { order: Order }) {
  const dates: { label: string; at: string | null }[] = [
    { label: "Placed", at: order.createdAt },
    { label: "Started", at: order.startedAt },
    {
      label: "Due",
      at: order.status === "in_progress" || order.status === "awaiting_requirements" ? order.dueAt : null,
    },
    { label: "Delivered", at: order.deliveredAt },
    { label: "Completed", at: order.completedAt },
    { label: "Cancelled", at: order.cancelledAt },
    { label: "Earnings cleared", at: order.clearedAt },
    { label: "Earnings clear", at: order.clearedAt ? null : order.clearsAt },
  ];
  return (
    <section aria-labelledby="dates-title" className="rounded-2xl border border-stone-200 bg-white p-5">
      <h2 id="dates-title" className="flex items-center gap-2 font-semibold text-stone-900">
        <CalendarIcon className="size-5 text-stone-500" />
        Dates
      </h2>
      <dl className="mt-3 space-y-1.5 text-sm">
        {dates
          .filter((d) => d.at !== null)
          .map((d) => (
            <div key={d.label} className="flex justify-between gap-3 text-stone-700">
              <dt>{d.label}</dt>
              <dd>
                <time dateTime={d.at ?? undefined}>{formatDateTime(d.at ?? "")}</time>
              </dd>
            </div>
          ))}
      </dl>
      <p className="mt-3 flex items-center gap-2 text-sm text-stone-600">
        <ClockIcon className="size-4" />
        {formatCount(order.deliveryDays, "day", "days")} delivery
      </p>
    </section>
  );
}

function OrderSkeleton() {
  return (
    <LoadingRegion label="Loading the order">
      <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="mt-4 h-6 w-28 rounded-full" />
        <Skeleton className="mt-3 h-9 w-3/4" />
        <Skeleton className="mt-3 h-4 w-1/2" />
        <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="space-y-6">
            <Skeleton className="h-36 w-full rounded-2xl" />
            <Skeleton className="h-48 w-full rounded-2xl" />
            <Skeleton className="h-64 w-full rounded-2xl" />
          </div>
          <div className="space-y-6">
            <Skeleton className="h-56 w-full rounded-2xl" />
            <Skeleton className="h-40 w-full rounded-2xl" />
          </div>
        </div>
      </div>
    </LoadingRegion>
  );
}
