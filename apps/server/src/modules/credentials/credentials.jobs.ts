import type { EventBus } from "../../platform/events";
import { issueForLatestDelivery, type CredentialsDeps } from "./credentials.usecases";

/**
 * Every delivery gets its content credentials in the transaction that records it: a subscriber to
 * the order's `deliver` transition (the orders module needs no change; see docs/credentials.md).
 */
export function subscribeDeliveryCredentials(deps: CredentialsDeps & { events: EventBus }): void {
  deps.events.subscribe("order.updated", async (tx, events) => {
    for (const event of events) {
      if (event.data.kind === "deliver") await issueForLatestDelivery(deps, tx, event.data.orderId);
    }
  });
}
