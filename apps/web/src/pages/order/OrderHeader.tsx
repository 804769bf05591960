import type { Order } from "@atelier/contracts";
import { Link } from "@tanstack/react-router";
import { OrderStatusBadge } from "../../components/OrderStatusBadge";
import { formatDate } from "../../lib/format";
import { Countdown } from "./Countdown";

export function OrderHeader({ order }: { order: Order }) {
  const selling = order.viewerRole === "seller";
  const other = selling ? order.buyer : order.seller;
  return (
    <header>
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        {order.viewerRole === "admin" ? (
          <Link to="/admin/disputes" className="hover:text-brand-800 hover:underline">
            ← Disputes
          </Link>
        ) : selling ? (
          <Link to="/selling/orders" className="hover:text-brand-800 hover:underline">
            ← Selling
          </Link>
        ) : (
          <Link to="/orders" className="hover:text-brand-800 hover:underline">
            ← Your orders
          </Link>
        )}
      </nav>
      <div className="mt-3 flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <div className="min-w-0">
          <OrderStatusBadge status={order.status} isLate={order.isLate} />
          <h1 className="mt-2 font-display text-2xl font-semibold tracking-tight text-balance text-stone-900 sm:text-3xl">
            {order.gig.title}
          </h1>
          <p className="mt-2 text-sm text-stone-600">
            {order.viewerRole === "admin" ? (
              <>
                {order.buyer.displayName} (buyer) and {order.seller.displayName} (seller)
              </>
            ) : (
              <>
                {selling ? "Ordered by " : "From "}
                <Link
                  to="/users/$username"
                  params={{ username: other.username }}
                  className="font-medium text-stone-800 hover:text-brand-800 hover:underline"
                >
                  {other.displayName}
                </Link>
              </>
            )}
            {" · "}Placed <time dateTime={order.createdAt}>{formatDate(order.createdAt)}</time>
            {" · "}
            <span className="font-mono text-xs">{order.id}</span>
          </p>
        </div>
        <Countdown order={order} />
      </div>
    </header>
  );
}
