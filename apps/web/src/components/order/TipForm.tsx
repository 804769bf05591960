import { TipQuoteSchema, TipSchema, type MoneyDto, type Order } from "@atelier/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { api, describeError, isApiError, read, type RequestBody } from "../../lib/api";
import { formatMoney } from "../../lib/format";
import { currencyDigits, orderKeys, parseAmount, PaymentAttempt } from "../../lib/orders";
import { Button } from "../Button";
import { FormAlert } from "../FormAlert";
import { walletKeys } from "../../lib/wallet";

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
  const [thanks, setThanks] = useState<{ amount: MoneyDto; serviceFee: MoneyDto; total: MoneyDto } | null>(
    null,
  );
  const attempt = useRef(new PaymentAttempt());

  // The fee is shown before paying: quoted by the server with the same rule the payment charges.
  const typed = preset ?? parseAmount(amountText, currencyDigits(currency));
  const [quoted, setQuoted] = useState<number | null>(typed);
  useEffect(() => {
    const timer = window.setTimeout(() => setQuoted(typed), preset === null ? 350 : 0);
    return () => window.clearTimeout(timer);
  }, [typed, preset]);
  const quotable = quoted !== null && quoted >= 100 && quoted <= 100_000;
  const quote = useQuery({
    queryKey: [...orderKeys.detail(order.id), "tip-quote", quoted],
    queryFn: () =>
      read(
        TipQuoteSchema,
        api.POST("/api/orders/{id}/tips/quote", {
          params: { path: { id: order.id } },
          body: { amount: { amount: quoted ?? 0, currency } },
        }),
      ),
    enabled: quotable,
    placeholderData: keepPreviousData,
  });

  const tip = useMutation({
    mutationFn: (body: RequestBody<"/api/orders/{id}/tips", "post">) =>
      read(
        TipSchema,
        api.POST("/api/orders/{id}/tips", {
          params: { path: { id: order.id }, header: { "Idempotency-Key": attempt.current.keyFor(body) } },
          body,
        }),
      ),
    onMutate: () => setFormError(null),
    onSuccess: (paid) => {
      attempt.current.settle(null);
      setThanks({ amount: paid.amount, serviceFee: paid.serviceFee, total: paid.total });
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
        You tipped {formatMoney(thanks.amount)}. With the {formatMoney(thanks.serviceFee)} service fee,{" "}
        {formatMoney(thanks.total)} was charged. {order.seller.displayName} will be glad to hear it.{" "}
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
          The seller keeps the tip minus the usual commission; a service fee is added to what you pay.
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
      <TipPrice
        loading={quotable && (quote.isPending || quote.isFetching || quoted !== typed)}
        failed={quotable && quote.isError}
        quote={quotable && quoted === typed ? (quote.data ?? null) : null}
      />
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

/** The tip, its service fee and the total the buyer pays, before paying. */
function TipPrice({
  quote,
  loading,
  failed,
}: {
  quote: { amount: MoneyDto; serviceFee: MoneyDto; total: MoneyDto } | null;
  loading: boolean;
  failed: boolean;
}) {
  return (
    <div aria-live="polite" aria-busy={loading} className="rounded-xl bg-stone-50 p-3 text-sm">
      {quote && !loading ? (
        <dl className="space-y-1">
          <div className="flex justify-between gap-3 text-stone-700">
            <dt>Tip</dt>
            <dd>{formatMoney(quote.amount)}</dd>
          </div>
          <div className="flex justify-between gap-3 text-stone-700">
            <dt>Service fee</dt>
            <dd>{formatMoney(quote.serviceFee)}</dd>
          </div>
          <div className="flex justify-between gap-3 font-semibold text-stone-900">
            <dt>You pay</dt>
            <dd>{formatMoney(quote.total)}</dd>
          </div>
        </dl>
      ) : loading ? (
        <p className="text-stone-600">Working out the service fee…</p>
      ) : failed ? (
        <p className="text-red-700">The service fee couldn’t be worked out. You can still send the tip.</p>
      ) : (
        <p className="text-stone-600">Choose an amount to see the service fee and what you pay.</p>
      )}
    </div>
  );
}
