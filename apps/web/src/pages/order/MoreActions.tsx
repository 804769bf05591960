import type { Order } from "@atelier/contracts";
import { ActionForm } from "../../components/order/ActionForm";
import { actionError, useOrderAction } from "../../components/order/useOrderAction";

/** Actions for when things don't go to plan: cancellation, more time, a dispute. */
export function MoreActions({ order }: { order: Order }) {
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
