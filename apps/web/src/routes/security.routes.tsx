import { lazy } from "react";
import { createRoute, type AnyRoute } from "@tanstack/react-router";
import { SignedIn } from "../components/SignedIn";

// Route-level code splitting: each page is its own chunk, loaded when its route renders.
const ForgotPasswordPage = lazy(() =>
  import("../pages/security/AccountPages").then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import("../pages/security/AccountPages").then((m) => ({ default: m.ResetPasswordPage })),
);
const VerifyEmailPage = lazy(() =>
  import("../pages/security/AccountPages").then((m) => ({ default: m.VerifyEmailPage })),
);
const SecurityPage = lazy(() =>
  import("../pages/security/SecurityPage").then((m) => ({ default: m.SecurityPage })),
);
import { requireSignedIn } from "./guards";

/** Account recovery and security settings, as children of `parent` (the root route). */
export function securityRoutes<TParent extends AnyRoute>(parent: TParent) {
  const forgot = createRoute({
    getParentRoute: () => parent,
    path: "forgot-password",
    component: ForgotPasswordPage,
  });
  const reset = createRoute({
    getParentRoute: () => parent,
    path: "reset-password",
    component: ResetPasswordPage,
  });
  const verify = createRoute({
    getParentRoute: () => parent,
    path: "verify-email",
    component: VerifyEmailPage,
  });
  const security = createRoute({
    getParentRoute: () => parent,
    path: "settings/security",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <SecurityPage />
      </SignedIn>
    ),
  });
  return [forgot, reset, verify, security] as const;
}
