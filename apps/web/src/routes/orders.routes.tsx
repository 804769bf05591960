import { lazy } from "react";
import type { LicenceKind, OrderStatus, PackageTier } from "@atelier/contracts";
import { createRoute, type AnyRoute } from "@tanstack/react-router";
import { SignedIn } from "../components/SignedIn";
import { requireSignedIn } from "./guards";
import { isOrderStatus } from "../lib/queryKeys";

// Route-level code splitting: each page is its own chunk, loaded when its route renders.
const AdminDisputesPage = lazy(() =>
  import("../pages/AdminDisputesPage").then((m) => ({ default: m.AdminDisputesPage })),
);
const CheckoutPage = lazy(() => import("../pages/checkout").then((m) => ({ default: m.CheckoutPage })));
const OrderPage = lazy(() => import("../pages/order").then((m) => ({ default: m.OrderPage })));
const BuyingOrdersPage = lazy(() =>
  import("../pages/OrdersListPage").then((m) => ({ default: m.BuyingOrdersPage })),
);
const SellingOrdersPage = lazy(() =>
  import("../pages/OrdersListPage").then((m) => ({ default: m.SellingOrdersPage })),
);
const WalletPage = lazy(() => import("../pages/wallet").then((m) => ({ default: m.WalletPage })));

export interface CheckoutSearch {
  tier?: PackageTier;
  licence?: LicenceKind;
  /** The order this checkout placed: set when it is paid, so Back shows it paid (not a live checkout). */
  paid?: string;
}

export interface OrderListSearch {
  status?: OrderStatus;
}

function validateCheckoutSearch(search: Record<string, unknown>): CheckoutSearch {
  const tier = search.tier;
  const paid =
    typeof search.paid === "string" && /^ord_[0-9a-z]{1,40}$/.test(search.paid) ? search.paid : undefined;
  return {
    ...(tier === "basic" || tier === "standard" || tier === "premium" ? { tier } : {}),
    ...(search.licence === "personal" || search.licence === "commercial" || search.licence === "full_transfer"
      ? { licence: search.licence }
      : {}),
    ...(paid ? { paid } : {}),
  };
}

function validateOrderListSearch(search: Record<string, unknown>): OrderListSearch {
  return isOrderStatus(search.status) ? { status: search.status } : {};
}

/** Checkout, orders, the wallet and the admins' disputes, as children of `parent` (the root route). */
export function ordersRoutes<TParent extends AnyRoute>(parent: TParent) {
  const checkout = createRoute({
    getParentRoute: () => parent,
    path: "checkout/$gigId",
    validateSearch: validateCheckoutSearch,
    beforeLoad: requireSignedIn,
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
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <BuyingOrdersPage />
      </SignedIn>
    ),
  });
  const order = createRoute({
    getParentRoute: () => parent,
    path: "orders/$orderId",
    beforeLoad: requireSignedIn,
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
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <SellingOrdersPage />
      </SignedIn>
    ),
  });
  const wallet = createRoute({
    getParentRoute: () => parent,
    path: "wallet",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <WalletPage />
      </SignedIn>
    ),
  });
  const disputes = createRoute({
    getParentRoute: () => parent,
    path: "admin/disputes",
    beforeLoad: requireSignedIn,
    component: () => (
      <SignedIn>
        <AdminDisputesPage />
      </SignedIn>
    ),
  });
  return [checkout, buying, order, selling, wallet, disputes] as const;
}
