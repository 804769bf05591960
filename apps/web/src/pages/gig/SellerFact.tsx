import { type ReactNode } from "react";

export function SellerFact({ icon, term, children }: { icon: ReactNode; term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="flex items-center gap-1.5 text-stone-600">
        <span className="text-stone-500">{icon}</span>
        {term}
      </dt>
      <dd className="mt-0.5 font-medium text-stone-900">{children}</dd>
    </div>
  );
}
