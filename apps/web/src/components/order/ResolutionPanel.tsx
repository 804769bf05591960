import type { Order } from "@atelier/contracts";
import { formatDate, formatDateTime, formatMoney } from "../../lib/format";
import { ButtonLink } from "../Button";

const OUTCOME_TITLES = {
  complete: "the seller is paid",
  cancel: "the buyer is refunded",
  split: "the payment is split",
} as const;

/**
 * An admin's decision on a dispute, as each side reads it: what they got (credits refunded to the
 * buyer, earnings released to the seller) and the admin's note. Shown in place of the usual
 * "order complete / cancelled" words, which assume there was no dispute.
 */
export function ResolutionPanel({ order }: { order: Order }) {
  const r = order.resolution;
  if (!r) return null;
  const role = order.viewerRole;
  const refunded = r.buyerRefund.amount > 0;
  const paid = r.sellerEarnings.amount > 0;
  const buyer = order.buyer.displayName;
  const seller = order.seller.displayName;
  const lines: string[] = [];
  if (role === "buyer") {
    lines.push(
      refunded
        ? `You got ${formatMoney(r.buyerRefund)} back as Atelier credits, which you can spend on any service.`
        : "Nothing was refunded to you.",
    );
    lines.push(
      paid
        ? `${seller} received ${formatMoney(r.sellerEarnings)} for the work.`
        : `${seller} received nothing.`,
    );
  } else if (role === "seller") {
    lines.push(
      paid
        ? `You received ${formatMoney(r.sellerEarnings)} (after commission). ${order.clearedAt ? `It cleared into your available balance on ${formatDate(order.clearedAt)}.` : "It is pending clearance in your wallet."}`
        : "You received nothing for this order.",
    );
    lines.push(
      refunded
        ? `${buyer} got ${formatMoney(r.buyerRefund)} back as Atelier credits.`
        : `${buyer} got nothing back.`,
    );
  } else {
    lines.push(
      `${buyer} got ${formatMoney(r.buyerRefund)} back as credits; ${seller} received ${formatMoney(r.sellerEarnings)}.`,
    );
  }
  return (
    <section
      aria-labelledby="resolution-title"
      className="rounded-2xl border border-brand-200 bg-brand-50/60 p-5 sm:p-6"
    >
      <h2 id="resolution-title" className="text-lg font-semibold text-stone-900">
        Dispute resolved: {OUTCOME_TITLES[r.outcome]}
        {r.outcome === "split" && r.buyerRefundPercent !== null
          ? ` (${r.buyerRefundPercent}% back to the buyer)`
          : ""}
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Decided by an admin on <time dateTime={r.at}>{formatDateTime(r.at)}</time>
      </p>
      <div className="mt-3 space-y-2 text-stone-800">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {r.note ? (
        <figure className="mt-4">
          <figcaption className="text-sm font-medium text-stone-700">The admin’s note</figcaption>
          <blockquote className="mt-1 border-l-2 border-brand-300 pl-3 whitespace-pre-line text-stone-800">
            {r.note}
          </blockquote>
        </figure>
      ) : null}
      {role !== "admin" && (role === "buyer" ? refunded : paid) ? (
        <div className="mt-4">
          <ButtonLink to="/wallet" variant="secondary">
            {role === "buyer" ? "See your credits" : "Go to your wallet"}
          </ButtonLink>
        </div>
      ) : null}
    </section>
  );
}
