import { describeError } from "../lib/api";
import { Button } from "./Button";
import { AlertIcon } from "./icons";

interface ErrorStateProps {
  title?: string;
  error?: unknown;
  message?: string;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
  /** h1 when the state is the whole page, h2 (default) when it is one section of it. */
  headingLevel?: 1 | 2;
}

/** A calm error panel with a retry button; never shows raw JSON or stack traces. */
export function ErrorState({
  title = "Something went wrong",
  error,
  message,
  onRetry,
  retrying = false,
  className = "",
  headingLevel = 2,
}: ErrorStateProps) {
  return (
    <div
      role="alert"
      className={`mx-auto flex max-w-md flex-col items-center rounded-2xl border border-stone-200 bg-white px-6 py-10 text-center ${className}`}
    >
      <span className="mb-4 grid size-12 place-items-center rounded-full bg-red-50 text-red-700">
        <AlertIcon className="size-6" />
      </span>
      {headingLevel === 1 ? (
        <h1 className="font-display text-xl font-semibold text-stone-900">{title}</h1>
      ) : (
        <h2 className="font-display text-xl font-semibold text-stone-900">{title}</h2>
      )}
      <p className="mt-2 text-stone-600">{message ?? describeError(error)}</p>
      {onRetry ? (
        <Button className="mt-6" variant="secondary" onClick={onRetry} loading={retrying}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

/** What `PageErrorState` needs of a failed query. */
interface FailedQuery {
  error: unknown;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/** A whole page that could not load: the error as the page's heading, with a retry. */
export function PageErrorState({ title, query }: { title: string; query: FailedQuery }) {
  return (
    <div className="px-4 py-20 sm:px-6">
      <ErrorState
        title={title}
        headingLevel={1}
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    </div>
  );
}
