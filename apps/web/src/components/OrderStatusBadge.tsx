import type { OrderStatus } from "@atelier/contracts";
import { STATUS_LABELS } from "../lib/orders";

const STYLES: Record<OrderStatus, string> = {
  awaiting_requirements: "border-amber-300 bg-amber-50 text-amber-900",
  in_progress: "border-sky-200 bg-sky-50 text-sky-900",
  delivered: "border-violet-200 bg-violet-50 text-violet-900",
  completed: "border-brand-200 bg-brand-50 text-brand-800",
  cancelled: "border-stone-300 bg-stone-100 text-stone-700",
  disputed: "border-red-200 bg-red-50 text-red-800",
};

/** The order's status in words, with a calm tint per state; "Late" is a flag shown beside it. */
export function OrderStatusBadge({ status, isLate = false }: { status: OrderStatus; isLate?: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span
        className={`inline-flex items-center rounded-full border px-2.5 py-0.5 text-xs font-semibold ${STYLES[status]}`}
      >
        {STATUS_LABELS[status]}
      </span>
      {isLate && (status === "in_progress" || status === "awaiting_requirements") ? (
        <span className="inline-flex items-center rounded-full border border-red-300 bg-red-50 px-2.5 py-0.5 text-xs font-semibold text-red-800">
          Late
        </span>
      ) : null}
    </span>
  );
}
