import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "../../components/ErrorState";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { formatDate, formatMoney } from "../../lib/format";

import { withdrawalsQueryOptions } from "../../lib/wallet";

export function WithdrawalsSection() {
  const withdrawals = useQuery(withdrawalsQueryOptions);
  return (
    <section
      aria-labelledby="withdrawals-title"
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="withdrawals-title" className="text-lg font-semibold text-stone-900">
        Past withdrawals
      </h2>
      <div className="mt-3">
        {withdrawals.isPending ? (
          <LoadingRegion label="Loading withdrawals">
            <Skeleton className="h-10 w-full" />
          </LoadingRegion>
        ) : withdrawals.isError ? (
          <ErrorState
            title="Withdrawals couldn’t load"
            error={withdrawals.error}
            onRetry={() => void withdrawals.refetch()}
            retrying={withdrawals.isFetching}
          />
        ) : withdrawals.data.data.length === 0 ? (
          <p className="text-sm text-stone-600">None yet. Withdrawals you make appear here.</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {withdrawals.data.data.map((w) => (
              <li key={w.id} className="flex items-center justify-between gap-3 py-2.5 text-sm">
                <span>
                  <span className="block text-stone-900">To bank ••{w.destination.accountLast4}</span>
                  <span className="block text-stone-600">
                    <time dateTime={w.createdAt}>{formatDate(w.createdAt)}</time> ·{" "}
                    {w.status === "paid" ? "Paid" : w.status}
                  </span>
                </span>
                <span className="font-semibold text-stone-900 tabular-nums">{formatMoney(w.amount)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
