import type { Gig, LicenceKind } from "@atelier/contracts";
import { useState } from "react";
import { LICENCE_HINTS, LICENCE_LABELS } from "../../lib/licences";
import { ButtonLink } from "../../components/Button";
import { CheckIcon, ClockIcon, ShieldIcon } from "../../components/icons";
import { formatCount, formatMoney } from "../../lib/format";
import { BreakdownRow } from "./BreakdownRow";
import { PathLink } from "./PathLink";

type GigPackage = Gig["packages"][number];

export function PackageDetails({ gig, pkg, isOwner }: { gig: Gig; pkg: GigPackage; isOwner: boolean }) {
  const [licence, setLicence] = useState<LicenceKind>(gig.licences[0]?.kind ?? "personal");
  const allIn = pkg.licencesAllIn.find((l) => l.kind === licence)?.total ?? pkg.priceAllIn;
  return (
    <>
      <div className="flex items-baseline justify-between gap-3">
        <h2 className="font-semibold text-stone-900">{pkg.name}</h2>
        <p className="font-display text-3xl font-semibold text-stone-900" data-testid="package-price">
          {formatMoney(allIn)}
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

      {gig.licences.length > 1 ? (
        <fieldset className="mt-4">
          <legend className="text-sm font-semibold text-stone-900">Licence</legend>
          <div className="mt-2 space-y-1.5">
            {gig.licences.map((l) => (
              <label key={l.kind} className="flex items-center justify-between gap-2 text-sm text-stone-800">
                <span className="flex items-center gap-2">
                  <input
                    type="radio"
                    name={`licence-${pkg.tier}`}
                    value={l.kind}
                    checked={licence === l.kind}
                    onChange={() => setLicence(l.kind)}
                  />
                  {LICENCE_LABELS[l.kind]}
                  <span className="text-xs text-stone-600">{LICENCE_HINTS[l.kind]}</span>
                </span>
                <span className="font-medium">
                  {formatMoney(pkg.licencesAllIn.find((x) => x.kind === l.kind)?.total ?? pkg.priceAllIn)}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
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
            <PathLink
              href={`/checkout/${encodeURIComponent(gig.id)}?tier=${pkg.tier}&licence=${licence}`}
              className="w-full"
            >
              Continue ({formatMoney(allIn)})
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
