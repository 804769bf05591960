import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { ShieldIcon, SignatureIcon, StarIcon } from "./icons";

const POINTS = [
  { icon: <ShieldIcon className="size-5" />, text: "Payments wait in escrow until you accept the work." },
  { icon: <StarIcon className="size-5" />, text: "Every review comes from a completed order." },
  { icon: <SignatureIcon className="size-5" />, text: "Deliveries carry a signed record of who made what." },
];

/** The way to the other form (sign in ↔ sign up), keeping where the person was going. */
export interface AuthSwitch {
  question: string;
  to: "/login" | "/signup";
  label: string;
  redirect: string | undefined;
}

/** Two columns on wide screens: the form, and a quiet reminder of why Atelier is safe to use. */
export function AuthLayout({
  title,
  other,
  children,
}: {
  title: string;
  other: AuthSwitch;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto grid max-w-6xl gap-12 px-4 py-12 sm:px-6 sm:py-16 lg:grid-cols-[minmax(0,28rem)_1fr] lg:gap-20">
      <div>
        <h1 className="font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
          {title}
        </h1>
        <p className="mt-3 text-stone-600">
          {other.question}{" "}
          <Link
            to={other.to}
            search={other.redirect ? { redirect: other.redirect } : {}}
            className="font-medium text-brand-700 underline underline-offset-4 hover:text-brand-900"
          >
            {other.label}
          </Link>
        </p>
        <div className="mt-8">{children}</div>
      </div>
      <aside
        aria-label="Why Atelier"
        className="hidden self-start rounded-3xl border border-brand-100 bg-brand-50/70 p-10 lg:block"
      >
        <p className="font-display text-2xl leading-snug font-semibold text-brand-900">
          “I paid for the logo only once I’d seen the final files. That’s how it should work.”
        </p>
        <p className="mt-3 text-sm text-brand-800">— A buyer on Atelier</p>
        <ul className="mt-10 space-y-4">
          {POINTS.map((point) => (
            <li key={point.text} className="flex items-start gap-3 text-stone-700">
              <span className="mt-0.5 text-brand-700">{point.icon}</span>
              {point.text}
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
