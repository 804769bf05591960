import type { SellerLevel } from "@atelier/contracts";

const LABELS: Record<SellerLevel, string> = {
  new: "New seller",
  level_1: "Level 1",
  level_2: "Level 2",
  top_rated: "Top Rated",
};

const STYLES: Record<SellerLevel, string> = {
  new: "border-stone-300 bg-white text-stone-700",
  level_1: "border-brand-200 bg-brand-50 text-brand-800",
  level_2: "border-brand-300 bg-brand-100 text-brand-900",
  top_rated: "border-amber-300 bg-amber-50 text-amber-900",
};

export function sellerLevelLabel(level: SellerLevel): string {
  return LABELS[level];
}

export function SellerLevelBadge({ level }: { level: SellerLevel }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-semibold tracking-wide ${STYLES[level]}`}
    >
      {level === "top_rated" ? <span aria-hidden="true">★</span> : null}
      {LABELS[level]}
    </span>
  );
}
