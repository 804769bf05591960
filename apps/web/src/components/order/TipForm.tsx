import type { MoneyDto, Order } from "@atelier/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { anything, describeError, isApiError } from "../../lib/api";
import { formatMoney } from "../../lib/format";
import {
  currencyDigits,
  orderKeys,
  parseAmount,
  PaymentAttempt,
  postIdempotent,
  walletKeys,
} from "../../lib/orders";
import { Button } from "../Button";
import { FormAlert } from "../FormAlert";

const PRESETS = [500, 1000, 2000];

/** A thank-you on top of a completed order: 1.00 to 1,000.00, paid by test card or credits. */
export function TipForm({ order }: { order: Order }) {
  const queryClient = useQueryClient();
  const id = useId();
  const currency = order.price.total.currency;
  const [amountText, setAmountText] = useState("");
  const [preset, setPreset] = useState<number | null>(PRESETS[1] ?? null);
  const [method, setMethod] = useState<"card" | "balance">("card");
  const [amountError, setAmountError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [thanks, setThanks] = useState<MoneyDto | null>(null);
  const attempt = useRef(new PaymentAttempt());

  const tip = useMutation({
    mutationFn: (body: { amount: MoneyDto; payment: unknown }) =>
      postIdempotent(
        `/api/orders/${encodeURIComponent(order.id)}/tips`,
        body,
        attempt.current.keyFor(body),
        anything,
      ),
    onMutate: () => setFormError(null),
    onSuccess: (_data, body) => {
      attempt.current.settle(null);
      setThanks(body.amount);
      void queryClient.invalidateQueries({ queryKey: orderKeys.detail(order.id) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.timeline(order.id) });
      void queryClient.invalidateQueries({ queryKey: walletKeys.all });
    },
    onError: (error) => {
      attempt.current.settle(error);
      if (isApiError(error) && (error.code === "card_declined" || error.code === "insufficient_funds")) {
        setFormError(
          error.code === "card_declined"
            ? "The card was declined. Try another payment method."
            : "There isn’t enough money for this tip. Try another payment method.",
        );
      } else setFormError(describeError(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const amount = preset ?? parseAmount(amountText, currencyDigits(currency));
    if (amount === null || amount < 100 || amount > 100_000) {
      setAmountError(
        `Enter an amount from ${formatMoney({ amount: 100, currency })} to ${formatMoney({ amount: 100_000, currency })}.`,
      );
      return;
    }
    setAmountError(undefined);
    tip.mutate({
      amount: { amount, currency },
      payment: method === "card" ? { method: "card", token: "tok_visa" } : { method: "balance" },
    });
  }

  if (thanks) {
    return (
      <p role="status" className="rounded-xl bg-brand-50 p-4 text-sm text-brand-900">
        You tipped {formatMoney(thanks)}. {order.seller.displayName} will be glad to hear it.{" "}
        <button type="button" className="font-medium underline" onClick={() => setThanks(null)}>
          Tip again
        </button>
      </p>
    );
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`} className="space-y-4">
      <div>
        <h3 id={`${id}-title`} className="font-semibold text-stone-900">
          Leave a tip
        </h3>
        <p className="mt-1 text-sm text-stone-600">
          The seller keeps the tip minus the usual commission; a service fee is added at payment.
        </p>
      </div>
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <fieldset>
        <legend className="sr-only">Tip amount</legend>
        <div className="flex flex-wrap gap-2">
          {PRESETS.map((amount) => (
            <label
              key={amount}
              className="relative cursor-pointer rounded-full border border-stone-300 bg-white px-4 py-1.5 text-sm font-medium has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
            >
              <input
                type="radio"
                name="tipPreset"
                className="absolute inset-0 m-0 size-full cursor-pointer appearance-none opacity-0"
                checked={preset === amount}
                onChange={() => setPreset(amount)}
              />
              {formatMoney({ amount, currency }, { compact: true })}
            </label>
          ))}
          <label className="relative cursor-pointer rounded-full border border-stone-300 bg-white px-4 py-1.5 text-sm font-medium has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600">
            <input
              type="radio"
              name="tipPreset"
              className="absolute inset-0 m-0 size-full cursor-pointer appearance-none opacity-0"
              checked={preset === null}
              onChange={() => setPreset(null)}
            />
            Other
          </label>
        </div>
      </fieldset>
      {preset === null ? (
        <div className="space-y-1.5">
          <label htmlFor={`${id}-amount`} className="block text-sm font-medium text-stone-800">
            Amount ({currency})
          </label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            value={amountText}
            onChange={(event) => setAmountText(event.currentTarget.value)}
            aria-invalid={amountError ? true : undefined}
            aria-describedby={amountError ? `${id}-amount-error` : undefined}
            className="h-11 w-36 rounded-xl border border-stone-300 px-3.5 text-base"
          />
        </div>
      ) : null}
      {amountError ? (
        <p id={`${id}-amount-error`} className="text-sm font-medium text-red-700">
          {amountError}
        </p>
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Pay with</legend>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2 text-sm text-stone-800">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="tipMethod"
              checked={method === "card"}
              onChange={() => setMethod("card")}
              className="accent-brand-700"
            />
            Test card (Visa 4242, sandbox)
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="tipMethod"
              checked={method === "balance"}
              onChange={() => setMethod("balance")}
              className="accent-brand-700"
            />
            Atelier credits
          </label>
        </div>
      </fieldset>
      <Button type="submit" variant="secondary" loading={tip.isPending}>
        Send tip
      </Button>
    </form>
  );
}
