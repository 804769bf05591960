import { createRoute, type AnyRoute } from "@tanstack/react-router";
import { SignedIn } from "../components/SignedIn";
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from "../pages/security/AccountPages";
import { SecurityPage } from "../pages/security/SecurityPage";
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
