import type { Order } from "@atelier/contracts";
import { ButtonLink } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { AlertIcon } from "../../components/icons";
import { ActionForm } from "../../components/order/ActionForm";
import { ConfirmButton } from "../../components/order/ConfirmButton";
import { actionError, useOrderAction } from "../../components/order/useOrderAction";
import { formatCount, formatDate, formatDateTime, formatMoney } from "../../lib/format";
import { Panel } from "./Panel";

/** What the viewer should know or do now, with the main actions of the moment. */
export function NextStep({ order }: { order: Order }) {
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
    case "in_progress": {
      const current = order.milestones.find((m) => m.status === "in_progress" || m.status === "delivered");
      const unaccepted = {
        amount: order.milestones
          .filter((m) => m.status !== "completed" && m.status !== "cancelled")
          .reduce((sum, m) => sum + m.amount.amount, 0),
        currency: order.price.total.currency,
      };
      if (current)
        return (
          <Panel
            title={
              current.status === "delivered"
                ? asBuyer
                  ? `Milestone ${current.position} is delivered: review it`
                  : `Waiting for ${buyer} to review milestone ${current.position}`
                : asBuyer
                  ? `${seller} is working on milestone ${current.position}`
                  : `Deliver milestone ${current.position}`
            }
            tone={order.isLate ? "alert" : "calm"}
          >
            <p>
              {`“${current.title}”: ${formatMoney(current.amount)} of ${formatMoney(order.price.subtotal)}. `}
              {asBuyer
                ? `Your payment of ${formatMoney(order.price.total)} is in escrow; each milestone you accept releases its share.`
                : "Use the milestone list below to deliver; each accepted milestone pays its share."}
              {current.status === "in_progress" && current.dueAt
                ? ` Milestone ${current.position} is due ${formatDateTime(current.dueAt)}.`
                : ""}
            </p>
            {order.isLate ? (
              <p className="flex items-start gap-2 text-red-900">
                <AlertIcon className="mt-0.5 size-5 shrink-0" />
                {asBuyer
                  ? can("late_cancel")
                    ? `Milestone ${current.position} is more than 24 hours late. You can cancel the order now: the milestones not accepted yet are refunded as credits.`
                    : `Milestone ${current.position} is late. If it is still not delivered 24 hours after its due time, you can cancel the order and get back what the milestones not accepted yet hold.`
                  : `Milestone ${current.position} is late. Deliver it as soon as you can, or ask the buyer for more time.`}
              </p>
            ) : null}
            {requests}
            {error}
            {can("late_cancel") ? (
              <ConfirmButton
                label="Cancel order for a refund"
                variant="danger"
                question={`The order is cancelled. The milestones not accepted yet (${formatMoney(unaccepted)} of the price, with their part of the service fee) go back to you as Atelier credits; accepted milestones stay paid to ${seller}.`}
                confirmLabel="Yes, cancel and refund"
                pending={act.isPending}
                onConfirm={() => act.mutate({ path: "/cancel" })}
              />
            ) : null}
          </Panel>
        );
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
    }
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
            {order.milestones.some((m) => m.status === "completed")
              ? asBuyer
                ? "The milestones not yet accepted were refunded to your Atelier credits; the accepted ones stay paid."
                : "The milestones not yet accepted were refunded to the buyer; what you earned on accepted ones is yours."
              : asBuyer
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

/** When a completed order's earnings clear, and the seller's clearing period behind it (7 or 14 days). */
function clearingText(order: Order): string {
  if (!order.clearsAt) return "It clears into your available balance after the clearing period.";
  const days =
    order.completedAt === null
      ? null
      : Math.round((Date.parse(order.clearsAt) - Date.parse(order.completedAt)) / 86_400_000);
  return `It clears into your available balance on ${formatDateTime(order.clearsAt)}${days === null ? "" : `, ${formatCount(days, "day", "days")} after completion`}.`;
}
