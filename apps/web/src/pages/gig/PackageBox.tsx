import type { Gig, PackageTier } from "@atelier/contracts";
import { useId, useRef, type KeyboardEvent } from "react";
import { TIER_LABELS } from "../../lib/orders";
import { PackageDetails } from "./PackageDetails";

interface PackageBoxProps {
  gig: Gig;
  tier: PackageTier;
  onTier: (tier: PackageTier) => void;
  isOwner: boolean;
}

export function PackageBox({ gig, tier, onTier, isOwner }: PackageBoxProps) {
  const baseId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const packages = gig.packages;
  const selected = packages.find((pkg) => pkg.tier === tier) ?? packages[0];
  if (!selected) return null;
  const selectedIndex = packages.indexOf(selected);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowRight: selectedIndex + 1,
      ArrowLeft: selectedIndex - 1,
      Home: 0,
      End: packages.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + packages.length) % packages.length;
    const pkg = packages[next];
    if (!pkg) return;
    onTier(pkg.tier);
    tabRefs.current[next]?.focus();
  }

  return (
    <div className="overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-sm shadow-stone-900/5">
      {packages.length > 1 ? (
        <div
          role="tablist"
          aria-label="Packages"
          onKeyDown={onKeyDown}
          className="grid grid-cols-3 border-b border-stone-200"
        >
          {packages.map((pkg, index) => {
            const active = pkg.tier === selected.tier;
            return (
              <button
                key={pkg.tier}
                ref={(element) => {
                  tabRefs.current[index] = element;
                }}
                type="button"
                role="tab"
                id={`${baseId}-tab-${pkg.tier}`}
                aria-selected={active}
                aria-controls={`${baseId}-panel`}
                tabIndex={active ? 0 : -1}
                onClick={() => onTier(pkg.tier)}
                className={`border-b-2 px-2 py-3 text-sm font-semibold transition-colors focus-visible:outline-offset-[-2px] ${
                  active
                    ? "border-brand-700 bg-white text-brand-800"
                    : "border-transparent bg-stone-50 text-stone-600 hover:text-stone-900"
                }`}
              >
                {TIER_LABELS[pkg.tier]}
              </button>
            );
          })}
        </div>
      ) : null}
      <div
        id={`${baseId}-panel`}
        role={packages.length > 1 ? "tabpanel" : undefined}
        aria-labelledby={packages.length > 1 ? `${baseId}-tab-${selected.tier}` : undefined}
        className="p-5"
      >
        <PackageDetails gig={gig} pkg={selected} isOwner={isOwner} />
      </div>
    </div>
  );
}
