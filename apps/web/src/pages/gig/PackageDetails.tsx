import type { Gig } from "@atelier/contracts";
import { ButtonLink } from "../../components/Button";
import { CheckIcon, ClockIcon, ShieldIcon } from "../../components/icons";
import { formatCount, formatMoney } from "../../lib/format";
import { BreakdownRow } from "./BreakdownRow";
import { PathLink } from "./PathLink";

type GigPackage = Gig["packages"][number];

export function PackageDetails({ gig, pkg, isOwner }: { gig: Gig; pkg: GigPackage; isOwner: boolean }) {
  return (
    <>
      <div className="flex items-baseline justify-between gap-3">
        <h2 className="font-semibold text-stone-900">{pkg.name}</h2>
        <p className="font-display text-3xl font-semibold text-stone-900" data-testid="package-price">
          {formatMoney(pkg.priceAllIn)}
        </p>
      </div>
      <p className="mt-1 text-right text-xs text-stone-600">Total, service fee included</p>
      <p className="mt-3 text-sm leading-relaxed text-stone-700">{pkg.description}</p>
      <ul className="mt-4 flex flex-wrap gap-x-5 gap-y-1 text-sm font-medium text-stone-800">
        <li className="flex items-center gap-1.5">
          <ClockIcon className="size-4 text-stone-500" />
          {formatCount(pkg.deliveryDays, "day", "days")} delivery
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="text-stone-500">
            ↻
          </span>
          {pkg.revisions === null
            ? "Unlimited revisions"
            : formatCount(pkg.revisions, "revision", "revisions")}
        </li>
      </ul>
      {pkg.features.length > 0 ? (
        <ul className="mt-4 space-y-1.5 text-sm text-stone-700">
          {pkg.features.map((feature) => (
            <li key={feature} className="flex items-start gap-2">
              <CheckIcon className="mt-0.5 size-4 shrink-0 text-brand-700" />
              {feature}
            </li>
          ))}
        </ul>
      ) : null}

      <details className="mt-4 rounded-xl border border-stone-200 px-4 py-2.5 text-sm">
        <summary className="cursor-pointer font-medium text-stone-800">Price breakdown</summary>
        <dl className="mt-3 space-y-1.5">
          <BreakdownRow term="Package" value={formatMoney(pkg.price)} />
          <BreakdownRow term="Service fee" value={formatMoney(pkg.serviceFee)} />
          <BreakdownRow term="You pay" value={formatMoney(pkg.priceAllIn)} strong />
        </dl>
        <p className="mt-2 text-xs text-stone-600">
          The service fee covers secure payment and buyer protection: a percentage of the order, plus a small
          fixed fee on smaller orders. Extras are added at checkout, where the total is recalculated.
        </p>
      </details>

      <div className="mt-5 space-y-2.5">
        {isOwner ? (
          <ButtonLink to="/seller/gigs/$gigId/edit" params={{ gigId: gig.id }} size="lg" className="w-full">
            Edit this gig
          </ButtonLink>
        ) : (
          <>
            <PathLink href={`/checkout/${encodeURIComponent(gig.id)}?tier=${pkg.tier}`} className="w-full">
              Continue ({formatMoney(pkg.priceAllIn)})
            </PathLink>
            <PathLink
              href={`/inbox?${new URLSearchParams({ to: gig.seller.username, gigId: gig.id })}`}
              variant="secondary"
              className="w-full"
            >
              Contact seller
            </PathLink>
          </>
        )}
      </div>
      <p className="mt-4 flex items-start gap-2 text-xs leading-relaxed text-stone-600">
        <ShieldIcon className="size-4 shrink-0 text-brand-700" />
        Your payment is held in escrow and released to the seller only when you accept the delivery.
      </p>
    </>
  );
}
