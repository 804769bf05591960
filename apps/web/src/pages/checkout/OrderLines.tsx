import { type Gig, type PackageTier, type Quote } from "@atelier/contracts";
import { ClockIcon } from "../../components/icons";
import { LoadingRegion, Skeleton } from "../../components/Skeleton";
import { formatCount, formatMoney } from "../../lib/format";
import { TIER_LABELS } from "../../lib/orders";
import { Line } from "./Line";

export function OrderLines({
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
