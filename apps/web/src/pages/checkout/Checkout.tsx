import { OrderSchema, QuoteSchema, type Gig, type LicenceKind, type PackageTier } from "@atelier/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { CheckIcon } from "../../components/icons";
import { api, describeError, isApiError, read, type RequestBody } from "../../lib/api";
import { formatCount, formatMoney } from "../../lib/format";
import { orderKeys, PaymentAttempt, TIER_LABELS } from "../../lib/orders";
import { useMe } from "../../lib/session";
import { CheckoutHeader } from "./CheckoutHeader";
import { GigSummary } from "./GigSummary";
import { OrderLines } from "./OrderLines";
import { PaymentOption } from "./PaymentOption";
import { ProtectionNote } from "./ProtectionNote";
import { QuantityField } from "./QuantityField";
import { TestCardField } from "./TestCardField";
import type { PaymentChoice } from "./checkoutHelpers";
import { route, TEST_CARDS } from "./checkoutHelpers";
import { LICENCE_HINTS, LICENCE_LABELS } from "../../lib/licences";
import { walletKeys, walletQueryOptions } from "../../lib/wallet";

export function Checkout({ gig }: { gig: Gig }) {
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const tiers = gig.packages.map((p) => p.tier);
  const tier: PackageTier = search.tier && tiers.includes(search.tier) ? search.tier : (tiers[0] ?? "basic");
  const pkg = gig.packages.find((p) => p.tier === tier);
  const offered = gig.licences.map((l) => l.kind);
  const licence: LicenceKind =
    search.licence && offered.includes(search.licence) ? search.licence : (offered[0] ?? "personal");
  const [extraIds, setExtraIds] = useState<string[]>([]);
  const [quantity, setQuantity] = useState(1);
  const [quantityText, setQuantityText] = useState("1");
  const [payment, setPayment] = useState<PaymentChoice>("card");
  const [token, setToken] = useState<string>(TEST_CARDS[0].token);
  const [payError, setPayError] = useState<string | null>(null);
  const attempt = useRef(new PaymentAttempt());
  const isOwnGig = me.data?.username === gig.seller.username;

  const quoteBody = { gigId: gig.id, tier, extraIds, quantity, licence };
  const quote = useQuery({
    queryKey: ["checkout", "quote", quoteBody],
    queryFn: () => read(QuoteSchema, api.POST("/api/orders/quote", { body: quoteBody })),
    placeholderData: keepPreviousData,
  });
  const wallet = useQuery(walletQueryOptions);
  const credits = wallet.data?.credits;
  const creditsCover = credits && quote.data ? credits.amount >= quote.data.total.amount : false;

  const place = useMutation({
    mutationFn: (body: RequestBody<"/api/orders", "post">) =>
      read(
        OrderSchema,
        api.POST("/api/orders", {
          params: { header: { "Idempotency-Key": attempt.current.keyFor(body) } },
          body,
        }),
      ),
    onMutate: () => setPayError(null),
    onSuccess: async (order) => {
      attempt.current.settle(null);
      queryClient.setQueryData(orderKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      void queryClient.invalidateQueries({ queryKey: walletKeys.all });
      // This history entry now stands for the paid checkout: Back returns to "already paid".
      await navigate({
        to: "/checkout/$gigId",
        params: { gigId: gig.id },
        search: { ...search, paid: order.id },
        replace: true,
      });
      await navigate({ to: "/orders/$orderId", params: { orderId: order.id } });
    },
    onError: (error) => {
      attempt.current.settle(error);
      setPayError(paymentMessage(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (place.isPending || !quote.data) return;
    place.mutate({
      ...quoteBody,
      payment: payment === "card" ? { method: "card", token } : { method: "balance" },
    });
  }

  function toggleExtra(id: string, checked: boolean) {
    setExtraIds((current) => (checked ? [...current, id] : current.filter((x) => x !== id)));
  }

  function changeQuantity(text: string) {
    setQuantityText(text);
    const value = Number(text);
    if (Number.isInteger(value) && value >= 1 && value <= 100) setQuantity(value);
  }

  const quantityInvalid = quantityText !== String(quantity);

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-12">
      <CheckoutHeader gig={gig} />

      <form
        noValidate
        onSubmit={onSubmit}
        className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start lg:gap-10"
      >
        <div className="min-w-0 space-y-8">
          <GigSummary gig={gig} />

          <div className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
            <fieldset>
              <legend className="text-lg font-semibold text-stone-900">Package</legend>
              <div className="mt-4 grid gap-3 sm:grid-cols-3">
                {gig.packages.map((p) => {
                  const selected = p.tier === tier;
                  return (
                    <label
                      key={p.tier}
                      className={`relative flex cursor-pointer flex-col rounded-xl border p-4 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${
                        selected ? "border-brand-600 bg-brand-50" : "border-stone-200 hover:border-stone-300"
                      }`}
                    >
                      <input
                        type="radio"
                        name="tier"
                        value={p.tier}
                        checked={selected}
                        onChange={() =>
                          void navigate({
                            to: "/checkout/$gigId",
                            params: { gigId: gig.id },
                            search: { tier: p.tier, licence },
                            replace: true,
                          })
                        }
                        className="absolute inset-0 m-0 size-full cursor-pointer appearance-none opacity-0"
                      />
                      <span className="text-xs font-semibold tracking-widest text-stone-600 uppercase">
                        {TIER_LABELS[p.tier]}
                      </span>
                      <span className="mt-1 font-medium text-stone-900">{p.name}</span>
                      <span className="mt-2 text-lg font-semibold text-stone-900">
                        {formatMoney(p.priceAllIn)}
                      </span>
                      <span className="text-xs text-stone-600">
                        {formatMoney(p.price)} + {formatMoney(p.serviceFee)} service fee
                      </span>
                      <span className="mt-1 text-sm text-stone-600">
                        {formatCount(p.deliveryDays, "day", "days")} ·{" "}
                        {p.revisions === null
                          ? "Unlimited revisions"
                          : formatCount(p.revisions, "revision", "revisions")}
                      </span>
                      {selected ? (
                        <CheckIcon
                          className="absolute top-3 right-3 size-5 text-brand-700"
                          aria-hidden="true"
                        />
                      ) : null}
                    </label>
                  );
                })}
              </div>
              {pkg ? (
                <div className="mt-4 text-sm text-stone-700">
                  <p>{pkg.description}</p>
                  {pkg.features.length > 0 ? (
                    <ul className="mt-3 grid gap-1.5 sm:grid-cols-2">
                      {pkg.features.map((feature) => (
                        <li key={feature} className="flex items-start gap-2">
                          <CheckIcon className="mt-0.5 size-4 shrink-0 text-brand-700" />
                          {feature}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              ) : null}
            </fieldset>
            {gig.licences.length > 1 ? (
              <fieldset className="mt-6">
                <legend className="text-lg font-semibold text-stone-900">Licence</legend>
                <p className="text-sm text-stone-600">Granted when the seller is paid for the order.</p>
                <div className="mt-3 grid gap-3 sm:grid-cols-3">
                  {gig.licences.map((l) => {
                    const selected = l.kind === licence;
                    const allIn = pkg?.licencesAllIn.find((x) => x.kind === l.kind)?.total;
                    return (
                      <label
                        key={l.kind}
                        className={`flex cursor-pointer flex-col rounded-xl border p-4 ${
                          selected
                            ? "border-brand-600 bg-brand-50"
                            : "border-stone-200 hover:border-stone-300"
                        }`}
                      >
                        <span className="flex items-center gap-2 font-medium text-stone-900">
                          <input
                            type="radio"
                            name="licence"
                            value={l.kind}
                            checked={selected}
                            onChange={() =>
                              void navigate({
                                to: "/checkout/$gigId",
                                params: { gigId: gig.id },
                                search: { tier, licence: l.kind },
                                replace: true,
                              })
                            }
                          />
                          {LICENCE_LABELS[l.kind]}
                        </span>
                        <span className="mt-1 text-xs text-stone-600">{LICENCE_HINTS[l.kind]}</span>
                        {allIn ? (
                          <span
                            className="mt-2 font-semibold text-stone-900"
                            data-testid={`licence-price-${l.kind}`}
                          >
                            {formatMoney(allIn)}
                          </span>
                        ) : null}
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            ) : null}
          </div>

          {gig.extras.length > 0 ? (
            <div className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
              <fieldset>
                <legend className="text-lg font-semibold text-stone-900">Extras</legend>
                <p className="mt-1 text-sm text-stone-600">
                  Add what you need; each extra is per unit ordered.
                </p>
                <ul className="mt-3 divide-y divide-stone-100">
                  {gig.extras.map((extra) => (
                    <li key={extra.id}>
                      <label className="flex cursor-pointer items-center gap-3 py-3">
                        <input
                          type="checkbox"
                          checked={extraIds.includes(extra.id)}
                          onChange={(event) => toggleExtra(extra.id, event.currentTarget.checked)}
                          className="size-5 shrink-0 accent-brand-700"
                        />
                        <span className="min-w-0 flex-1">
                          <span className="block text-stone-900">{extra.title}</span>
                          {extra.additionalDays !== 0 ? (
                            <span className="block text-sm text-stone-600">
                              {extra.additionalDays > 0
                                ? `+${formatCount(extra.additionalDays, "day", "days")}`
                                : `${formatCount(-extra.additionalDays, "day", "days")} sooner`}
                            </span>
                          ) : null}
                        </span>
                        <span className="font-medium text-stone-900">+{formatMoney(extra.price)}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            </div>
          ) : null}

          <section
            aria-labelledby="quantity-title"
            className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6"
          >
            <h2 id="quantity-title" className="text-lg font-semibold text-stone-900">
              Quantity
            </h2>
            <QuantityField value={quantityText} invalid={quantityInvalid} onChange={changeQuantity} />
          </section>

          <div className="rounded-2xl border border-stone-200 bg-white p-5 sm:p-6">
            <fieldset>
              <legend className="text-lg font-semibold text-stone-900">Payment</legend>
              <div className="mt-4 grid gap-3 sm:grid-cols-2">
                <PaymentOption
                  value="card"
                  checked={payment === "card"}
                  onSelect={setPayment}
                  title="Card"
                  detail="Sandbox: pick a test card below"
                />
                <PaymentOption
                  value="balance"
                  checked={payment === "balance"}
                  onSelect={setPayment}
                  title="Atelier credits"
                  detail={
                    wallet.isPending
                      ? "Checking your balance…"
                      : credits
                        ? `Balance ${formatMoney(credits)}`
                        : "Refunds land here as credits"
                  }
                />
              </div>
              {payment === "card" ? (
                <TestCardField token={token} onChange={setToken} />
              ) : (
                <p className="mt-4 rounded-xl bg-stone-50 px-4 py-3 text-sm text-stone-700">
                  {creditsCover
                    ? "The total is paid from your credits; nothing is charged to a card."
                    : credits
                      ? `Your credits (${formatMoney(credits)}) don’t cover this order. Pay by card, or choose a smaller package.`
                      : "Credits come from refunds of cancelled orders."}
                </p>
              )}
            </fieldset>
          </div>
        </div>

        <aside aria-labelledby="summary-title" className="lg:sticky lg:top-24">
          <div className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
            <h2 id="summary-title" className="text-lg font-semibold text-stone-900">
              Order summary
            </h2>
            <OrderLines
              gig={gig}
              tier={tier}
              extraIds={extraIds}
              quantity={quantity}
              quote={quote.data}
              loading={quote.isPending}
            />
            {quote.isError ? (
              <div className="mt-4">
                <FormAlert>
                  {describeError(quote.error)}{" "}
                  <button
                    type="button"
                    className="font-medium underline"
                    onClick={() => void quote.refetch()}
                  >
                    Try again
                  </button>
                </FormAlert>
              </div>
            ) : null}
            {payError ? (
              <div className="mt-4">
                <FormAlert>{payError}</FormAlert>
              </div>
            ) : null}
            {isOwnGig ? (
              <p className="mt-4 text-sm text-stone-700">This is your own service, so you can’t order it.</p>
            ) : null}
            <Button
              type="submit"
              size="lg"
              className="mt-5 w-full"
              loading={place.isPending}
              disabled={
                !quote.data ||
                quote.isFetching ||
                quantityInvalid ||
                isOwnGig ||
                (payment === "balance" && !creditsCover)
              }
            >
              {quote.data ? `Pay ${formatMoney(quote.data.total)}` : "Pay"}
            </Button>
            <ProtectionNote />
          </div>
        </aside>
      </form>
    </div>
  );
}

function paymentMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.code === "card_declined") return "The card was declined. Choose another card and try again.";
    if (error.code === "insufficient_funds") {
      return "There isn’t enough money for this payment. Try another card or payment method.";
    }
    if (error.status === 409 && error.code === "idempotency_in_flight") {
      return "Your payment is still being processed. Wait a moment, then press Pay again: you won’t be charged twice.";
    }
    if (error.status === 409) return error.detail ?? "This service can’t be ordered right now.";
    if (error.status === 0 || error.status >= 500) {
      return `${describeError(error)} Pressing Pay again is safe: you won’t be charged twice.`;
    }
  }
  return describeError(error);
}
