import { useId } from "react";
import { Button } from "../../components/Button";

export function QuantityField({
  value,
  invalid,
  onChange,
}: {
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const current = Number(value);
  const step = (delta: number) => {
    const base = Number.isInteger(current) ? current : 1;
    onChange(String(Math.min(100, Math.max(1, base + delta))));
  };
  return (
    <div className="mt-3">
      <label htmlFor={id} className="text-sm text-stone-700">
        How many of this package (with its extras) do you need?
      </label>
      <div className="mt-2 flex items-center gap-2">
        <Button
          variant="secondary"
          size="sm"
          aria-label="One fewer"
          onClick={() => step(-1)}
          disabled={current <= 1}
        >
          −
        </Button>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          className={`h-9 w-20 rounded-xl border px-3 text-center text-base ${invalid ? "border-red-600" : "border-stone-300"}`}
        />
        <Button
          variant="secondary"
          size="sm"
          aria-label="One more"
          onClick={() => step(1)}
          disabled={current >= 100}
        >
          +
        </Button>
      </div>
      {invalid ? (
        <p id={`${id}-error`} className="mt-2 text-sm font-medium text-red-700">
          Enter a whole number from 1 to 100.
        </p>
      ) : null}
    </div>
  );
}
