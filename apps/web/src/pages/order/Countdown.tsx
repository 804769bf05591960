import type { Order } from "@atelier/contracts";
import { useEffect, useState } from "react";
import { formatCount, formatDate, formatDateTime } from "../../lib/format";
import { formatDuration } from "../../lib/orders";

/** The clock for countdowns: re-renders every 30 seconds. */
function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The one time that matters now: when the work is due, or when a delivery completes by itself. */
export function Countdown({ order }: { order: Order }) {
  const now = useNow();
  let label: string;
  let value: string;
  let detail: string | null = null;
  let tone: "calm" | "alert" = "calm";
  // An order paid in milestones is due (and late) milestone by milestone: the one in progress.
  const current = order.milestones.find((m) => m.status === "in_progress");
  const waiting = order.milestones.find((m) => m.status === "delivered");
  const dueAt = order.milestones.length > 0 ? (current?.dueAt ?? null) : order.dueAt;
  if (order.status === "awaiting_requirements") {
    label = "Delivery time";
    value = formatCount(order.deliveryDays, "day", "days");
    detail = "Starts when the requirements are in";
  } else if (order.status === "in_progress" && waiting?.autoAcceptAt) {
    // An order in milestones whose current milestone waits for the buyer.
    const left = new Date(waiting.autoAcceptAt).getTime() - now.getTime();
    label = `Milestone ${waiting.position} accepted automatically in`;
    value = left > 0 ? formatDuration(left) : "moments";
    detail = formatDateTime(waiting.autoAcceptAt);
  } else if (order.status === "in_progress" && dueAt) {
    const left = new Date(dueAt).getTime() - now.getTime();
    if (order.isLate || left <= 0) {
      tone = "alert";
      label = current ? `Milestone ${current.position} late` : "Late";
      value = left < 0 ? `${formatDuration(-left)} overdue` : "Overdue";
      detail = `Was due ${formatDateTime(dueAt)}`;
    } else {
      label = current ? `Milestone ${current.position} due in` : "Due in";
      value = formatDuration(left);
      detail = formatDateTime(dueAt);
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
