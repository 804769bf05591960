import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { ButtonLink } from "../../components/Button";
import { NotFoundState } from "../../components/NotFoundState";
import { PageErrorState } from "../../components/ErrorState";
import { isApiError } from "../../lib/api";
import { orderQueryOptions } from "../../lib/orders";
import { usePageTitle } from "../../lib/usePageTitle";
import { OrderSkeleton } from "./OrderSkeleton";
import { OrderView } from "./OrderView";

const route = getRouteApi("/orders/$orderId");

export function OrderPage() {
  const { orderId } = route.useParams();
  // The other party acts from their own browser: look again now and then, and whenever the tab returns.
  const order = useQuery({ ...orderQueryOptions(orderId), refetchInterval: 20_000 });
  usePageTitle(order.data ? order.data.gig.title : "Order");

  if (order.isPending) return <OrderSkeleton />;
  if (order.isError) {
    if (isApiError(order.error, 404)) {
      return (
        <NotFoundState
          title="We couldn’t find this order"
          action={<ButtonLink to="/orders">See your orders</ButtonLink>}
        >
          <p>It may belong to another account. Your orders are all listed on the orders page.</p>
        </NotFoundState>
      );
    }
    return <PageErrorState title="This order couldn’t load" query={order} />;
  }
  return <OrderView order={order.data} />;
}
