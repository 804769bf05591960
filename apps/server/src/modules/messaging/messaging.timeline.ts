import type { TimelineItem } from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import { listEvents } from "../orders/orders.usecases";
import type { Viewer } from "../orders/orders.models";
import { conversationIdOfOrder, listOrderMessages } from "./messaging.usecases";

type OrderEvent = Awaited<ReturnType<typeof listEvents>>[number];
type Deps = Parameters<typeof listEvents>[0] & Pick<AppDeps, "config">;

/**
 * One timeline of the order's events and the messages posted about it, oldest first. Events come
 * before messages of the same instant (a delivery, then the note sent with it); each list keeps its
 * own insertion order.
 */
export function mergeTimeline(
  events: readonly OrderEvent[],
  messages: readonly Extract<TimelineItem, { type: "message" }>["message"][],
): TimelineItem[] {
  const items: TimelineItem[] = [
    ...events.map((event) => ({ type: "event" as const, at: event.createdAt, event })),
    ...messages.map((message) => ({ type: "message" as const, at: message.createdAt, message })),
  ];
  const rank = (item: TimelineItem) => (item.type === "event" ? 0 : 1);
  // Array.prototype.sort is stable: equal keys keep the order above.
  return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : rank(a) - rank(b)));
}

/**
 * The order page's timeline: participants and admins only (404 for anyone else, as for the order).
 * `conversationId` is where the participants post order messages (with `orderId`).
 */
export async function getOrderTimeline(deps: Deps, p: { orderId: string; viewer: Viewer }) {
  // listEvents answers 404 to anyone who may not see the order.
  const events = await listEvents(deps, { orderId: p.orderId, viewer: p.viewer });
  const messages = await listOrderMessages(deps, { orderId: p.orderId });
  const conversationId = await conversationIdOfOrder(deps, { orderId: p.orderId });
  return { orderId: p.orderId, conversationId, data: mergeTimeline(events, messages) };
}
