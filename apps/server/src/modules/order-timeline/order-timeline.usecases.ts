import { orderTimeline } from "../messaging/messaging.usecases";
import { listEvents } from "../orders/orders.usecases";
import type { Viewer } from "../orders/orders.public";

/**
 * TEMPORARY bridge for `orders.timeline.routes.ts` while the orders module is being split (issue 13):
 * the order timeline's use-case used to live in messaging and import orders (a cycle). Messaging now
 * offers `orderTimeline(deps, { orderId, events })`; orders should call it with its own `listEvents`
 * (which checks access) and drop this module. See docs/architecture.md, "Temporary exceptions".
 */
export async function getOrderTimeline(
  deps: Parameters<typeof listEvents>[0] & Parameters<typeof orderTimeline>[0],
  p: { orderId: string; viewer: Viewer },
) {
  // listEvents answers 404 to anyone who may not see the order.
  const events = await listEvents(deps, { orderId: p.orderId, viewer: p.viewer });
  return orderTimeline(deps, { orderId: p.orderId, events });
}
