import type { Order } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import { unique } from "../client";
import {
  advance,
  DAY,
  expectLedgerBalanced,
  expectProblem,
  longSessions,
  useOrderScene,
  usd,
} from "../orders/orders.helpers";
import { offerBody, offerIn, payOffer } from "./negotiation.helpers";

const c = useOrderScene(longSessions);

describe("custom offers in a conversation", () => {
  it("shows the offer as its own message, with the all-in price, to the two parties and admins only", async () => {
    const offer = await offerIn(c.seller, c.buyer, c.gigId);
    expect(offer).toMatchObject({
      status: "open",
      buyer: { username: c.buyer.username },
      seller: { username: c.seller.username },
      gig: { id: c.gigId },
      price: usd(12000),
      // 120.00 + 5.5 % service fee (no small-order fee at 100.00 or more).
      serviceFee: usd(660),
      total: usd(12660),
      deliveryDays: 5,
      revisions: 2,
      orderId: null,
    });
    const created = Date.parse(offer.createdAt);
    expect(Date.parse(offer.expiresAt) - created).toBe(3 * DAY * 1000);

    const messages = await c.buyer.client.get(`/api/conversations/${offer.conversationId}/messages`);
    expect(messages.body.data[0]).toMatchObject({
      offerId: offer.id,
      sender: { username: c.seller.username },
    });

    expect((await c.buyer.client.get(`/api/offers/${offer.id}`)).body.id).toBe(offer.id);
    expect((await c.admin.client.get(`/api/offers/${offer.id}`)).status).toBe(200);
    expectProblem(await c.stranger.client.get(`/api/offers/${offer.id}`), 404, "not_found");
    expectProblem(await c.stranger.client.post(`/api/offers/${offer.id}/decline`), 404, "not_found");
    expectProblem(await payOffer(c.stranger, offer.id), 404, "not_found");
    // A stranger cannot put an offer into someone else's conversation.
    expectProblem(
      await c.stranger.client.post(`/api/conversations/${offer.conversationId}/offers`, offerBody()),
      404,
      "not_found",
    );
  });

  it("refuses a buyer's offer, a price under 5.00, and an expiry outside 1–14 days", async () => {
    const offer = await offerIn(c.seller, c.buyer, c.gigId);
    const path = `/api/conversations/${offer.conversationId}/offers`;
    expectProblem(await c.buyer.client.post(path, offerBody({ gigId: c.gigId })), 403, "not_a_seller");
    for (const bad of [
      { price: usd(499) },
      { expiresInDays: 0 },
      { expiresInDays: 15 },
      { price: { amount: 12000, currency: "EUR" } },
      { licence: "exclusive" },
    ]) {
      expectProblem(await c.seller.client.post(path, offerBody(bad)), 400, "validation_failed");
    }
    expect((await c.seller.client.post(path, offerBody({ price: usd(500), expiresInDays: 14 }))).status).toBe(
      201,
    );
  });

  it("lets the seller withdraw and the buyer decline, each only their own action, once", async () => {
    const first = await offerIn(c.seller, c.buyer, c.gigId);
    expectProblem(await c.buyer.client.post(`/api/offers/${first.id}/withdraw`), 403, "forbidden");
    const withdrawn = await c.seller.client.post(`/api/offers/${first.id}/withdraw`);
    expect(withdrawn.body).toMatchObject({ status: "withdrawn" });
    expectProblem(await c.seller.client.post(`/api/offers/${first.id}/withdraw`), 409, "offer_unavailable");
    expectProblem(await payOffer(c.buyer, first.id), 409, "offer_unavailable");

    const second = await offerIn(c.seller, c.buyer, c.gigId);
    expectProblem(await c.seller.client.post(`/api/offers/${second.id}/decline`), 403, "forbidden");
    expect((await c.buyer.client.post(`/api/offers/${second.id}/decline`)).body.status).toBe("declined");
    expectProblem(await c.buyer.client.post(`/api/offers/${second.id}/decline`), 409, "offer_unavailable");
    expectProblem(await payOffer(c.buyer, second.id), 409, "offer_unavailable");
    // The seller hears of the decline.
    const notes = await c.seller.client.get("/api/notifications");
    expect(notes.body.data.map((n: { kind: string }) => n.kind)).toContain("offer_declined");
  });

  it("is payable until its expiry and not a second later; the expiry job marks it expired", async () => {
    const early = await offerIn(c.seller, c.buyer, c.gigId, { expiresInDays: 1 });
    const late = await offerIn(c.seller, c.buyer, c.gigId, { expiresInDays: 1 });
    await advance(c.server, DAY - 30);
    expect((await c.buyer.client.get(`/api/offers/${late.id}`)).body.status).toBe("open");
    expect((await payOffer(c.buyer, early.id)).status).toBe(201);
    await advance(c.server, 31);
    const expired = await c.buyer.client.get(`/api/offers/${late.id}`);
    expect(expired.body.status).toBe("expired");
    expectProblem(await payOffer(c.buyer, late.id), 409, "offer_unavailable");
    expectProblem(await c.buyer.client.post(`/api/offers/${late.id}/decline`), 409, "offer_unavailable");
    // The job ran: the row itself says expired, and both sides were told.
    const notes = await c.buyer.client.get("/api/notifications");
    expect(notes.body.data.map((n: { kind: string }) => n.kind)).toContain("offer_expired");
    // The paid one stays accepted.
    expect((await c.buyer.client.get(`/api/offers/${early.id}`)).body.status).toBe("accepted");
  });
});

describe("paying an offer (POST /api/orders { offerId })", () => {
  it("places an order at the offer's terms with the usual fees; a replay returns it, a second payment is 409", async () => {
    const offer = await offerIn(c.seller, c.buyer, c.gigId, {
      price: usd(15000),
      deliveryDays: 4,
      revisions: null,
    });
    const key = unique("key");
    const paid = await payOffer(c.buyer, offer.id, key);
    expect(paid.status).toBe(201);
    const order = paid.body as Order;
    expect(order).toMatchObject({
      status: "awaiting_requirements",
      // 150.00 + 5.5 %; the seller earns 150.00 less 20 % commission.
      price: { subtotal: usd(15000), serviceFee: usd(825), total: usd(15825), sellerEarnings: usd(12000) },
      deliveryDays: 4,
      revisionsAllowed: null,
      gig: { id: c.gigId },
    });
    const replay = await payOffer(c.buyer, offer.id, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.id).toBe(order.id);
    expectProblem(await payOffer(c.buyer, offer.id), 409, "offer_unavailable");
    const after = await c.buyer.client.get(`/api/offers/${offer.id}`);
    expect(after.body).toMatchObject({ status: "accepted", orderId: order.id });
    await expectLedgerBalanced(c.admin);
  });

  it("makes exactly one order of 50 parallel payments of one offer", async () => {
    const offer = await offerIn(c.seller, c.buyer, c.gigId, { title: `Parallel ${unique("t")}` });
    const results = await Promise.all(Array.from({ length: 50 }, () => payOffer(c.buyer, offer.id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe("offer_unavailable");
    const orders = await c.buyer.client.get<{ data: Order[] }>("/api/orders?role=buyer&limit=100");
    expect(orders.body.data.filter((o) => o.gig.title === offer.title)).toHaveLength(1);
    await expectLedgerBalanced(c.admin);
  });
});
