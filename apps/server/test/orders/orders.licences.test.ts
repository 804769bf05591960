/**
 * Licences (API.md section 12): offered per gig, chosen at quote and checkout, stored on the order,
 * `granted` when the buyer's money is released to the seller and `revoked` when it goes back, in
 * every money path: acceptance, auto-completion, a dispute's split, refunds.
 */
import type { Gig, Order, Quote } from "@atelier/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { advance, DAY, HOUR, orderIn, placeOrder, step, useOrderScene, type Cast } from "./orders.helpers";

const c: Cast = useOrderScene();

const LICENCES = [
  { kind: "full_transfer", price: { amount: 50000, currency: "USD" } },
  { kind: "personal", price: { amount: 0, currency: "USD" } },
  { kind: "commercial", price: { amount: 2000, currency: "USD" } },
];

beforeAll(async () => {
  await c.server.deps.db.query("UPDATE gigs SET licences = $2::jsonb WHERE id = $1", [
    c.gigId,
    JSON.stringify(LICENCES),
  ]);
});

const resolve = (id: string, body: Record<string, unknown>) =>
  c.admin.client.post<Order>(`/api/admin/disputes/${id}/resolve`, body);

describe("offering and choosing a licence", () => {
  it("shows the licences cheapest first, with each package's all-in price per licence", async () => {
    const gig = (await c.buyer.client.get<Gig>(`/api/gigs/${c.gigId}`)).body;
    expect(gig.licences.map((l) => [l.kind, l.price.amount])).toEqual([
      ["personal", 0],
      ["commercial", 2000],
      ["full_transfer", 50000],
    ]);
    // Basic 50.00: personal 50.00 + 2.75 + 3.00 = 55.75; commercial 70.00 + 3.85 + 3.00 = 76.85;
    // full transfer 550.00 + 30.25 = 580.25 (no small-order fee from 100.00 up).
    expect(gig.packages[0]?.licencesAllIn.map((l) => [l.kind, l.total.amount])).toEqual([
      ["personal", 5575],
      ["commercial", 7685],
      ["full_transfer", 58025],
    ]);
  });

  it("prices the chosen licence into the quote and the order; the default is the cheapest", async () => {
    const quote = (
      await c.buyer.client.post<Quote>("/api/orders/quote", {
        gigId: c.gigId,
        tier: "basic",
        licence: "commercial",
      })
    ).body;
    expect(quote).toMatchObject({
      subtotal: { amount: 7000 },
      serviceFee: { amount: 685 },
      total: { amount: 7685 },
      sellerEarnings: { amount: 5600 },
      licence: { kind: "commercial", price: { amount: 2000, currency: "USD" } },
    });
    const cheapest = (
      await c.buyer.client.post<Quote>("/api/orders/quote", { gigId: c.gigId, tier: "basic" })
    ).body;
    expect(cheapest.licence.kind).toBe("personal");
    expect(cheapest.total.amount).toBe(5575);

    const order = await placeOrder(c.buyer, c.gigId, { licence: "commercial" });
    expect(order.licence).toEqual({
      kind: "commercial",
      status: "pending",
      grantedAt: null,
      revokedAt: null,
    });
    expect(order.price.total.amount).toBe(7685);
  });

  it("refuses a licence the gig does not offer (400 naming the field)", async () => {
    await c.server.deps.db.query("UPDATE gigs SET licences = $2::jsonb WHERE id = $1", [
      c.gigId,
      JSON.stringify(LICENCES.filter((l) => l.kind !== "full_transfer")),
    ]);
    try {
      const res = await c.buyer.client.post("/api/orders/quote", {
        gigId: c.gigId,
        tier: "basic",
        licence: "full_transfer",
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "validation_failed", errors: [{ path: "licence" }] });
    } finally {
      await c.server.deps.db.query("UPDATE gigs SET licences = $2::jsonb WHERE id = $1", [
        c.gigId,
        JSON.stringify(LICENCES),
      ]);
    }
  });
});

describe("the licence follows the money", () => {
  it("is granted when the buyer accepts (the money is released to the seller)", async () => {
    const order = await orderIn(c, "delivered", { licence: "commercial" });
    expect(order.licence.status).toBe("pending");
    const done = await step.accept(c, order.id);
    expect(done.licence).toEqual({
      kind: "commercial",
      status: "granted",
      grantedAt: done.completedAt,
      revokedAt: null,
    });
  });

  it("is granted when a delivery completes by itself after 3 days", async () => {
    const order = await orderIn(c, "delivered", { licence: "full_transfer" });
    await advance(c.server, 3 * DAY + HOUR);
    const done = (await c.buyer.client.get<Order>(`/api/orders/${order.id}`)).body;
    expect(done.status).toBe("completed");
    expect(done.licence).toMatchObject({ kind: "full_transfer", status: "granted" });
  });

  it("is granted by a split that pays the seller a share, revoked by one that refunds everything", async () => {
    const shared = await orderIn(c, "disputed", { licence: "commercial" });
    const split = await resolve(shared.id, { outcome: "split", buyerRefundPercent: 60 });
    expect(split.status).toBe(200);
    expect(split.body.licence.status).toBe("granted");

    const refunded = await orderIn(c, "disputed", { licence: "commercial" });
    const all = await resolve(refunded.id, { outcome: "split", buyerRefundPercent: 100 });
    expect(all.body.resolution?.sellerEarnings.amount).toBe(0);
    expect(all.body.licence).toMatchObject({ status: "revoked", grantedAt: null });
  });

  it("is revoked when the money goes back to the buyer (dispute decided for the buyer, cancellation)", async () => {
    const disputed = await orderIn(c, "disputed", { licence: "commercial" });
    const cancelled = await resolve(disputed.id, { outcome: "cancel", fault: "seller" });
    expect(cancelled.body.licence).toMatchObject({ kind: "commercial", status: "revoked" });
    expect(cancelled.body.licence.revokedAt).toBe(cancelled.body.cancelledAt);

    const mutual = await orderIn(c, "cancelled");
    expect(mutual.licence).toMatchObject({ kind: "personal", status: "revoked" });
  });

  it("records the licence on the timeline event of the money move", async () => {
    const order = await orderIn(c, "completed", { licence: "commercial" });
    const events = (
      await c.buyer.client.get<{ data: { kind: string; data: Record<string, unknown> }[] }>(
        `/api/orders/${order.id}/events`,
      )
    ).body;
    const accept = events.data.find((e) => e.kind === "accept");
    expect(accept?.data.licence).toEqual({ kind: "commercial", status: "granted" });
  });
});
