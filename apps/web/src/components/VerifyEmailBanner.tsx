import { lazy, Suspense } from "react";
import { useMe } from "../lib/session";

// Few visits need it, so the notice is its own chunk (the initial JavaScript budget is tight).
const VerifyEmailNotice = lazy(() =>
  import("./VerifyEmailNotice").then((m) => ({ default: m.VerifyEmailNotice })),
);

/** The e-mail confirmation notice, for a signed-in person whose e-mail is not confirmed yet. */
export function VerifyEmailBanner() {
  const me = useMe();
  if (!me.data || me.data.emailVerified) return null;
  return (
    <Suspense fallback={null}>
      <VerifyEmailNotice />
    </Suspense>
  );
}
