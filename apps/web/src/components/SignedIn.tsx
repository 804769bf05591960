import { useLocation } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useMe } from "../lib/session";
import { ButtonLink } from "./Button";
import { PageSkeleton } from "./Skeleton";

/**
 * Wraps a private page. Arriving signed out is handled before the page loads (`requireSignedIn`);
 * this covers a session that ends while the page is open: a sign-in prompt that brings the person
 * back. A prompt, not an automatic <Navigate>: navigating during render looped and froze the tab.
 */
export function SignedIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton />;
  if (!me.data) {
    return (
      <div className="mx-auto max-w-md px-4 py-16 text-center sm:px-6">
        <h1 className="text-2xl font-semibold">Sign in to continue</h1>
        <p className="mt-2 text-stone-600">This page is private to your account.</p>
        <ButtonLink to="/login" search={{ redirect: location.href }} className="mt-6">
          Sign in
        </ButtonLink>
      </div>
    );
  }
  return children;
}
