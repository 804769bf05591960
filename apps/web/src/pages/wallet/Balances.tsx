import { type MoneyDto, type Wallet } from "@atelier/contracts";
import { type ReactNode } from "react";
import { CheckIcon, ClockIcon, KeyIcon, ShieldIcon } from "../../components/icons";
import { formatCount, formatMoney } from "../../lib/format";

export function Balances({ wallet, only }: { wallet: Wallet; only?: string[] }) {
  const cards: { label: string; value: MoneyDto; note: string; icon: ReactNode; accent?: boolean }[] = [
    {
      label: "Available",
      value: wallet.available,
      note: "Ready to withdraw",
      icon: <CheckIcon className="size-5" />,
      accent: true,
    },
    {
      label: "Pending clearance",
      value: wallet.pendingClearance,
      note: `Earnings clear ${formatCount(wallet.clearingDays, "day", "days")} after an order completes`,
      icon: <ClockIcon className="size-5" />,
    },
    {
      label: "Credits",
      value: wallet.credits,
      note: "Refunds, spendable at checkout",
      icon: <ShieldIcon className="size-5" />,
    },
    {
      label: "Withdrawn",
      value: wallet.withdrawn,
      note: "Paid out to your bank, all time",
      icon: <KeyIcon className="size-5" />,
    },
  ];
  return (
    <section aria-label="Balances" className="mt-8">
      <ul className={`grid gap-4 ${only ? "max-w-sm" : "sm:grid-cols-2 lg:grid-cols-4"}`}>
        {cards
          .filter((card) => !only || only.includes(card.label))
          .map((card) => (
            <li
              key={card.label}
              aria-label={card.label}
              className={`rounded-2xl border p-5 ${card.accent ? "border-brand-200 bg-brand-50" : "border-stone-200 bg-white"}`}
            >
              <p className="flex items-center gap-2 text-sm font-medium text-stone-700">
                <span className={card.accent ? "text-brand-700" : "text-stone-500"}>{card.icon}</span>
                {card.label}
              </p>
              <p className="mt-2 text-2xl font-semibold text-stone-900">{formatMoney(card.value)}</p>
              <p className="mt-1 text-sm text-stone-600">{card.note}</p>
            </li>
          ))}
      </ul>
    </section>
  );
}
