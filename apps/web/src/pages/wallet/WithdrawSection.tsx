import { WithdrawalSchema, type MoneyDto } from "@atelier/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { CheckIcon } from "../../components/icons";
import { TextField } from "../../components/TextField";
import { api, describeError, isApiError, read } from "../../lib/api";
import { formatCount, formatMoney } from "../../lib/format";
import { amountInputValue, currencyDigits, parseAmount, PaymentAttempt } from "../../lib/orders";
import { textOf } from "../../lib/forms";
import type { Withdrawal } from "../../lib/wallet";
import { walletKeys } from "../../lib/wallet";

/** The server's default ceiling per withdrawal (config `orders.maxWithdrawal`); the server has the last word. */
const MAX_WITHDRAWAL = 500_000;

export function WithdrawSection({ available, clearingDays }: { available: MoneyDto; clearingDays: number }) {
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
