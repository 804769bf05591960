import { lazy } from "react";
import { createRoute, type AnyRoute } from "@tanstack/react-router";
import { SignedIn } from "../components/SignedIn";
import { requireSignedIn } from "./guards";

// Route-level code splitting: each page is its own chunk, loaded when its route renders.
const AdminUsersPage = lazy(() =>
  import("../pages/AdminUsersPage").then((m) => ({ default: m.AdminUsersPage })),
);
const GigVisibilityPage = lazy(() =>
  import("../pages/insights/GigVisibilityPage").then((m) => ({ default: m.GigVisibilityPage })),
);
const DemandPage = lazy(() =>
  import("../pages/insights/DemandPage").then((m) => ({ default: m.DemandPage })),
);
const SellerDashboardPage = lazy(() =>
  import("../pages/SellerDashboardPage").then((m) => ({ default: m.SellerDashboardPage })),
);

/**
 * The seller dashboard, a gig's visibility report, the demand radar (sellers and admins) and the admin
 * users page, as children of `parent` (the root route).
 */
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
  const visibility = createRoute({
    getParentRoute: () => parent,
    path: "seller/gigs/$gigId/visibility",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <GigVisibilityPage />
      </SignedIn>
    ),
  });
  const demand = createRoute({
    getParentRoute: () => parent,
    path: "seller/demand",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <DemandPage />
      </SignedIn>
    ),
  });
  const adminDemand = createRoute({
    getParentRoute: () => parent,
    path: "admin/demand",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <DemandPage admin />
      </SignedIn>
    ),
  });
  return [dashboard, visibility, demand, adminDemand, adminUsers] as const;
}
