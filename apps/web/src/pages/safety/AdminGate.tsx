import type { ReactNode } from "react";
import { PageSkeleton } from "../../components/Skeleton";
import { useMe } from "../../lib/session";
import { NotFoundPage } from "../NotFoundPage";

/** Admin pages, like the API, do not admit that they exist to people who are not admins. */
export function AdminGate({ label, children }: { label: string; children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <PageSkeleton label={label} />;
  if (!me.data?.roles.includes("admin")) return <NotFoundPage />;
  return <>{children}</>;
}

export function AdminHeading({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <p className="text-sm font-medium text-stone-600">Administration</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        {title}
      </h1>
      <p className="mt-3 max-w-2xl text-stone-600">{children}</p>
    </>
  );
}
