import { formatCount } from "../../lib/format";

export function Count({ value }: { value: number }) {
  const text = new Intl.NumberFormat().format(value);
  return (
    <>
      <span aria-hidden="true" className="text-xs text-stone-600 tabular-nums">
        {text}
      </span>
      <span className="sr-only">({formatCount(value, "result", "results")})</span>
    </>
  );
}
