import type { Order } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import { unique } from "../client";
import { offerBody, offerIn, payOffer } from "../negotiation/negotiation.helpers";
import {
  advance,
  balances,
  DAY,
  expectLedgerBalanced,
  expectProblem,
  getOrder,
  longSessions,
  useOrderScene,
  usd,
  type Party,
} from "./orders.helpers";

const c = useOrderScene(longSessions);

/** Three milestones of 50.00: a 150.00 offer. */
const THREE = [
  { title: "Sketches", price: usd(5000), deliveryDays: 2 },
  { title: "Final logo", price: usd(5000), deliveryDays: 3 },
  { title: "Brand sheet", price: usd(5000), deliveryDays: 2 },
];

async function milestoneOrder(milestones = THREE, price = 15000): Promise<Order> {
  const offer = await offerIn(c.seller, c.buyer, c.gigId, { price: usd(price), milestones });
  const res = await payOffer(c.buyer, offer.id);
  if (res.status !== 201) throw new Error(`pay: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Order;
}

const path = (o: Order, i: number, action: string) =>
  `/api/orders/${o.id}/milestones/${o.milestones[i]?.id ?? "mst_missing"}/${action}`;
const delivery = { message: "Here it is", fileIds: [], aiUse: "none" };

async function deliver(o: Order, i: number): Promise<Order> {
  const res = await c.seller.client.post<Order>(path(o, i, "deliveries"), delivery);
  expect(res.status).toBe(200);
  return res.body;
}
async function accept(o: Order, i: number, who: Party = c.buyer): Promise<Order> {
  const res = await who.client.post<Order>(path(o, i, "accept"));
  expect(res.status).toBe(200);
  return res.body;
}

/** What the ledger moved for one order, per account (minor units). */
async function ledgerOf(orderId: string): Promise<Record<string, number>> {
  const rows = await c.server.deps.db.query<{ account_id: string; amount: string | number }>(
    `SELECT p.account_id, sum(p.amount) AS amount FROM ledger_postings p
       JOIN ledger_transactions t ON t.id = p.transaction_id
     WHERE t.order_id = $1 GROUP BY p.account_id`,
    [orderId],
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.account_id.replace(orderId, "ORDER").replace(/usr_[0-9a-zA-Z]+/, "USER"),
      Number(r.amount),
    ]),
  );
}

describe("offers in milestones", () => {
  it("refuses milestones outside 2–6 parts, under 100.00, with prices that do not add up", async () => {
    const offer = await offerIn(c.seller, c.buyer, c.gigId);
    const url = `/api/conversations/${offer.conversationId}/offers`;
    const post = (body: Record<string, unknown>) => c.seller.client.post(url, offerBody(body));
    const part = (amount: number) => ({ title: "Part", price: usd(amount), deliveryDays: 2 });
    expectProblem(await post({ price: usd(10000), milestones: [part(10000)] }), 400, "validation_failed");
    expectProblem(
      await post({ price: usd(70000), milestones: Array.from({ length: 7 }, () => part(10000)) }),
      400,
      "validation_failed",
    );
    expectProblem(
      await post({ price: usd(10000), milestones: [part(10000), part(0)] }),
      400,
      "validation_failed",
    );
    expectProblem(
      await post({ price: usd(9999), milestones: [part(5000), part(4999)] }),
      400,
      "milestones_not_allowed",
    );
    expectProblem(
      await post({ price: usd(12000), milestones: [part(6000), part(5999)] }),
      400,
      "milestones_sum_mismatch",
    );
    expectProblem(
      await post({
        price: usd(12000),
        milestones: [
          part(6000),
          { title: "Part", price: { amount: 6000, currency: "EUR" }, deliveryDays: 2 },
        ],
      }),
      400,
      "milestones_sum_mismatch",
    );
    const ok = await post({ price: usd(10000), milestones: [part(5000), part(5000)] });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      milestones: [
        { title: "Part", price: usd(5000), deliveryDays: 2 },
        { title: "Part", price: usd(5000), deliveryDays: 2 },
      ],
    });
  });
});

describe("an order paid in milestones", () => {
  it("charges the whole price, releases each share to the cent, and refunds the rest on cancel", async () => {
    const before = await balances(c.seller);
    const buyerBefore = await balances(c.buyer);
    const o = await milestoneOrder();
    // 150.00 + 5.5 % service fee (no small-order fee at 100.00 or more) = 158.25, all in escrow.
    expect(o.price).toEqual({
      subtotal: usd(15000),
      serviceFee: usd(825),
      total: usd(15825),
      sellerEarnings: usd(12000),
    });
    expect(o.status).toBe("in_progress");
    expect(o.milestones.map((m) => [m.title, m.amount.amount, m.sellerEarnings.amount, m.status])).toEqual([
      ["Sketches", 5000, 4000, "in_progress"],
      ["Final logo", 5000, 4000, "pending"],
      ["Brand sheet", 5000, 4000, "pending"],
    ]);
    expect(o.milestones[0]?.dueAt).not.toBeNull();
    expect(o.milestones[1]?.dueAt).toBeNull();
    expect(await ledgerOf(o.id)).toEqual({ "external:card": -15825, "escrow:ORDER": 15825 });

    // The first milestone: delivered, accepted → 50.00 + 2.75 leave escrow: 40.00 to the seller's
    // pending clearance, 10.00 commission, 2.75 fee; the second starts.
    const delivered = await deliver(o, 0);
    expect(delivered.milestones[0]).toMatchObject({ status: "delivered", actions: [] });
    expect((await getOrder(c.buyer, o.id)).milestones[0]?.actions.sort()).toEqual([
      "accept",
      "request_revision",
    ]);
    const accepted = await accept(o, 0);
    expect(accepted.status).toBe("in_progress");
    expect(accepted.milestones.map((m) => m.status)).toEqual(["completed", "in_progress", "pending"]);
    expect(accepted.milestones[0]?.clearsAt).not.toBeNull();
    expect(await ledgerOf(o.id)).toEqual({
      "external:card": -15825,
      "escrow:ORDER": 15825 - 5275,
      "seller:USER:pending": 4000,
      "platform:commission": 1000,
      "platform:fees": 275,
    });
    expect((await balances(c.seller)).pending - before.pending).toBe(4000);
    const wallet = await c.seller.client.get("/api/wallet");
    expect(wallet.body.clearing).toContainEqual(
      expect.objectContaining({ orderId: o.id, milestoneTitle: "Sketches", amount: usd(4000) }),
    );

    // Cancelled by both parties after the first: the other two (2 × 52.75) go back as credits; the
    // first milestone's share stays with the seller.
    const asked = await c.seller.client.post<Order>(`/api/orders/${o.id}/cancellation-requests`, {
      reason: "Let us stop here",
    });
    const requestId = asked.body.requests.find((r) => r.status === "pending")?.id ?? "";
    const cancelled = await c.buyer.client.post<Order>(
      `/api/orders/${o.id}/cancellation-requests/${requestId}/accept`,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect(cancelled.body.milestones.map((m) => m.status)).toEqual(["completed", "cancelled", "cancelled"]);
    // The licence covers the accepted milestone the buyer paid for (docs/orders.md "Milestones").
    expect(cancelled.body.licence.status).toBe("granted");
    expect(await ledgerOf(o.id)).toEqual({
      "external:card": -15825,
      "escrow:ORDER": 0,
      "seller:USER:pending": 4000,
      "platform:commission": 1000,
      "platform:fees": 275,
      "buyer:USER:credits": 10550,
    });
    expect((await balances(c.buyer)).credits - buyerBefore.credits).toBe(10550);
    expect((await balances(c.seller)).pending - before.pending).toBe(4000);
    await expectLedgerBalanced(c.admin);
  });

  it("completes with the last acceptance, grants the licence, and clears each share on its own", async () => {
    const before = await balances(c.seller);
    let o = await milestoneOrder();
    for (let i = 0; i < 3; i++) {
      await deliver(o, i);
      o = await accept(o, i);
    }
    expect(o.status).toBe("completed");
    expect(o.licence.status).toBe("granted");
    expect(o.milestones.map((m) => m.status)).toEqual(["completed", "completed", "completed"]);
    expect(await ledgerOf(o.id)).toEqual({
      "external:card": -15825,
      "escrow:ORDER": 0,
      "seller:USER:pending": 12000,
      "platform:commission": 3000,
      "platform:fees": 825,
    });
    expect((await balances(c.seller)).pending - before.pending).toBe(12000);
    await advance(c.server, 15 * DAY);
    // Every share cleared (an earlier test's share cleared with them: compare the sum).
    const after = await balances(c.seller);
    expect(after.pending).toBe(0);
    expect(after.available + after.pending - (before.available + before.pending)).toBe(12000);
    expect((await getOrder(c.seller, o.id)).milestones.every((m) => m.clearedAt !== null)).toBe(true);
    await expectLedgerBalanced(c.admin);
  });

  it("allocates fee and commission by largest remainder so the shares add up exactly", async () => {
    // 100.01 in 33.33 / 33.34 / 33.34: fee 5.50 (5.5 % of 100.01 = 5.50055), commission 20.00.
    const o = await milestoneOrder(
      [
        { title: "One", price: usd(3333), deliveryDays: 1 },
        { title: "Two", price: usd(3334), deliveryDays: 1 },
        { title: "Three", price: usd(3334), deliveryDays: 1 },
      ],
      10001,
    );
    expect(o.price.total).toEqual(usd(10551));
    const earnings = o.milestones.map((m) => m.sellerEarnings.amount);
    expect(earnings.reduce((s, x) => s + x, 0)).toBe(o.price.sellerEarnings.amount);
    let order = o;
    for (let i = 0; i < 3; i++) {
      await deliver(order, i);
      order = await accept(order, i);
    }
    const moved = await ledgerOf(o.id);
    expect(moved["escrow:ORDER"]).toBe(0);
    expect(moved["seller:USER:pending"]).toBe(o.price.sellerEarnings.amount);
    expect((moved["platform:commission"] ?? 0) + (moved["platform:fees"] ?? 0)).toBe(
      10551 - o.price.sellerEarnings.amount,
    );
  });

  it("revises, then auto-accepts a delivery left alone for 3 days (a timer on the test clock)", async () => {
    const o = await milestoneOrder();
    await deliver(o, 0);
    const revised = await c.buyer.client.post<Order>(path(o, 0, "revision-requests"), { message: "Bolder" });
    expect(revised.body.milestones[0]).toMatchObject({ status: "in_progress", revisionsLeft: 1 });
    const again = await deliver(o, 0);
    expect(again.milestones[0]?.autoAcceptAt).not.toBeNull();
    expect(again.deliveries.filter((d) => d.milestoneId === o.milestones[0]?.id)).toHaveLength(2);
    await advance(c.server, 3 * DAY + 60);
    const later = await getOrder(c.buyer, o.id);
    expect(later.milestones.map((m) => m.status)).toEqual(["completed", "in_progress", "pending"]);
  });

  it("answers strangers 404 on every milestone route; the buyer cannot deliver, the seller cannot accept", async () => {
    const o = await milestoneOrder();
    for (const [action, body] of [
      ["deliveries", delivery],
      ["accept", undefined],
      ["revision-requests", { message: "x" }],
    ] as const) {
      expectProblem(await c.stranger.client.post(path(o, 0, action), body), 404, "not_found");
    }
    expectProblem(await c.buyer.client.post(path(o, 0, "deliveries"), delivery), 403, "forbidden");
    await deliver(o, 0);
    expectProblem(await c.seller.client.post(path(o, 0, "accept")), 403, "forbidden");
    expectProblem(
      await c.seller.client.post(path(o, 0, "revision-requests"), { message: "x" }),
      403,
      "forbidden",
    );
    // The order's own delivery and acceptance are not for an order paid in milestones.
    expectProblem(
      await c.seller.client.post(`/api/orders/${o.id}/deliveries`, delivery),
      409,
      "milestone_order",
    );
    expectProblem(await c.buyer.client.post(`/api/orders/${o.id}/accept`), 409, "milestone_order");
    // One milestone at a time: the second cannot be delivered while the first waits.
    expectProblem(await c.seller.client.post(path(o, 1, "deliveries"), delivery), 409, "invalid_transition");
    expectProblem(
      await c.buyer.client.post(`/api/orders/${o.id}/milestones/mst_unknown/accept`),
      404,
      "not_found",
    );
  });

  it("releases once when the same milestone is accepted 20 times at once", async () => {
    const before = await balances(c.seller);
    const o = await milestoneOrder();
    await deliver(o, 0);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => c.buyer.client.post(path(o, 0, "accept"))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect((await balances(c.seller)).pending - before.pending).toBe(4000);
    const rows = await c.server.deps.db.query<{ n: string | number }>(
      "SELECT count(*) AS n FROM ledger_transactions WHERE order_id = $1 AND kind = 'release'",
      [o.id],
    );
    expect(Number(rows[0]?.n)).toBe(1);

    // With one Idempotency-Key, a retry of the next acceptance replays its first answer.
    await deliver(o, 1);
    const key = unique("key");
    const first = await c.buyer.client.post(path(o, 1, "accept"), undefined, { "idempotency-key": key });
    const replay = await c.buyer.client.post(path(o, 1, "accept"), undefined, { "idempotency-key": key });
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await balances(c.seller)).pending - before.pending).toBe(8000);
    await expectLedgerBalanced(c.admin);
  });

  it("an admin's cancellation of a disputed order refunds the held milestones; completion releases them", async () => {
    for (const outcome of ["cancel", "complete"] as const) {
      const before = { seller: await balances(c.seller), buyer: await balances(c.buyer) };
      const o = await milestoneOrder();
      await deliver(o, 0);
      await accept(o, 0);
      await c.buyer.client.post(`/api/orders/${o.id}/disputes`, { reason: "Stalled" });
      const preview = await c.admin.client.post(`/api/admin/disputes/${o.id}/preview`, { outcome });
      const resolved = await c.admin.client.post<Order>(`/api/admin/disputes/${o.id}/resolve`, {
        outcome,
        ...(outcome === "cancel" ? { fault: "seller" } : {}),
      });
      expect(resolved.status).toBe(200);
      const seller = (await balances(c.seller)).pending - before.seller.pending;
      const credits = (await balances(c.buyer)).credits - before.buyer.credits;
      if (outcome === "cancel") {
        expect(resolved.body.milestones.map((m) => m.status)).toEqual([
          "completed",
          "cancelled",
          "cancelled",
        ]);
        expect([seller, credits]).toEqual([4000, 10550]);
        expect(preview.body).toMatchObject({ buyerRefund: usd(10550), sellerEarnings: usd(0) });
      } else {
        expect(resolved.body.milestones.map((m) => m.status)).toEqual([
          "completed",
          "completed",
          "completed",
        ]);
        expect([seller, credits]).toEqual([12000, 0]);
        expect(preview.body).toMatchObject({ buyerRefund: usd(0), sellerEarnings: usd(8000) });
      }
      expect(resolved.body.resolution).toMatchObject(
        outcome === "cancel"
          ? { buyerRefund: usd(10550), sellerEarnings: usd(0) }
          : { buyerRefund: usd(0), sellerEarnings: usd(8000) },
      );
    }
    await expectLedgerBalanced(c.admin);
  });
});

describe("disputes and late cancellation on an order paid in milestones", () => {
  it("splits what is still held: 40 % to the seller of the two milestones not completed", async () => {
    const before = { seller: await balances(c.seller), buyer: await balances(c.buyer) };
    const o = await milestoneOrder();
    await deliver(o, 0);
    await accept(o, 0);
    const disputed = await c.buyer.client.post<Order>(`/api/orders/${o.id}/disputes`, { reason: "Stalled" });
    expect(disputed.body.status).toBe("disputed");
    // Held: two milestones of 50.00 + 2.75 = 105.50 (subtotal 100.00, fee 5.50). 40 % to the seller:
    // 40.00 gross less 20 % commission (8.00) = 32.00 to pending clearance; the buyer gets 60 % of the
    // subtotal and of the fee back, 60.00 + 3.30 = 63.30; the platform keeps 2.20 of the fee.
    const preview = await c.admin.client.post(`/api/admin/disputes/${o.id}/preview`, {
      outcome: "split",
      buyerRefundPercent: 60,
    });
    expect(preview.body).toMatchObject({
      total: usd(10550),
      buyerRefund: usd(6330),
      sellerEarnings: usd(3200),
      commission: usd(800),
      feeKept: usd(220),
    });
    // The same decision sent five times at once moves the money once.
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        c.admin.client.post<Order>(`/api/admin/disputes/${o.id}/resolve`, {
          outcome: "split",
          buyerRefundPercent: 60,
          note: "Half-way there",
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const resolved = results.find((r) => r.status === 200)?.body;
    expect(resolved?.status).toBe("completed");
    expect(resolved?.milestones.map((m) => m.status)).toEqual(["completed", "cancelled", "cancelled"]);
    expect(resolved?.licence.status).toBe("granted");
    expect(resolved?.resolution).toMatchObject({
      outcome: "split",
      buyerRefundPercent: 60,
      buyerRefund: usd(6330),
      sellerEarnings: usd(3200),
    });
    // The order's earnings: the released milestone and the split's share.
    expect(resolved?.price.sellerEarnings).toEqual(usd(7200));
    expect(await ledgerOf(o.id)).toEqual({
      "external:card": -15825,
      "escrow:ORDER": 0,
      "seller:USER:pending": 4000 + 3200,
      "platform:commission": 1000 + 800,
      "platform:fees": 275 + 220,
      "buyer:USER:credits": 6330,
    });
    expect((await balances(c.buyer)).credits - before.buyer.credits).toBe(6330);
    expect((await balances(c.seller)).pending - before.seller.pending).toBe(7200);
    const wallet = await c.seller.client.get("/api/wallet");
    expect(wallet.body.clearing).toContainEqual(
      expect.objectContaining({ orderId: o.id, milestoneId: null, amount: usd(3200) }),
    );
    expect(wallet.body.clearing).toContainEqual(
      expect.objectContaining({ orderId: o.id, milestoneTitle: "Sketches", amount: usd(4000) }),
    );
    // Clearing as usual: the split's share clears with the order, the milestone's on its own.
    await advance(c.server, 15 * DAY);
    const cleared = await getOrder(c.seller, o.id);
    expect(cleared.clearedAt).not.toBeNull();
    expect(cleared.milestones[0]?.clearedAt).not.toBeNull();
    expect(await ledgerOf(o.id)).toMatchObject({ "seller:USER:pending": 0, "seller:USER:available": 7200 });
    await expectLedgerBalanced(c.admin);
  });

  it("lets the buyer cancel alone 24 hours after the current milestone's due time, refunding the rest", async () => {
    const credits = (await balances(c.buyer)).credits;
    const sellerBefore = await balances(c.seller);
    const o = await milestoneOrder();
    await deliver(o, 0);
    const accepted = await accept(o, 0);
    // The second milestone is in progress, due 3 days after the first was accepted (the order's own
    // due time, 7 days after payment, does not count).
    const due = Date.parse(accepted.milestones[1]?.dueAt ?? "");
    expect(due).toBeGreaterThan(0);
    // The clock runs on in real time: a whole number of seconds that lands within the last second.
    const toDue = Math.ceil((due - c.server.deps.clock.now().getTime()) / 1000);
    await advance(c.server, toDue + DAY - 1);
    const early = await getOrder(c.buyer, o.id);
    expect(early.isLate).toBe(true);
    expect(early.actions).not.toContain("late_cancel");
    expectProblem(await c.buyer.client.post(`/api/orders/${o.id}/cancel`), 409, "not_late_enough");
    await advance(c.server, 2);
    expect((await getOrder(c.buyer, o.id)).actions).toContain("late_cancel");
    expectProblem(await c.stranger.client.post(`/api/orders/${o.id}/cancel`), 404, "not_found");
    expectProblem(await c.seller.client.post(`/api/orders/${o.id}/cancel`), 403, "forbidden");
    const res = await c.buyer.client.post<Order>(`/api/orders/${o.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", cancellation: { fault: "seller" } });
    expect(res.body.milestones.map((m) => m.status)).toEqual(["completed", "cancelled", "cancelled"]);
    // The two milestones not completed (2 × 52.75) back as credits; the first stays the seller's.
    expect((await balances(c.buyer)).credits - credits).toBe(10550);
    const seller = await balances(c.seller);
    expect(seller.pending + seller.available - sellerBefore.pending - sellerBefore.available).toBe(4000);
    expect(await ledgerOf(o.id)).toEqual({
      "external:card": -15825,
      "escrow:ORDER": 0,
      "seller:USER:pending": 4000,
      "platform:commission": 1000,
      "platform:fees": 275,
      "buyer:USER:credits": 10550,
    });
    await expectLedgerBalanced(c.admin);
  });

  it("is not late while the current milestone waits for the buyer's acceptance", async () => {
    const o = await milestoneOrder();
    await deliver(o, 0);
    // Past the first milestone's due time by more than a day, but delivered: not late. (The
    // 3-day auto-accept would accept it: stop short of it.)
    await advance(c.server, 2 * DAY + DAY + 60);
    const order = await getOrder(c.buyer, o.id);
    expect(order.isLate).toBe(false);
    expect(order.actions).not.toContain("late_cancel");
    expectProblem(await c.buyer.client.post(`/api/orders/${o.id}/cancel`), 409, "not_late_enough");
  });
});
