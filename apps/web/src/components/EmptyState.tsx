import type { ReactNode } from "react";

interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
  /** h1 when the state is the whole page, h2 (default) when it is one section of it. */
  headingLevel?: 1 | 2;
}

/** Says what is missing and what to do next. */
export function EmptyState({
  icon,
  title,
  children,
  action,
  className = "",
  headingLevel = 2,
}: EmptyStateProps) {
  return (
    <div
      className={`mx-auto flex max-w-lg flex-col items-center rounded-2xl border border-dashed border-stone-300 bg-white/60 px-6 py-12 text-center ${className}`}
    >
      {icon ? (
        <span className="mb-4 grid size-12 place-items-center rounded-full bg-brand-50 text-brand-700">
          {icon}
        </span>
      ) : null}
      {headingLevel === 1 ? (
        <h1 className="font-display text-xl font-semibold text-stone-900">{title}</h1>
      ) : (
        <h2 className="font-display text-xl font-semibold text-stone-900">{title}</h2>
      )}
      {children ? <div className="mt-2 text-stone-600">{children}</div> : null}
      {action ? <div className="mt-6">{action}</div> : null}
    </div>
  );
}
