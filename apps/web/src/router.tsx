import { lazy } from "react";
import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  useRouter,
  type ErrorComponentProps,
} from "@tanstack/react-router";
import { ErrorState } from "./components/ErrorState";
import { Layout } from "./components/Layout";
import { PageSkeleton } from "./components/Skeleton";
import { NotFoundPage } from "./pages/NotFoundPage";
import { catalogRoutes } from "./routes/catalog.routes";
import { messagingRoutes } from "./routes/messaging.routes";
import { negotiationRoutes } from "./routes/negotiation.routes";
import { ordersRoutes } from "./routes/orders.routes";
import { requireSignedIn } from "./routes/guards";
import { securityRoutes } from "./routes/security.routes";
import { safetyRoutes } from "./routes/safety.routes";
import { sellerRoutes } from "./routes/seller.routes";
import { verifyRoutes } from "./pages/verify/verify.routes";

// Route-level code splitting: each page is its own chunk, loaded when its route renders.
const BecomeSellerPage = lazy(() =>
  import("./pages/BecomeSellerPage").then((m) => ({ default: m.BecomeSellerPage })),
);
const HomePage = lazy(() => import("./pages/HomePage").then((m) => ({ default: m.HomePage })));
const LoginPage = lazy(() => import("./pages/LoginPage").then((m) => ({ default: m.LoginPage })));
const ProfilePage = lazy(() => import("./pages/ProfilePage").then((m) => ({ default: m.ProfilePage })));
const SignupPage = lazy(() => import("./pages/SignupPage").then((m) => ({ default: m.SignupPage })));
const SitePage = lazy(() => import("./pages/SitePage").then((m) => ({ default: m.SitePage })));
const TokensPage = lazy(() => import("./pages/TokensPage").then((m) => ({ default: m.TokensPage })));

export interface RouterContext {
  queryClient: QueryClient;
}

export interface AuthSearchParams {
  redirect?: string;
}

function stringParam(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

function validateAuthSearch(search: Record<string, unknown>): AuthSearchParams {
  const target = stringParam(search.redirect);
  return target ? { redirect: target } : {};
}

/** Sends signed-out visitors to the sign-in page, and brings them back afterwards. */

function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <div className="px-4 py-16 sm:px-6">
      <ErrorState
        title="This page couldn’t load"
        headingLevel={1}
        error={error}
        onRetry={() => {
          reset();
          void router.invalidate();
        }}
      />
    </div>
  );
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Layout,
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  component: HomePage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "login",
  validateSearch: validateAuthSearch,
  component: LoginPage,
});

const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "signup",
  validateSearch: validateAuthSearch,
  component: SignupPage,
});

const becomeSellerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "become-a-seller",
  beforeLoad: requireSignedIn,
  component: BecomeSellerPage,
});

const profileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "users/$username",
  component: ProfilePage,
});

const tokensRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "settings/tokens",
  beforeLoad: requireSignedIn,
  component: TokensPage,
});

/** The operator's Terms, Privacy and Help pages. */
const sitePageRoutes = (["terms", "privacy", "help"] as const).map((slug) =>
  createRoute({
    getParentRoute: () => rootRoute,
    path: slug,
    component: () => <SitePage key={slug} slug={slug} />,
  }),
);

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  signupRoute,
  becomeSellerRoute,
  profileRoute,
  tokensRoute,
  ...sitePageRoutes,
  ...ordersRoutes(rootRoute),
  ...catalogRoutes(rootRoute),
  ...messagingRoutes(rootRoute),
  ...negotiationRoutes(rootRoute),
  ...sellerRoutes(rootRoute),
  ...safetyRoutes(rootRoute),
  ...securityRoutes(rootRoute),
  ...verifyRoutes(rootRoute),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    // Route data comes from TanStack Query, which has its own cache.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultPendingComponent: () => <PageSkeleton />,
    defaultErrorComponent: RouteError,
    defaultNotFoundComponent: NotFoundPage,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
