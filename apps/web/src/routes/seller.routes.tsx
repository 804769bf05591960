import { createRoute, type AnyRoute } from "@tanstack/react-router";
import { SignedIn } from "../components/SignedIn";
import { AdminUsersPage } from "../pages/AdminUsersPage";
import { SellerDashboardPage } from "../pages/SellerDashboardPage";
import { requireSignedIn } from "./guards";

/** The seller dashboard and the admin users page, as children of `parent` (the root route). */
export function sellerRoutes<TParent extends AnyRoute>(parent: TParent) {
  const dashboard = createRoute({
    getParentRoute: () => parent,
    path: "dashboard",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <SellerDashboardPage />
      </SignedIn>
    ),
  });
  const adminUsers = createRoute({
    getParentRoute: () => parent,
    path: "admin/users",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <AdminUsersPage />
      </SignedIn>
    ),
  });
  return [dashboard, adminUsers] as const;
}
