import type { Offer, Order } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import { expectProblem, getOrder, longSessions, step, useOrderScene, usd } from "../orders/orders.helpers";
import { offerBody, offerIn, payOffer } from "./negotiation.helpers";

const c = useOrderScene(longSessions);

describe("an offer's licence (API.md sections 12 and 13)", () => {
  it("is the seller's choice of the three kinds, personal when left out", async () => {
    const personal = await offerIn(c.seller, c.buyer, c.gigId);
    expect(personal.licence).toBe("personal");
    const commercial = await offerIn(c.seller, c.buyer, c.gigId, { licence: "commercial" });
    expect(commercial.licence).toBe("commercial");
    expect((await c.buyer.client.get<Offer>(`/api/offers/${commercial.id}`)).body.licence).toBe("commercial");
    const path = `/api/conversations/${commercial.conversationId}/offers`;
    for (const licence of ["exclusive", "", null, 3])
      expectProblem(await c.seller.client.post(path, offerBody({ licence })), 400, "validation_failed");
  });

  it("is the licence of the order paid from the offer, in its price, granted when the order completes", async () => {
    const offer = await offerIn(c.seller, c.buyer, c.gigId, { licence: "full_transfer", price: usd(20000) });
    const paid = await payOffer(c.buyer, offer.id);
    expect(paid.status).toBe(201);
    const order = paid.body as Order;
    expect(order.licence).toMatchObject({ kind: "full_transfer", status: "pending", grantedAt: null });
    // The licence adds nothing on top: the offer's price is the whole subtotal.
    expect(order.price).toMatchObject({ subtotal: usd(20000), serviceFee: usd(1100), total: usd(21100) });

    await step.requirements(c, order.id);
    await step.deliver(c, order.id);
    const completed = await step.accept(c, order.id);
    expect(completed.status).toBe("completed");
    expect(completed.licence).toMatchObject({ kind: "full_transfer", status: "granted" });
    expect(completed.licence.grantedAt).not.toBeNull();
    // The seller's view says the same.
    expect((await getOrder(c.seller, order.id)).licence).toMatchObject({
      kind: "full_transfer",
      status: "granted",
    });
  });
});
