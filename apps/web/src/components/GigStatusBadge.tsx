import type { GigStatus } from "@atelier/contracts";

const LABELS: Record<GigStatus, string> = {
  draft: "Draft",
  active: "Live",
  paused: "Paused",
  pending_review: "In review",
  denied: "Not approved",
  archived: "Archived",
};

const STYLES: Record<GigStatus, string> = {
  draft: "border-stone-300 bg-stone-100 text-stone-800",
  active: "border-brand-200 bg-brand-50 text-brand-800",
  paused: "border-amber-200 bg-amber-50 text-amber-900",
  pending_review: "border-sky-200 bg-sky-50 text-sky-900",
  denied: "border-red-200 bg-red-50 text-red-800",
  archived: "border-stone-200 bg-white text-stone-600",
};

export function gigStatusLabel(status: GigStatus): string {
  return LABELS[status];
}

/** A gig's status as a small pill; the dot is decoration, the word carries the meaning. */
export function GigStatusBadge({ status }: { status: GigStatus }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-semibold ${STYLES[status]}`}
    >
      <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
      {LABELS[status]}
    </span>
  );
}
