import type { AiUse } from "@atelier/contracts";

const LABELS: Record<AiUse, string> = {
  none: "No AI",
  assisted: "AI-assisted",
  generated: "AI-generated",
};

/**
 * The seller's AI declaration (PRODUCT.md "Creator credit"). On cards it shows only when AI was
 * used (`always` shows "No AI" too, as on deliveries), with the tools named when given.
 */
export function AiBadge({
  aiUse,
  tools = [],
  always = false,
}: {
  aiUse: AiUse;
  tools?: readonly string[];
  always?: boolean;
}) {
  if (aiUse === "none" && !always) return null;
  const tone = aiUse === "none" ? "bg-emerald-50 text-emerald-900" : "bg-amber-50 text-amber-900";
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${tone}`}>
      {LABELS[aiUse]}
      {tools.length > 0 ? <span className="ml-1 font-normal">({tools.join(", ")})</span> : null}
    </span>
  );
}
