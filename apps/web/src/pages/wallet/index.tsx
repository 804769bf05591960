import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "../../components/ErrorState";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";

import { useMe } from "../../lib/session";
import { usePageTitle } from "../../lib/usePageTitle";
import { WalletView } from "./WalletView";
import { walletQueryOptions } from "../../lib/wallet";

export function WalletPage() {
  usePageTitle("Wallet");
  const me = useMe();
  const wallet = useQuery(walletQueryOptions);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-12">
      <p className="text-sm font-medium text-stone-600">Money</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Wallet
      </h1>
      <p className="mt-2 max-w-2xl text-stone-600">
        Earnings from completed orders wait in pending clearance for your clearing period, then can be
        withdrawn. Refunds come back as credits you can spend at checkout.
      </p>

      {wallet.isPending ? (
        <LoadingRegion label="Loading balances">
          <div className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-32 rounded-2xl" />
            ))}
          </div>
        </LoadingRegion>
      ) : wallet.isError ? (
        <ErrorState
          className="mt-8"
          title="Your wallet couldn’t load"
          error={wallet.error}
          onRetry={() => void wallet.refetch()}
          retrying={wallet.isFetching}
        />
      ) : (
        <WalletView wallet={wallet.data} isSeller={me.data?.isSeller ?? false} />
      )}
    </div>
  );
}
