import { type Wallet } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";
import { useId } from "react";
import { formatCount, formatDateTime, formatMoney } from "../../lib/format";

/** What is pending clearance, order by order, with the date each amount becomes available. */
export function ClearingSection({ wallet }: { wallet: Wallet }) {
  const id = useId();
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold text-stone-900">
        Clearing
      </h2>
      <p className="mt-2 text-sm text-stone-700">
        Your clearing period is {formatCount(wallet.clearingDays, "day", "days")}: the earnings of an order
        become available that long after it completes.
      </p>
      {wallet.clearing.length === 0 ? (
        <p className="mt-3 text-sm text-stone-600">Nothing is waiting to clear.</p>
      ) : (
        <ul className="mt-3 divide-y divide-stone-100">
          {wallet.clearing.map((item) => (
            <li
              key={item.tipId ?? item.milestoneId ?? item.orderId}
              className="flex items-start justify-between gap-3 py-2.5 text-sm"
            >
              <div className="min-w-0">
                <Link
                  to="/orders/$orderId"
                  params={{ orderId: item.orderId }}
                  className="block font-medium break-words text-brand-800 underline"
                >
                  {item.tipId
                    ? `Tip on ${item.gigTitle}`
                    : item.milestoneTitle
                      ? `${item.gigTitle} · milestone “${item.milestoneTitle}”`
                      : item.gigTitle}
                </Link>
                <p className="text-stone-600">
                  Clears <time dateTime={item.clearsAt}>{formatDateTime(item.clearsAt)}</time>
                </p>
              </div>
              <p className="shrink-0 font-semibold tabular-nums text-stone-900">{formatMoney(item.amount)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
