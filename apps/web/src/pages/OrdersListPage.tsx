import type { Order, OrderStatus } from "@atelier/contracts";
import { useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { ButtonLink } from "../components/Button";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { CompassIcon, SearchIcon } from "../components/icons";
import { OrderStatusBadge } from "../components/OrderStatusBadge";
import { LoadingRegion, Skeleton } from "../components/Skeleton";
import { ShowMore } from "../components/ShowMore";
import { formatDate, formatDateTime, formatMoney } from "../lib/format";
import { ordersListQueryOptions, STATUS_LABELS, TIER_LABELS, type OrderRole } from "../lib/orders";
import { usePageTitle } from "../lib/usePageTitle";

const buyingRoute = getRouteApi("/orders");
const sellingRoute = getRouteApi("/selling/orders");

const TABS: { status: OrderStatus | undefined; label: string }[] = [
  { status: undefined, label: "All" },
  { status: "awaiting_requirements", label: "Awaiting requirements" },
  { status: "in_progress", label: "In progress" },
  { status: "delivered", label: "Delivered" },
  { status: "completed", label: "Completed" },
  { status: "cancelled", label: "Cancelled" },
  { status: "disputed", label: "In dispute" },
];

export function BuyingOrdersPage() {
  const { status } = buyingRoute.useSearch();
  usePageTitle("Your orders");
  return <OrdersList role="buyer" status={status} />;
}

export function SellingOrdersPage() {
  const { status } = sellingRoute.useSearch();
  usePageTitle("Selling: orders");
  return <OrdersList role="seller" status={status} />;
}

/** What the viewer needs to do on an order, if anything: shown as "Your move". */
function nextMove(order: Order): string | null {
  const can = (name: string) => order.actions.includes(name);
  if (can("accept_cancellation")) return "Answer the cancellation request";
  if (can("accept_extension")) return "Answer the extension request";
  if (can("submit_requirements")) return "Send the requirements";
  if (can("accept")) return "Review the delivery";
  if (can("late_cancel")) return "Late: you may cancel for a refund";
  if (can("deliver")) return order.dueAt ? `Deliver by ${formatDateTime(order.dueAt)}` : "Deliver the work";
  return null;
}

function OrdersList({ role, status }: { role: OrderRole; status: OrderStatus | undefined }) {
  const selling = role === "seller";
  const to = selling ? "/selling/orders" : "/orders";
  const orders = useInfiniteQuery(ordersListQueryOptions(role, status));

  return (
    <div className="mx-auto max-w-5xl px-4 py-10 sm:px-6 sm:py-12">
      <p className="text-sm font-medium text-stone-600">{selling ? "Selling" : "Buying"}</p>
      <h1 className="mt-1 font-display text-3xl font-semibold tracking-tight text-stone-900 sm:text-4xl">
        {selling ? "Orders from buyers" : "Your orders"}
      </h1>
      <p className="mt-2 text-stone-600">
        {selling
          ? "Every order for your services, with what each one needs from you."
          : "Everything you’ve bought. Payments stay in escrow until you accept the work."}
      </p>

      <nav aria-label="Filter by status" className="-mx-4 mt-8 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1 border-b border-stone-200">
          {TABS.map((tab) => {
            const active = tab.status === status;
            return (
              <li key={tab.label}>
                <Link
                  to={to}
                  search={tab.status ? { status: tab.status } : {}}
                  aria-current={active ? "page" : undefined}
                  className={`-mb-px inline-block border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap ${
                    active
                      ? "border-brand-700 text-brand-800"
                      : "border-transparent text-stone-600 hover:border-stone-300 hover:text-stone-900"
                  }`}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <div className="mt-6">
        {orders.isPending ? (
          <LoadingRegion label="Loading orders">
            <ul className="space-y-3">
              {[0, 1, 2, 3].map((i) => (
                <li key={i} className="rounded-2xl border border-stone-200 bg-white p-5">
                  <Skeleton className="h-5 w-2/3" />
                  <Skeleton className="mt-3 h-4 w-1/3" />
                </li>
              ))}
            </ul>
          </LoadingRegion>
        ) : orders.isError ? (
          <ErrorState
            title="Your orders couldn’t load"
            error={orders.error}
            onRetry={() => void orders.refetch()}
            retrying={orders.isFetching}
          />
        ) : orders.data.pages[0]?.data.length === 0 ? (
          <EmptyOrders role={role} status={status} />
        ) : (
          <>
            <ul className="space-y-3">
              {orders.data.pages.flatMap((page) =>
                page.data.map((order) => (
                  <li key={order.id}>
                    <OrderRow order={order} selling={selling} />
                  </li>
                )),
              )}
            </ul>
            <ShowMore pages={orders}>Show more orders</ShowMore>
          </>
        )}
      </div>
    </div>
  );
}

function OrderRow({ order, selling }: { order: Order; selling: boolean }) {
  const other = selling ? order.buyer : order.seller;
  const move = nextMove(order);
  return (
    <article className="group relative flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-5 transition-colors focus-within:border-brand-600 hover:border-stone-300 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <OrderStatusBadge status={order.status} isLate={order.isLate} />
        <h2 className="mt-2 font-medium text-stone-900">
          <Link
            to="/orders/$orderId"
            params={{ orderId: order.id }}
            className="after:absolute after:inset-0 after:rounded-2xl focus-visible:outline-none"
          >
            {order.gig.title}
          </Link>
        </h2>
        <p className="mt-1 text-sm text-stone-600">
          {selling ? "Ordered by " : "From "}
          {other.displayName} · {TIER_LABELS[order.tier]}
          {order.quantity > 1 ? ` × ${order.quantity}` : ""} · Placed {formatDate(order.createdAt)}
        </p>
        {move ? (
          <p className="mt-2 inline-flex items-center gap-1.5 rounded-full bg-amber-50 px-2.5 py-0.5 text-sm font-medium text-amber-900">
            <span aria-hidden="true">●</span> Your move: {move}
          </p>
        ) : null}
      </div>
      <div className="shrink-0 text-left sm:text-right">
        <p className="text-lg font-semibold text-stone-900">
          {formatMoney(selling ? order.price.sellerEarnings : order.price.total)}
        </p>
        <p className="text-sm text-stone-600">{selling ? "Your earnings" : "Total paid"}</p>
      </div>
    </article>
  );
}

function EmptyOrders({ role, status }: { role: OrderRole; status: OrderStatus | undefined }) {
  const selling = role === "seller";
  if (status) {
    return (
      <EmptyState
        icon={<CompassIcon className="size-6" />}
        title={`No orders ${status === "disputed" ? "in dispute" : `that are ${STATUS_LABELS[status].toLowerCase()}`}`}
        action={
          <ButtonLink to={selling ? "/selling/orders" : "/orders"} variant="secondary">
            See all orders
          </ButtonLink>
        }
      >
        <p>Orders move between these tabs as they go along.</p>
      </EmptyState>
    );
  }
  return selling ? (
    <EmptyState
      icon={<CompassIcon className="size-6" />}
      title="No orders yet"
      action={<ButtonLink to="/become-a-seller">Polish your seller profile</ButtonLink>}
    >
      <p>
        When buyers order your services, the orders show here. A clear profile and gigs with strong cover
        images help buyers find you.
      </p>
    </EmptyState>
  ) : (
    <EmptyState
      icon={<SearchIcon className="size-6" />}
      title="You haven’t ordered anything yet"
      action={<ButtonLink to="/search">Find a service</ButtonLink>}
    >
      <p>
        Browse independent professionals, pick a package, and pay safely: the money waits in escrow until you
        accept the work.
      </p>
    </EmptyState>
  );
}
