import { MoneySchema, type MoneyDto } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { EarningsChart } from "../../components/EarningsChart";
import { ErrorState } from "../../components/ErrorState";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { api, type Parser, read } from "../../lib/api";
import { walletKeys } from "../../lib/orders";

const EARNINGS_DAYS = 90;

const EarningsParser: Parser<{ data: { day: string; amount: MoneyDto }[] }> = {
  parse(body) {
    if (typeof body !== "object" || body === null || !("data" in body) || !Array.isArray(body.data)) {
      throw new Error("not an earnings list");
    }
    return {
      data: body.data.map((item: unknown) => {
        if (typeof item !== "object" || item === null || !("day" in item) || typeof item.day !== "string") {
          throw new Error("not an earnings day");
        }
        return { day: item.day, amount: MoneySchema.parse("amount" in item ? item.amount : undefined) };
      }),
    };
  },
};

export function EarningsSection({ currency }: { currency: string }) {
  const earnings = useQuery({
    queryKey: walletKeys.earnings(EARNINGS_DAYS),
    queryFn: ({ signal }) =>
      read(
        EarningsParser,
        api.GET("/api/wallet/earnings", { params: { query: { days: EARNINGS_DAYS } }, signal }),
      ),
  });
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
