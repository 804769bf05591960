import { type MoneyDto } from "@atelier/contracts";
import { formatMoney } from "../../lib/format";

export function Line({ label, value, each }: { label: string; value: MoneyDto; each: boolean }) {
  return (
    <div className="flex justify-between gap-4">
      <dt className="min-w-0 text-stone-700">{label}</dt>
      <dd className="shrink-0 text-stone-900">
        {formatMoney(value)}
        {each ? <span className="text-stone-600"> each</span> : null}
      </dd>
    </div>
  );
}
