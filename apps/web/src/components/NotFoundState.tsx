import type { ReactNode } from "react";
import { EmptyState } from "./EmptyState";
import { CompassIcon } from "./icons";

/**
 * A page's "not found" answer (an API 404, or a record that is not the viewer's): a level-one heading
 * saying what is missing, a sentence on why, and the way on.
 */
export function NotFoundState({
  title,
  action,
  icon = <CompassIcon className="size-6" />,
  children,
}: {
  title: string;
  action: ReactNode;
  icon?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="px-4 py-20 sm:px-6">
      <EmptyState icon={icon} title={title} headingLevel={1} action={action}>
        {children}
      </EmptyState>
    </div>
  );
}
