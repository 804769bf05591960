import { Button } from "../../components/Button";

interface PaginationProps {
  shown: number;
  total: number;
  estimate: boolean;
  hasMore: boolean;
  loading: boolean;
  error: boolean;
  onMore: () => void;
}

export function Pagination({ shown, total, estimate, hasMore, loading, error, onMore }: PaginationProps) {
  const format = new Intl.NumberFormat();
  return (
    <nav aria-label="More results" className="mt-10 flex flex-col items-center gap-3">
      <p className="text-sm text-stone-600">
        Showing {format.format(shown)} of {estimate ? "about " : ""}
        {format.format(Math.max(total, shown))}
      </p>
      {shown > 0 ? (
        <div aria-hidden="true" className="h-1 w-48 overflow-hidden rounded-full bg-stone-200">
          <div
            className="h-full rounded-full bg-brand-600"
            style={{ width: `${Math.min(100, (shown / Math.max(total, shown)) * 100)}%` }}
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          More results couldn’t load.
        </p>
      ) : null}
      {hasMore ? (
        <Button variant="secondary" onClick={onMore} loading={loading}>
          {error ? "Try again" : "Show more results"}
        </Button>
      ) : null}
    </nav>
  );
}
