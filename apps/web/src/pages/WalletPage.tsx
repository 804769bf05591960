import {
  MoneySchema,
  pageOf,
  WalletLineSchema,
  WalletSchema,
  WithdrawalSchema,
  type MoneyDto,
  type Wallet,
} from "@atelier/contracts";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "../components/Button";
import { EarningsChart } from "../components/EarningsChart";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { CheckIcon, ClockIcon, KeyIcon, ShieldIcon } from "../components/icons";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { TextField } from "../components/TextField";
import { api, describeError, isApiError, type Parser, read } from "../lib/api";
import { formatCount, formatDate, formatDateTime, formatMoney } from "../lib/format";
import { amountInputValue, currencyDigits, parseAmount, PaymentAttempt, walletKeys } from "../lib/orders";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";
import { textOf } from "../lib/forms";

type WalletLine = ReturnType<typeof WalletLineSchema.parse>;
type Withdrawal = ReturnType<typeof WithdrawalSchema.parse>;

const EARNINGS_DAYS = 90;
/** The server's default ceiling per withdrawal (config `orders.maxWithdrawal`); the server has the last word. */
const MAX_WITHDRAWAL = 500_000;

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

const WithdrawalListParser: Parser<{ data: Withdrawal[] }> = {
  parse(body) {
    if (typeof body !== "object" || body === null || !("data" in body) || !Array.isArray(body.data)) {
      throw new Error("not a withdrawal list");
    }
    return { data: body.data.map((item) => WithdrawalSchema.parse(item)) };
  },
};

export function WalletPage() {
  usePageTitle("Wallet");
  const me = useMe();
  const wallet = useQuery({
    queryKey: walletKeys.balances,
    queryFn: ({ signal }) => read(WalletSchema, api.GET("/api/wallet", { signal })),
  });

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

/** Sellers see their earnings and the withdraw form; buyers, who only hold credits, a shorter page. */
function WalletView({ wallet, isSeller }: { wallet: Wallet; isSeller: boolean }) {
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

function Balances({ wallet, only }: { wallet: Wallet; only?: string[] }) {
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

function EarningsSection({ currency }: { currency: string }) {
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

function TransactionsSection() {
  const lines = useInfiniteQuery({
    queryKey: walletKeys.transactions,
    queryFn: ({ pageParam, signal }) =>
      read(
        pageOf(WalletLineSchema),
        api.GET("/api/wallet/transactions", {
          params: { query: { limit: 20, cursor: pageParam || undefined } },
          signal,
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
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

/** What is pending clearance, order by order, with the date each amount becomes available. */
function ClearingSection({ wallet }: { wallet: Wallet }) {
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
              key={item.tipId ?? item.orderId}
              className="flex items-start justify-between gap-3 py-2.5 text-sm"
            >
              <div className="min-w-0">
                <Link
                  to="/orders/$orderId"
                  params={{ orderId: item.orderId }}
                  className="block font-medium break-words text-brand-800 underline"
                >
                  {item.tipId ? `Tip on ${item.gigTitle}` : item.gigTitle}
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

function WithdrawSection({ available, clearingDays }: { available: MoneyDto; clearingDays: number }) {
  const queryClient = useQueryClient();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const attempt = useRef(new PaymentAttempt());
  const [amountText, setAmountText] = useState("");
  const [errors, setErrors] = useState<{ amount?: string; accountLast4?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<Withdrawal | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const currency = available.currency;
  const limit = Math.min(available.amount, MAX_WITHDRAWAL);

  const withdraw = useMutation({
    mutationFn: (body: { amount: MoneyDto; destination: { kind: "bank"; accountLast4: string } }) =>
      read(
        WithdrawalSchema,
        api.POST("/api/wallet/withdrawals", {
          params: { header: { "Idempotency-Key": attempt.current.keyFor(body) } },
          body,
        }),
      ),
    onMutate: () => setFormError(null),
    onSuccess: (withdrawal) => {
      attempt.current.settle(null);
      setDone(withdrawal);
      setAmountText("");
      formRef.current?.reset();
      // The form is disabled once nothing is left: keep keyboard focus on the confirmation.
      requestAnimationFrame(() => doneRef.current?.focus());
      void queryClient.invalidateQueries({ queryKey: walletKeys.all });
    },
    onError: (error) => {
      attempt.current.settle(error);
      if (isApiError(error, 409) && error.code === "withdrawal_limit") {
        setFormError("You can withdraw once every 24 hours. Please try again tomorrow.");
      } else if (isApiError(error, 409) && error.code === "insufficient_funds") {
        setFormError("That’s more than your available balance.");
        void queryClient.invalidateQueries({ queryKey: walletKeys.balances });
      } else {
        setFormError(describeError(error));
      }
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const last4 = textOf(new FormData(event.currentTarget), "accountLast4").trim();
    const amount = parseAmount(amountText, currencyDigits(currency));
    const next: { amount?: string; accountLast4?: string } = {};
    if (amount === null || amount <= 0) next.amount = "Enter an amount, such as 25.00.";
    else if (amount > available.amount) next.amount = `You have ${formatMoney(available)} available.`;
    else if (amount > MAX_WITHDRAWAL)
      next.amount = `At most ${formatMoney({ amount: MAX_WITHDRAWAL, currency })} per withdrawal.`;
    if (!/^\d{4}$/.test(last4)) next.accountLast4 = "Enter the last 4 digits of your bank account.";
    setErrors(next);
    if (next.amount || next.accountLast4 || amount === null) {
      const field = next.amount ? "amount" : "accountLast4";
      const element = formRef.current?.elements.namedItem(field);
      if (element instanceof HTMLElement) element.focus();
      return;
    }
    withdraw.mutate({ amount: { amount, currency }, destination: { kind: "bank", accountLast4: last4 } });
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold text-stone-900">
        Withdraw
      </h2>
      {available.amount <= 0 ? (
        <p className="mt-2 text-sm text-stone-700">
          Nothing to withdraw yet. Earnings become available {formatCount(clearingDays, "day", "days")} after
          an order completes.
        </p>
      ) : (
        <p className="mt-2 text-sm text-stone-700">
          {formatMoney(available)} available. One withdrawal per 24 hours, up to{" "}
          {formatMoney({ amount: MAX_WITHDRAWAL, currency })} each.
        </p>
      )}
      {done ? (
        <p
          ref={doneRef}
          tabIndex={-1}
          role="status"
          className="mt-4 flex gap-2 rounded-xl bg-brand-50 p-3 text-sm text-brand-900"
        >
          <CheckIcon className="size-5 shrink-0" />
          {formatMoney(done.amount)} is on its way to your bank account ending {done.destination.accountLast4}
          .
        </p>
      ) : null}
      <form ref={formRef} noValidate onSubmit={onSubmit} className="mt-4 space-y-4">
        {formError ? <FormAlert>{formError}</FormAlert> : null}
        <div className="space-y-1.5">
          <TextField
            label={`Amount (${currency})`}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(event) => {
              setAmountText(event.currentTarget.value);
              setErrors((e) => ({ ...e, amount: undefined }));
            }}
            error={errors.amount}
            disabled={available.amount <= 0}
          />
          {limit > 0 ? (
            <button
              type="button"
              className="text-sm font-medium text-brand-800 underline"
              onClick={() => setAmountText(amountInputValue({ amount: limit, currency }))}
            >
              Withdraw {formatMoney({ amount: limit, currency })}
              {limit < available.amount ? " (the most per withdrawal)" : " (everything)"}
            </button>
          ) : null}
        </div>
        <TextField
          label="Bank account (last 4 digits)"
          name="accountLast4"
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          hint="Sandbox payouts: no real money moves."
          error={errors.accountLast4}
          className="w-28"
          disabled={available.amount <= 0}
        />
        <Button type="submit" loading={withdraw.isPending} disabled={available.amount <= 0}>
          Withdraw
        </Button>
      </form>
    </section>
  );
}

function WithdrawalsSection() {
  const withdrawals = useQuery({
    queryKey: walletKeys.withdrawals,
    queryFn: ({ signal }) => read(WithdrawalListParser, api.GET("/api/wallet/withdrawals", { signal })),
  });
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
