import { lazy } from "react";
import { createRoute, type AnyRoute } from "@tanstack/react-router";
import { SignedIn } from "../components/SignedIn";
import { requireSignedIn } from "./guards";

// Route-level code splitting: each page is its own chunk, loaded when its route renders.
const AdminUsersPage = lazy(() =>
  import("../pages/AdminUsersPage").then((m) => ({ default: m.AdminUsersPage })),
);
const SellerDashboardPage = lazy(() =>
  import("../pages/SellerDashboardPage").then((m) => ({ default: m.SellerDashboardPage })),
);

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
