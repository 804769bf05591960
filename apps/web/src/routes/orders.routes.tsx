import type { OrderStatus, PackageTier } from "@atelier/contracts";
import { createRoute, useLocation, type AnyRoute } from "@tanstack/react-router";
import { ButtonLink } from "../components/Button";
import type { ReactNode } from "react";
import { PageSkeleton } from "../components/Skeleton";
import { isOrderStatus } from "../lib/orders";
import { useMe } from "../lib/session";
import { AdminDisputesPage } from "../pages/AdminDisputesPage";
import { CheckoutPage } from "../pages/CheckoutPage";
import { OrderPage } from "../pages/OrderPage";
import { BuyingOrdersPage, SellingOrdersPage } from "../pages/OrdersListPage";
import { WalletPage } from "../pages/WalletPage";

export interface CheckoutSearch {
  tier?: PackageTier;
}

export interface OrderListSearch {
  status?: OrderStatus;
}

function validateCheckoutSearch(search: Record<string, unknown>): CheckoutSearch {
  const tier = search.tier;
  return tier === "basic" || tier === "standard" || tier === "premium" ? { tier } : {};
}

function validateOrderListSearch(search: Record<string, unknown>): OrderListSearch {
  return isOrderStatus(search.status) ? { status: search.status } : {};
}

/** Private pages: signed-out visitors go to sign-in and come back here afterwards. */
function SignedIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton />;
  // A prompt, not an automatic <Navigate>: navigating during render looped and froze the tab.
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

/** Checkout, orders, the wallet and the admins' disputes, as children of `parent` (the root route). */
export function ordersRoutes<TParent extends AnyRoute>(parent: TParent) {
  const checkout = createRoute({
    getParentRoute: () => parent,
    path: "checkout/$gigId",
    validateSearch: validateCheckoutSearch,
    component: () => (
      <SignedIn>
        <CheckoutPage />
      </SignedIn>
    ),
  });
  const buying = createRoute({
    getParentRoute: () => parent,
    path: "orders",
    validateSearch: validateOrderListSearch,
    component: () => (
      <SignedIn>
        <BuyingOrdersPage />
      </SignedIn>
    ),
  });
  const order = createRoute({
    getParentRoute: () => parent,
    path: "orders/$orderId",
    component: () => (
      <SignedIn>
        <OrderPage />
      </SignedIn>
    ),
  });
  const selling = createRoute({
    getParentRoute: () => parent,
    path: "selling/orders",
    validateSearch: validateOrderListSearch,
    component: () => (
      <SignedIn>
        <SellingOrdersPage />
      </SignedIn>
    ),
  });
  const wallet = createRoute({
    getParentRoute: () => parent,
    path: "wallet",
    component: () => (
      <SignedIn>
        <WalletPage />
      </SignedIn>
    ),
  });
  const disputes = createRoute({
    getParentRoute: () => parent,
    path: "admin/disputes",
    component: () => (
      <SignedIn>
        <AdminDisputesPage />
      </SignedIn>
    ),
  });
  return [checkout, buying, order, selling, wallet, disputes] as const;
}
