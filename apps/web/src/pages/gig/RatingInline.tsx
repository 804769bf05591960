import { StarFilledIcon } from "../../components/icons";
import { formatCount, formatRating } from "../../lib/format";

export function RatingInline({ average, count }: { average: number | null; count: number }) {
  if (count === 0 || average === null) {
    return (
      <span className="flex items-center gap-1 text-sm text-stone-600">
        <StarFilledIcon className="size-4 text-stone-300" />
        No reviews yet
      </span>
    );
  }
  return (
    <span className="flex items-center gap-1 text-sm">
      <StarFilledIcon className="size-4 text-amber-500" />
      <span className="font-semibold text-stone-900">{formatRating(average)}</span>
      <span className="text-stone-600">({formatCount(count, "review", "reviews")})</span>
    </span>
  );
}
