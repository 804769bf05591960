export function BreakdownRow({
  term,
  value,
  strong = false,
}: {
  term: string;
  value: string;
  strong?: boolean;
}) {
  return (
    <div
      className={`flex justify-between gap-4 ${strong ? "border-t border-stone-200 pt-1.5 font-semibold text-stone-900" : "text-stone-700"}`}
    >
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
