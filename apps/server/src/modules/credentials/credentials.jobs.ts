import { LICENCE_SETTLING_TRANSITIONS } from "../orders/orders.public";
import type { EventBus } from "../../platform/events";
import { issueForLatestDelivery, resignOrderReceipts, type CredentialsDeps } from "./credentials.usecases";

/**
 * Every delivery gets its content credentials in the transaction that records it: a subscriber to
 * the order's `deliver` transition (the orders module needs no change; see docs/credentials.md).
 */
export function subscribeDeliveryCredentials(deps: CredentialsDeps & { events: EventBus }): void {
  deps.events.subscribe("order.updated", async (tx, events) => {
    for (const event of events) {
      if (event.data.kind === "deliver") await issueForLatestDelivery(deps, tx, event.data.orderId);
      else if (LICENCE_SETTLING_TRANSITIONS.has(String(event.data.kind)))
        await resignOrderReceipts(deps, tx, event.data.orderId);
    }
  });
}
