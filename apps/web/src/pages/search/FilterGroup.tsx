import { useId, type ReactNode } from "react";

export function FilterGroup({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id}>
      <h2 id={id} className="mb-2 px-2.5 text-xs font-semibold tracking-widest text-stone-600 uppercase">
        {title}
      </h2>
      {children}
    </div>
  );
}
