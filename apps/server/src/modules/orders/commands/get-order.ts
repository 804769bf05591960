import type { Order } from "@atelier/contracts";
import { notFound } from "../../../platform/errors";
import type { OrdersDeps } from "../orders.deps";
import { roleOf, type Viewer } from "../orders.models";
import { createOrdersRepository } from "../orders.repository";
import { toOrderView } from "../orders.view";

/** One order as its buyer, its seller or an admin sees it; anyone else gets a 404. */
export async function getOrder(
  deps: Pick<OrdersDeps, "db" | "clock" | "config">,
  { orderId, viewer }: { orderId: string; viewer: Viewer },
): Promise<Order> {
  const order = await createOrdersRepository(deps.db).findOrder(orderId);
  const role = order ? roleOf(order, viewer, ["buyer", "seller", "admin"]) : null;
  if (!order || !role) throw notFound("order");
  return toOrderView(deps.db, order, role, deps, deps.clock.now());
}
