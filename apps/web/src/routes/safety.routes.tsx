import { lazy, type ComponentType } from "react";
import { createRoute, type AnyRoute } from "@tanstack/react-router";
import { SignedIn } from "../components/SignedIn";
import { requireSignedIn } from "./guards";

// Route-level code splitting: each page is its own chunk, loaded when its route renders.
const AdminReportsPage = lazy(() =>
  import("../pages/safety/AdminReportsPage").then((m) => ({ default: m.AdminReportsPage })),
);
const AdminAppealsPage = lazy(() =>
  import("../pages/safety/AdminAppealsPage").then((m) => ({ default: m.AdminAppealsPage })),
);
const AdminAuditLogPage = lazy(() =>
  import("../pages/safety/AdminAuditLogPage").then((m) => ({ default: m.AdminAuditLogPage })),
);
const AdminSettingsPage = lazy(() =>
  import("../pages/safety/AdminSettingsPage").then((m) => ({ default: m.AdminSettingsPage })),
);
const AppealPage = lazy(() => import("../pages/safety/AppealPage").then((m) => ({ default: m.AppealPage })));

/** Trust and safety: the admins' reports, appeals, audit log and settings, and the public appeal form. */
export function safetyRoutes<TParent extends AnyRoute>(parent: TParent) {
  const admin = (path: string, Page: ComponentType) =>
    createRoute({
      getParentRoute: () => parent,
      path,
      beforeLoad: requireSignedIn,
      component: () => (
        <SignedIn>
          <Page />
        </SignedIn>
      ),
    });
  const appeal = createRoute({ getParentRoute: () => parent, path: "appeal", component: AppealPage });
  return [
    admin("admin/reports", AdminReportsPage),
    admin("admin/appeals", AdminAppealsPage),
    admin("admin/audit-log", AdminAuditLogPage),
    admin("admin/settings", AdminSettingsPage),
    appeal,
  ] as const;
}
