import { type ReactNode } from "react";

export function Panel({
  title,
  children,
  tone = "calm",
}: {
  title: string;
  children: ReactNode;
  tone?: "calm" | "alert";
}) {
  return (
    <section
      aria-label="What happens next"
      className={`rounded-2xl border p-5 sm:p-6 ${tone === "alert" ? "border-red-200 bg-red-50/60" : "border-brand-200 bg-brand-50/60"}`}
    >
      <h2 className="text-lg font-semibold text-stone-900">{title}</h2>
      <div className="mt-2 space-y-4 text-stone-800">{children}</div>
    </section>
  );
}
