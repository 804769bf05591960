import type { Order } from "@atelier/contracts";
import { CalendarIcon, ClockIcon } from "../../components/icons";
import { formatCount, formatDateTime } from "../../lib/format";

export function KeyDates({ order }: { order: Order }) {
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
