import { type ReactNode } from "react";

export function StepIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mb-8 max-w-2xl">
      <h2 className="font-display text-2xl font-semibold text-stone-900">{title}</h2>
      <p className="mt-2 text-stone-600">{children}</p>
    </div>
  );
}
