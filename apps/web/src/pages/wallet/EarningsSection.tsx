import { useQuery } from "@tanstack/react-query";
import { EarningsChart } from "../../components/EarningsChart";
import { ErrorState } from "../../components/ErrorState";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { earningsQueryOptions } from "../../lib/wallet";

const EARNINGS_DAYS = 90;

export function EarningsSection({ currency }: { currency: string }) {
  const earnings = useQuery(earningsQueryOptions(EARNINGS_DAYS));
  return (
    <section
      aria-labelledby="earnings-title"
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id="earnings-title" className="text-lg font-semibold text-stone-900">
        Earnings over time
      </h2>
      <div className="mt-3">
        {earnings.isPending ? (
          <LoadingRegion label="Loading earnings">
            <Skeleton className="h-4 w-1/2" />
            <Skeleton className="mt-4 h-44 w-full rounded-xl" />
          </LoadingRegion>
        ) : earnings.isError ? (
          <ErrorState
            title="Earnings couldn’t load"
            error={earnings.error}
            onRetry={() => void earnings.refetch()}
            retrying={earnings.isFetching}
          />
        ) : (
          <EarningsChart data={earnings.data.data} days={EARNINGS_DAYS} currency={currency} />
        )}
      </div>
    </section>
  );
}
