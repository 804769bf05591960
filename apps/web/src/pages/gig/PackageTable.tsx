import type { Gig, PackageTier } from "@atelier/contracts";
import { Button } from "../../components/Button";
import { CheckIcon } from "../../components/icons";
import { formatCount, formatMoney } from "../../lib/format";
import { TIER_LABELS } from "../../lib/orders";

export function PackageTable({ gig, onChoose }: { gig: Gig; onChoose: (tier: PackageTier) => void }) {
  const features = [...new Set(gig.packages.flatMap((pkg) => pkg.features))];
  const headerCell = "px-4 py-3 text-left align-top";
  const cell = "px-4 py-3 align-top text-stone-700";
  return (
    <div
      role="region"
      aria-label="Package comparison, scrolls sideways on small screens"
      tabIndex={0}
      className="relative overflow-x-auto rounded-2xl border border-stone-200 bg-white"
    >
      <table className="w-full min-w-[36rem] border-collapse text-sm">
        <caption className="sr-only">What each package includes</caption>
        <thead>
          <tr className="border-b border-stone-200 bg-stone-50">
            <th scope="col" className={`${headerCell} w-1/4 font-medium text-stone-600`}>
              Package
            </th>
            {gig.packages.map((pkg) => (
              <th key={pkg.tier} scope="col" className={headerCell}>
                <span className="block text-xs font-semibold tracking-widest text-brand-700 uppercase">
                  {TIER_LABELS[pkg.tier]}
                </span>
                <span className="mt-0.5 block font-semibold text-stone-900">{pkg.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          <tr>
            <th scope="row" className={`${headerCell} font-medium text-stone-600`}>
              Price
            </th>
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={`${cell} text-base font-semibold text-stone-900`}>
                {formatMoney(pkg.priceAllIn)}
                <span className="block text-xs font-normal text-stone-600">
                  {formatMoney(pkg.price)} + {formatMoney(pkg.serviceFee)} service fee
                </span>
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className={`${headerCell} font-medium text-stone-600`}>
              What you get
            </th>
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={cell}>
                {pkg.description}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className={`${headerCell} font-medium text-stone-600`}>
              Delivery
            </th>
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={cell}>
                {formatCount(pkg.deliveryDays, "day", "days")}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className={`${headerCell} font-medium text-stone-600`}>
              Revisions
            </th>
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={cell}>
                {pkg.revisions === null ? "Unlimited" : pkg.revisions}
              </td>
            ))}
          </tr>
          {features.map((feature) => (
            <tr key={feature}>
              <th scope="row" className={`${headerCell} font-normal text-stone-700`}>
                {feature}
              </th>
              {gig.packages.map((pkg) => (
                <td key={pkg.tier} className={cell}>
                  {pkg.features.includes(feature) ? (
                    <CheckIcon title="Included" className="size-5 text-brand-700" />
                  ) : (
                    <span className="text-stone-400">
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">Not included</span>
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td className={cell} />
            {gig.packages.map((pkg) => (
              <td key={pkg.tier} className={cell}>
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    onChoose(pkg.tier);
                    window.scrollTo({ top: 0, behavior: "smooth" });
                  }}
                >
                  Select {TIER_LABELS[pkg.tier]}
                </Button>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
