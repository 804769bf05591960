import { type Gig } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { orderQueryOptions } from "../../lib/orders";
import { Checkout } from "./Checkout";
import { CheckoutSkeleton } from "./CheckoutSkeleton";
import { PaidCheckout } from "./PaidCheckout";
import { route } from "./checkoutHelpers";

/**
 * A checkout that was paid remembers its order in its own history entry (`?paid=`): coming back to it
 * shows that it is paid, with the way to the order, and no pay button that would buy it again. The
 * order is read from the server, so an address that names someone else's order (or none) is just a
 * checkout.
 */
export function CheckoutOrPaid({ gig }: { gig: Gig }) {
  const { paid } = route.useSearch();
  const order = useQuery({ ...orderQueryOptions(paid ?? ""), enabled: paid !== undefined, retry: false });
  if (paid === undefined) return <Checkout gig={gig} />;
  if (order.isPending) return <CheckoutSkeleton />;
  if (order.isSuccess && order.data.gig.id === gig.id) return <PaidCheckout gig={gig} order={order.data} />;
  return <Checkout gig={gig} />;
}
