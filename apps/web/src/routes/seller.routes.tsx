import { createRoute, Navigate, useLocation, type AnyRoute } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { PageSkeleton } from "../components/Skeleton";
import { useMe } from "../lib/session";
import { AdminUsersPage } from "../pages/AdminUsersPage";
import { SellerDashboardPage } from "../pages/SellerDashboardPage";

/** Private pages: signed-out visitors go to sign-in and come back here afterwards. */
function SignedIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton />;
  if (!me.data) return <Navigate to="/login" search={{ redirect: location.href }} replace />;
  return children;
}

/** The seller dashboard and the admin users page, as children of `parent` (the root route). */
export function sellerRoutes<TParent extends AnyRoute>(parent: TParent) {
  const dashboard = createRoute({
    getParentRoute: () => parent,
    path: "dashboard",
    component: () => (
      <SignedIn>
        <SellerDashboardPage />
      </SignedIn>
    ),
  });
  const adminUsers = createRoute({
    getParentRoute: () => parent,
    path: "admin/users",
    component: () => (
      <SignedIn>
        <AdminUsersPage />
      </SignedIn>
    ),
  });
  return [dashboard, adminUsers] as const;
}
