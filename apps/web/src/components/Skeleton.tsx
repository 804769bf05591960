import type { ReactNode } from "react";

/** A grey placeholder block shaped like the content that is loading. */
export function Skeleton({ className = "h-4 w-full" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded-md bg-stone-200/80 ${className}`} />;
}

/** Wraps skeletons so screen readers hear "Loading …" once instead of nothing. */
export function LoadingRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-busy="true" aria-live="polite">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** A generic page skeleton: title, a line of meta, and a few paragraphs. */
export function PageSkeleton({ label = "Loading page" }: { label?: string }) {
  return (
    <LoadingRegion label={label}>
      <div className="mx-auto max-w-3xl space-y-6 px-4 py-12 sm:px-6">
        <Skeleton className="h-9 w-2/3" />
        <Skeleton className="h-4 w-1/3" />
        <div className="space-y-3 pt-4">
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-11/12" />
          <Skeleton className="h-4 w-4/5" />
        </div>
      </div>
    </LoadingRegion>
  );
}
