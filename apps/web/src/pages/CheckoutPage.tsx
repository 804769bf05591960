import {
  GigSchema,
  OrderSchema,
  QuoteSchema,
  WalletSchema,
  type Gig,
  type MoneyDto,
  type Order,
  type PackageTier,
  type Quote,
} from "@atelier/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button, ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { PageErrorState } from "../components/ErrorState";
import { FormAlert } from "../components/FormAlert";
import { CheckIcon, ClockIcon, CompassIcon, ShieldIcon } from "../components/icons";
import { SellerLevelBadge } from "../components/SellerLevelBadge";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { api, describeError, isApiError, read, type RequestBody } from "../lib/api";
import { formatCount, formatDate, formatMoney, formatRating } from "../lib/format";
import { orderKeys, orderQueryOptions, PaymentAttempt, TIER_LABELS, walletKeys } from "../lib/orders";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/usePageTitle";

const route = getRouteApi("/checkout/$gigId");

/** The sandbox processor's test tokens (API.md section 4): no real card is ever charged. */
const TEST_CARDS = [
  { token: "tok_visa", label: "Visa ending 4242", outcome: "Payment succeeds" },
  { token: "tok_chargeDeclined", label: "Declined card", outcome: "The bank declines the payment" },
  { token: "tok_insufficientFunds", label: "Empty account", outcome: "Fails with insufficient funds" },
] as const;

type PaymentChoice = "card" | "balance";

export function CheckoutPage() {
  const { gigId } = route.useParams();
  const gig = useQuery({
    queryKey: ["checkout", "gig", gigId],
    queryFn: ({ signal }) =>
      read(GigSchema, api.GET("/api/gigs/{id}", { params: { path: { id: gigId } }, signal })),
  });
  usePageTitle(gig.data ? `Checkout: ${gig.data.title}` : "Checkout");

  if (gig.isPending) return <CheckoutSkeleton />;
  if (gig.isError) {
    if (isApiError(gig.error, 404)) {
      return (
        <div className="px-4 py-20 sm:px-6">
          <EmptyState
            icon={<CompassIcon className="size-6" />}
            title="This service isn’t available"
            headingLevel={1}
            action={<ButtonLink to="/search">Browse services</ButtonLink>}
          >
            <p>The seller may have paused or removed it. Similar services are a search away.</p>
          </EmptyState>
        </div>
      );
    }
    return <PageErrorState title="Checkout couldn’t load" query={gig} />;
  }
  return <CheckoutOrPaid gig={gig.data} />;
}

/**
 * A checkout that was paid remembers its order in its own history entry (`?paid=`): coming back to it
 * shows that it is paid, with the way to the order, and no pay button that would buy it again. The
 * order is read from the server, so an address that names someone else's order (or none) is just a
 * checkout.
 */
function CheckoutOrPaid({ gig }: { gig: Gig }) {
  const { paid } = route.useSearch();
  const order = useQuery({ ...orderQueryOptions(paid ?? ""), enabled: paid !== undefined, retry: false });
  if (paid === undefined) return <Checkout gig={gig} />;
  if (order.isPending) return <CheckoutSkeleton />;
  if (order.isSuccess && order.data.gig.id === gig.id) return <PaidCheckout gig={gig} order={order.data} />;
  return <Checkout gig={gig} />;
}

function PaidCheckout({ gig, order }: { gig: Gig; order: Order }) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-12">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/gigs/$gigId" params={{ gigId: gig.id }} className="hover:text-brand-800 hover:underline">
          ← Back to the service
        </Link>
      </nav>
      <h1 className="mt-3 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Checkout
      </h1>
      <div role="status" className="mt-8 rounded-2xl border border-brand-200 bg-brand-50 p-5 sm:p-6">
        <p className="flex items-center gap-2 font-display text-xl font-semibold text-brand-900">
          <CheckIcon className="size-6 shrink-0" aria-hidden="true" />
          Already paid
        </p>
        <p className="mt-2 text-brand-900">
          You paid {formatMoney(order.price.total)} for “{order.gig.title}” ({TIER_LABELS[order.tier]}) on{" "}
          {formatDate(order.createdAt)}. This checkout is closed, so you won’t be charged again.
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          <ButtonLink to="/orders/$orderId" params={{ orderId: order.id }}>
            View your order
          </ButtonLink>
          <ButtonLink
            to="/checkout/$gigId"
            params={{ gigId: gig.id }}
            search={{ tier: order.tier }}
            variant="ghost"
          >
            Order this service again
          </ButtonLink>
        </div>
      </div>
    </div>
  );
}

function Checkout({ gig }: { gig: Gig }) {
  const search = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const tiers = gig.packages.map((p) => p.tier);
  const tier: PackageTier = search.tier && tiers.includes(search.tier) ? search.tier : (tiers[0] ?? "basic");
  const pkg = gig.packages.find((p) => p.tier === tier);
  const [extraIds, setExtraIds] = useState<string[]>([]);
  const [quantity, setQuantity] = useState(1);
  const [quantityText, setQuantityText] = useState("1");
  const [payment, setPayment] = useState<PaymentChoice>("card");
  const [token, setToken] = useState<string>(TEST_CARDS[0].token);
  const [payError, setPayError] = useState<string | null>(null);
  const attempt = useRef(new PaymentAttempt());
  const isOwnGig = me.data?.username === gig.seller.username;

  const quoteBody = { gigId: gig.id, tier, extraIds, quantity };
  const quote = useQuery({
    queryKey: ["checkout", "quote", quoteBody],
    queryFn: () => read(QuoteSchema, api.POST("/api/orders/quote", { body: quoteBody })),
    placeholderData: keepPreviousData,
  });
  const wallet = useQuery({
    queryKey: walletKeys.balances,
    queryFn: ({ signal }) => read(WalletSchema, api.GET("/api/wallet", { signal })),
  });
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
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <Link to="/gigs/$gigId" params={{ gigId: gig.id }} className="hover:text-brand-800 hover:underline">
          ← Back to the service
        </Link>
      </nav>
      <h1 className="mt-3 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        Checkout
      </h1>

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
                            search: { tier: p.tier },
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

function GigSummary({ gig }: { gig: Gig }) {
  return (
    <section
      aria-label="Service"
      className="flex gap-4 rounded-2xl border border-stone-200 bg-white p-4 sm:p-5"
    >
      {gig.coverImageUrl ? (
        <img
          src={gig.coverImageUrl}
          alt=""
          className="hidden aspect-[4/3] w-32 shrink-0 rounded-xl object-cover sm:block"
        />
      ) : null}
      <div className="min-w-0">
        <p className="font-medium text-stone-900">{gig.title}</p>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-600">
          <span>by {gig.seller.displayName}</span>
          {gig.seller.level ? <SellerLevelBadge level={gig.seller.level} /> : null}
          {gig.rating.count > 0 && gig.rating.average !== null ? (
            <span>
              <span aria-hidden="true" className="text-amber-600">
                ★
              </span>{" "}
              {formatRating(gig.rating.average)} ({formatCount(gig.rating.count, "review", "reviews")})
            </span>
          ) : null}
        </p>
      </div>
    </section>
  );
}

function QuantityField({
  value,
  invalid,
  onChange,
}: {
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const current = Number(value);
  const step = (delta: number) => {
    const base = Number.isInteger(current) ? current : 1;
    onChange(String(Math.min(100, Math.max(1, base + delta))));
  };
  return (
    <div className="mt-3">
      <label htmlFor={id} className="text-sm text-stone-700">
        How many of this package (with its extras) do you need?
      </label>
      <div className="mt-2 flex items-center gap-2">
        <Button
          variant="secondary"
          size="sm"
          aria-label="One fewer"
          onClick={() => step(-1)}
          disabled={current <= 1}
        >
          −
        </Button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          className={`h-9 w-20 rounded-xl border px-3 text-center text-base ${invalid ? "border-red-600" : "border-stone-300"}`}
        />
        <Button
          variant="secondary"
          size="sm"
          aria-label="One more"
          onClick={() => step(1)}
          disabled={current >= 100}
        >
          +
        </Button>
      </div>
      {invalid ? (
        <p id={`${id}-error`} className="mt-2 text-sm font-medium text-red-700">
          Enter a whole number from 1 to 100.
        </p>
      ) : null}
    </div>
  );
}

function PaymentOption({
  value,
  checked,
  onSelect,
  title,
  detail,
}: {
  value: PaymentChoice;
  checked: boolean;
  onSelect: (value: PaymentChoice) => void;
  title: string;
  detail: string;
}) {
  return (
    <label
      className={`flex cursor-pointer items-start gap-3 rounded-xl border p-4 transition-colors ${
        checked ? "border-brand-600 bg-brand-50" : "border-stone-200 hover:border-stone-300"
      }`}
    >
      <input
        type="radio"
        name="payment"
        value={value}
        checked={checked}
        onChange={() => onSelect(value)}
        className="mt-1 size-4 accent-brand-700"
      />
      <span>
        <span className="block font-medium text-stone-900">{title}</span>
        <span className="block text-sm text-stone-600">{detail}</span>
      </span>
    </label>
  );
}

function TestCardField({ token, onChange }: { token: string; onChange: (token: string) => void }) {
  return (
    <fieldset className="mt-5">
      <legend className="text-sm font-medium text-stone-800">Test card</legend>
      <p className="mt-1 text-sm text-stone-600">
        Atelier runs against a sandbox payment processor: no real card is charged. Choose how the test payment
        should go.
      </p>
      <div className="mt-3 space-y-2">
        {TEST_CARDS.map((card) => (
          <label
            key={card.token}
            className="flex cursor-pointer items-center gap-3 rounded-xl border border-stone-200 px-4 py-3 hover:border-stone-300 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
          >
            <input
              type="radio"
              name="testCard"
              value={card.token}
              checked={token === card.token}
              onChange={() => onChange(card.token)}
              className="size-4 accent-brand-700"
            />
            <span className="min-w-0 flex-1">
              <span className="block text-stone-900">{card.label}</span>
              <span className="block text-sm text-stone-600">{card.outcome}</span>
            </span>
            <code className="hidden rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700 sm:inline">
              {card.token}
            </code>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function OrderLines({
  gig,
  tier,
  extraIds,
  quantity,
  quote,
  loading,
}: {
  gig: Gig;
  tier: PackageTier;
  extraIds: string[];
  quantity: number;
  quote: Quote | undefined;
  loading: boolean;
}) {
  const pkg = gig.packages.find((p) => p.tier === tier);
  const extras = gig.extras.filter((e) => extraIds.includes(e.id));
  return (
    <div className="mt-4">
      <dl className="space-y-2 text-sm">
        {pkg ? (
          <Line
            label={`${TIER_LABELS[tier]}: ${pkg.name}${quantity > 1 ? ` × ${quantity}` : ""}`}
            value={pkg.price}
            each={quantity > 1}
          />
        ) : null}
        {extras.map((extra) => (
          <Line
            key={extra.id}
            label={`${extra.title}${quantity > 1 ? ` × ${quantity}` : ""}`}
            value={extra.price}
            each={quantity > 1}
          />
        ))}
      </dl>
      {loading || !quote ? (
        <LoadingRegion label="Calculating the price">
          <div className="mt-4 space-y-2 border-t border-stone-100 pt-4">
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-6 w-full" />
          </div>
        </LoadingRegion>
      ) : (
        <>
          <div role="group" aria-label="Fee breakdown">
            <dl className="mt-4 space-y-2 border-t border-stone-100 pt-4 text-sm">
              <div className="flex justify-between gap-4">
                <dt className="text-stone-700">Subtotal</dt>
                <dd className="text-stone-900">{formatMoney(quote.subtotal)}</dd>
              </div>
              <div className="flex justify-between gap-4">
                <dt className="text-stone-700">
                  <details className="group">
                    <summary className="cursor-pointer list-none underline decoration-dotted underline-offset-4 [&::-webkit-details-marker]:hidden">
                      Service fee
                    </summary>
                    <p className="mt-1 max-w-56 text-xs text-stone-600">
                      Covers secure payment and buyer protection: a percentage of the subtotal, plus a small
                      fixed fee on smaller orders.
                    </p>
                  </details>
                </dt>
                <dd className="text-stone-900">{formatMoney(quote.serviceFee)}</dd>
              </div>
              <div className="flex justify-between gap-4 border-t border-stone-100 pt-3 text-base font-semibold">
                <dt className="text-stone-900">Total</dt>
                <dd className="text-stone-900">{formatMoney(quote.total)}</dd>
              </div>
            </dl>
          </div>
          <p className="mt-3 flex items-center gap-2 text-sm text-stone-600">
            <ClockIcon className="size-4" />
            Delivery in {formatCount(quote.deliveryDays, "day", "days")} after you send the requirements
          </p>
        </>
      )}
    </div>
  );
}

function Line({ label, value, each }: { label: string; value: MoneyDto; each: boolean }) {
  return (
    <div className="flex justify-between gap-4">
      <dt className="min-w-0 text-stone-700">{label}</dt>
      <dd className="shrink-0 text-stone-900">
        {formatMoney(value)}
        {each ? <span className="text-stone-600"> each</span> : null}
      </dd>
    </div>
  );
}

/** The money-protection promise, beside the decision to pay. */
export function ProtectionNote() {
  return (
    <div className="mt-5 flex gap-3 rounded-xl bg-brand-50 p-4 text-sm text-brand-900">
      <ShieldIcon className="mt-0.5 size-5 shrink-0 text-brand-700" />
      <p>
        <span className="font-semibold">Your money is protected.</span> We hold the payment in escrow and
        release it to the seller only when you accept the delivery. If the order is cancelled or very late,
        you get a full refund as Atelier credits.
      </p>
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

function CheckoutSkeleton() {
  return (
    <LoadingRegion label="Loading checkout">
      <div className="mx-auto max-w-6xl px-4 py-12 sm:px-6">
        <Skeleton className="h-9 w-48" />
        <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <div className="space-y-6">
            <Skeleton className="h-24 w-full rounded-2xl" />
            <Skeleton className="h-48 w-full rounded-2xl" />
            <Skeleton className="h-32 w-full rounded-2xl" />
          </div>
          <Skeleton className="h-80 w-full rounded-2xl" />
        </div>
      </div>
    </LoadingRegion>
  );
}
