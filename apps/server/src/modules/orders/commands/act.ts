import type { Order } from "@atelier/contracts";
import { notFound } from "../../../platform/errors";
import type { OrdersDeps } from "../orders.deps";
import type { TransitionInput } from "../orders.effects";
import type { TransitionName } from "../orders.lifecycle";
import { roleOf, type Viewer } from "../orders.models";
import { toOrderView } from "../orders.view";
import { applyTransition } from "./apply-transition";

/** A person's transition, in its own transaction; returns the order as that person sees it. */
export async function act(
  deps: OrdersDeps,
  p: { orderId: string; name: TransitionName; viewer: Viewer; input?: TransitionInput },
): Promise<Order> {
  return deps.db.transaction(async (tx) => {
    const order = await applyTransition(deps, tx, p);
    const role = roleOf(order, p.viewer, ["buyer", "seller", "admin"]);
    if (!role) throw notFound("order");
    return toOrderView(tx, order, role, deps, deps.clock.now());
  });
}
