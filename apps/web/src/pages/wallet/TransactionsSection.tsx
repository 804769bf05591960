import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { formatDateTime, formatMoney } from "../../lib/format";

import type { WalletLine } from "../../lib/wallet";
import { transactionsQueryOptions } from "../../lib/wallet";

const ACCOUNT_LABELS: Record<WalletLine["account"], string> = {
  available: "Available",
  pending_clearance: "Pending",
  credits: "Credits",
};

/** A line of the ledger in words, by what happened and which balance it touched. */
function describeLine(line: WalletLine): string {
  const incoming = line.amount.amount > 0;
  switch (line.kind) {
    case "capture":
      return "Paid for an order with credits";
    case "release":
      return "Earnings from a completed order";
    case "clearing":
      return incoming ? "Earnings cleared, ready to withdraw" : "Earnings cleared from pending";
    case "refund":
      return "Refund of a cancelled order";
    case "split":
      return incoming && line.account === "credits"
        ? "Partial refund after a dispute"
        : "Earnings after a dispute";
    case "tip":
      return incoming ? "Tip received" : "Tip paid with credits";
    case "withdrawal":
      return "Withdrawal";
    default:
      return line.kind.replace(/_/g, " ");
  }
}

export function TransactionsSection() {
  const lines = useInfiniteQuery(transactionsQueryOptions);
  const rows = lines.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section
      aria-labelledby="transactions-title"
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="transactions-title" className="text-lg font-semibold text-stone-900">
        Transactions
      </h2>
      <div className="mt-4">
        {lines.isPending ? (
          <LoadingRegion label="Loading transactions">
            <div className="space-y-3">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} className="h-10 w-full" />
              ))}
            </div>
          </LoadingRegion>
        ) : lines.isError ? (
          <ErrorState
            title="Transactions couldn’t load"
            error={lines.error}
            onRetry={() => void lines.refetch()}
            retrying={lines.isFetching}
          />
        ) : rows.length === 0 ? (
          <EmptyState title="No transactions yet">
            <p>
              Payments, earnings, refunds and withdrawals appear here as they happen.{" "}
              <Link to="/search" className="font-medium text-brand-800 underline">
                Find a service
              </Link>{" "}
              to place your first order.
            </p>
          </EmptyState>
        ) : (
          <>
            <ul className="divide-y divide-stone-100">
              {rows.map((line) => (
                <li key={line.id} className="flex items-center justify-between gap-4 py-3">
                  <div className="min-w-0">
                    <p className="text-stone-900">{describeLine(line)}</p>
                    <p className="text-sm text-stone-600">
                      <time dateTime={line.createdAt}>{formatDateTime(line.createdAt)}</time>
                      {" · "}
                      {ACCOUNT_LABELS[line.account]}
                      {line.memo ? ` · ${line.memo}` : ""}
                      {line.orderId ? (
                        <>
                          {" · "}
                          <Link
                            to="/orders/$orderId"
                            params={{ orderId: line.orderId }}
                            className="text-brand-800 underline"
                          >
                            Order
                          </Link>
                        </>
                      ) : null}
                    </p>
                  </div>
                  <p
                    className={`shrink-0 font-semibold tabular-nums ${line.amount.amount > 0 ? "text-brand-700" : "text-stone-900"}`}
                  >
                    {line.amount.amount > 0 ? "+" : "−"}
                    {formatMoney({ ...line.amount, amount: Math.abs(line.amount.amount) })}
                  </p>
                </li>
              ))}
            </ul>
            {lines.hasNextPage ? (
              <Button
                className="mt-4"
                variant="secondary"
                loading={lines.isFetchingNextPage}
                onClick={() => void lines.fetchNextPage()}
              >
                Show older transactions
              </Button>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
