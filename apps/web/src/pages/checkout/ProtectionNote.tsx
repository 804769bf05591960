import { ShieldIcon } from "../../components/icons";

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
