import type { Order, OrderMilestone } from "@atelier/contracts";
import { useRef } from "react";
import { formatCount, formatDateTime, formatMoney } from "../../lib/format";
import { ActionForm } from "./ActionForm";
import { ConfirmButton } from "./ConfirmButton";
import { DeliverForm } from "./DeliveriesSection";
import { actionError, useOrderAction } from "./useOrderAction";

const STATUS_TEXT: Record<OrderMilestone["status"], string> = {
  pending: "Not started",
  in_progress: "In progress",
  delivered: "Delivered",
  completed: "Accepted",
  cancelled: "Cancelled",
};

const STATUS_STYLE: Record<OrderMilestone["status"], string> = {
  pending: "bg-stone-100 text-stone-800",
  in_progress: "bg-sky-50 text-sky-900",
  delivered: "bg-violet-50 text-violet-900",
  completed: "bg-emerald-50 text-emerald-900",
  cancelled: "bg-red-50 text-red-900",
};

/**
 * The progress of an order paid in milestones: each one with its status and amount, and the
 * viewer's actions on it — the seller delivers the one in progress, the buyer accepts it (its share
 * goes to the seller) or asks for a revision.
 */
export function MilestonesSection({ order }: { order: Order }) {
  if (order.milestones.length === 0) return null;
  const done = order.milestones.filter((m) => m.status === "completed").length;
  return (
    <section
      aria-labelledby="milestones-title"
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="milestones-title" className="text-lg font-semibold text-stone-900">
        Milestones
      </h2>
      <p className="mt-1 text-sm text-stone-700">
        {done} of {order.milestones.length} accepted. Each milestone is delivered and accepted on its own;
        accepting one releases its share to the seller.
      </p>
      <ol className="mt-4 space-y-3">
        {order.milestones.map((m) => (
          <MilestoneItem key={m.id} order={order} milestone={m} />
        ))}
      </ol>
    </section>
  );
}

function MilestoneItem({ order, milestone: m }: { order: Order; milestone: OrderMilestone }) {
  const act = useOrderAction(order.id);
  const revise = useOrderAction(order.id);
  // One key per acceptance of this milestone: a retry after a lost answer replays it.
  const key = useRef(crypto.randomUUID());
  const seller = order.seller.displayName;
  const can = (name: string) => m.actions.includes(name);
  const revisionsText =
    m.revisionsLeft === null ? "unlimited revisions" : formatCount(m.revisionsLeft, "revision", "revisions");
  const asSeller = order.viewerRole === "seller";
  return (
    <li className="rounded-xl border border-stone-200 p-4" aria-label={`Milestone ${m.position}: ${m.title}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-medium text-stone-900">
          {m.position}. {m.title}
          <span className={`ml-2 rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[m.status]}`}>
            {STATUS_TEXT[m.status]}
          </span>
        </p>
        <p className="text-sm font-semibold tabular-nums text-stone-900">
          {formatMoney(asSeller ? m.sellerEarnings : m.amount)}
          {asSeller ? <span className="ml-1 font-normal text-stone-600">after commission</span> : null}
        </p>
      </div>
      <p className="mt-1 text-sm text-stone-700">
        {m.status === "pending"
          ? `${formatCount(m.deliveryDays, "day", "days")} once the milestone before it is accepted.`
          : m.status === "in_progress" && m.dueAt
            ? `Due ${formatDateTime(m.dueAt)}.`
            : m.status === "delivered" && m.autoAcceptAt
              ? `Accepted by itself on ${formatDateTime(m.autoAcceptAt)} without an answer.`
              : m.status === "completed" && m.completedAt
                ? `Accepted ${formatDateTime(m.completedAt)}${
                    asSeller && m.clearsAt && !m.clearedAt ? `; clears ${formatDateTime(m.clearsAt)}` : ""
                  }.`
                : m.status === "cancelled"
                  ? "Refunded to the buyer."
                  : ""}
      </p>
      {act.isError ? <p className="mt-2 text-sm text-red-800">{actionError(act.error)}</p> : null}
      {can("deliver") ? <DeliverForm order={order} milestone={m} /> : null}
      {can("accept") || can("request_revision") ? (
        <div className="mt-3 flex flex-wrap items-start gap-3">
          {can("accept") ? (
            <ConfirmButton
              label={`Accept milestone ${m.position}`}
              question={`This releases ${formatMoney(m.amount)} to ${seller}${
                m.position < order.milestones.length
                  ? " and starts the next milestone"
                  : " and completes the order"
              }.`}
              confirmLabel="Yes, accept and pay"
              pending={act.isPending}
              onConfirm={() =>
                act.mutate({
                  path: "/milestones/{milestoneId}/accept",
                  milestoneId: m.id,
                  key: key.current,
                })
              }
            />
          ) : null}
          {can("request_revision") ? (
            <ActionForm
              label="Request a revision"
              title="What should change?"
              explanation={`Be specific: ${seller} gets at least one more day. This milestone has ${revisionsText} left.`}
              textLabel="Revision request"
              submitLabel="Send revision request"
              pending={revise.isPending}
              error={revise.isError ? actionError(revise.error) : null}
              onSubmit={({ text }) =>
                revise.mutateAsync({
                  path: "/milestones/{milestoneId}/revision-requests",
                  milestoneId: m.id,
                  body: { message: text },
                })
              }
            />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
