import type { PaymentChoice } from "./checkoutHelpers";

export function PaymentOption({
  value,
  checked,
  onSelect,
  title,
  detail,
}: {
  value: PaymentChoice;
  checked: boolean;
  onSelect: (value: PaymentChoice) => void;
  title: string;
  detail: string;
}) {
  return (
    <label
      className={`flex cursor-pointer items-start gap-3 rounded-xl border p-4 transition-colors ${
        checked ? "border-brand-600 bg-brand-50" : "border-stone-200 hover:border-stone-300"
      }`}
    >
      <input
        type="radio"
        name="payment"
        value={value}
        checked={checked}
        onChange={() => onSelect(value)}
        className="mt-1 size-4 accent-brand-700"
      />
      <span>
        <span className="block font-medium text-stone-900">{title}</span>
        <span className="block text-sm text-stone-600">{detail}</span>
      </span>
    </label>
  );
}
