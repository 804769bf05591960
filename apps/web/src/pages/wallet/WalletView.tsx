import { type Wallet } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";
import { Balances } from "./Balances";
import { ClearingSection } from "./ClearingSection";
import { EarningsSection } from "./EarningsSection";
import { TransactionsSection } from "./TransactionsSection";
import { WithdrawSection } from "./WithdrawSection";
import { WithdrawalsSection } from "./WithdrawalsSection";

/** Sellers see their earnings and the withdraw form; buyers, who only hold credits, a shorter page. */
export function WalletView({ wallet, isSeller }: { wallet: Wallet; isSeller: boolean }) {
  const earns =
    isSeller ||
    wallet.available.amount > 0 ||
    wallet.pendingClearance.amount > 0 ||
    wallet.withdrawn.amount > 0;
  if (!earns) {
    return (
      <>
        <Balances wallet={wallet} only={["Credits"]} />
        <p className="mt-4 max-w-2xl text-sm text-stone-600">
          Spend your credits on any service: choose “Atelier credits” as the payment method at checkout.{" "}
          <Link to="/search" className="font-medium text-brand-800 underline">
            Find a service
          </Link>
        </p>
        <div className="mt-8">
          <TransactionsSection />
        </div>
      </>
    );
  }
  return (
    <>
      <Balances wallet={wallet} />
      <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <div className="min-w-0 space-y-6">
          <EarningsSection currency={wallet.available.currency} />
          <TransactionsSection />
        </div>
        <div className="min-w-0 space-y-6">
          <ClearingSection wallet={wallet} />
          <WithdrawSection available={wallet.available} clearingDays={wallet.clearingDays} />
          <WithdrawalsSection />
        </div>
      </div>
    </>
  );
}
