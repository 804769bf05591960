import type { TimelineItem } from "@atelier/contracts";

/** An order event as the timeline shows it; the orders module reads them (and checks access). */
export type OrderEvent = Extract<TimelineItem, { type: "event" }>["event"];

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
