import type { Order } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import {
  advance,
  balances,
  DAY,
  expectLedgerBalanced,
  expectProblem,
  HOUR,
  longSessions,
  newCast,
  orderIn,
  usd,
  type OrderOptions,
  useOrderScene,
} from "./orders.helpers";

const c = useOrderScene(longSessions);

const resolve = (id: string, body: Record<string, unknown>) =>
  c.admin.client.post<Order>(`/api/admin/disputes/${id}/resolve`, body);

/** Opens a dispute on a fresh order and resolves it; returns the order and what each wallet gained. */
async function resolved(body: Record<string, unknown>, o: OrderOptions = {}) {
  const disputed = await orderIn(c, "disputed", o);
  const [buyer, seller] = await Promise.all([balances(c.buyer), balances(c.seller)]);
  const res = await resolve(disputed.id, body);
  expect(res.status).toBe(200);
  const [buyerAfter, sellerAfter] = await Promise.all([balances(c.buyer), balances(c.seller)]);
  return {
    order: res.body,
    credits: buyerAfter.credits - buyer.credits,
    pending: sellerAfter.pending - seller.pending,
  };
}

describe("admin dispute resolution", () => {
  it("lists disputed orders for admins only", async () => {
    const disputed = await orderIn(c, "disputed");
    const queue = await c.admin.client.get<{ data: Order[] }>("/api/admin/disputes");
    expect(queue.body.data.map((o) => o.id)).toContain(disputed.id);
    expect(queue.body.data.every((o) => o.status === "disputed" && o.viewerRole === "admin")).toBe(true);
    expectProblem(await c.seller.client.get("/api/admin/disputes"), 404, "not_found");
    await resolve(disputed.id, { outcome: "cancel" });
    const after = await c.admin.client.get<{ data: Order[] }>("/api/admin/disputes");
    expect(after.body.data.map((o) => o.id)).not.toContain(disputed.id);
  });

  it("complete: pays the seller as an acceptance would", async () => {
    const r = await resolved({ outcome: "complete" });
    expect(r.order).toMatchObject({
      status: "completed",
      resolution: { outcome: "complete", buyerRefundPercent: null },
    });
    expect(r.pending).toBe(4000);
    expect(r.credits).toBe(0);
  });

  it("cancel: refunds the whole total as credits, with the fault the admin names", async () => {
    const r = await resolved({ outcome: "cancel", fault: "seller", note: "No delivery" });
    expect(r.order).toMatchObject({
      status: "cancelled",
      resolution: { outcome: "cancel" },
      cancellation: { fault: "seller", reason: "No delivery" },
    });
    expect(r.credits).toBe(5575);
    expect(r.pending).toBe(0);
    const blameless = await resolved({ outcome: "cancel" });
    expect(blameless.order.cancellation?.fault).toBe("none");
  });

  it("split 30%: the buyer gets 30% of the subtotal and of the fee, the seller 70% less commission, to the cent", async () => {
    const r = await resolved({ outcome: "split", buyerRefundPercent: 30 });
    // Subtotal 50.00 → 15.00 / 35.00; fee 5.75 → 1.73 / 4.02; commission 20% of 35.00 = 7.00.
    expect(r.credits).toBe(1673);
    expect(r.pending).toBe(2800);
    expect(r.order).toMatchObject({
      status: "completed",
      resolution: { outcome: "split", buyerRefundPercent: 30 },
      price: { subtotal: usd(5000), serviceFee: usd(575), total: usd(5575), sellerEarnings: usd(2800) },
    });
  });

  it("split with uneven amounts allocates every cent (33% of a 1,028.63 order)", async () => {
    const r = await resolved(
      { outcome: "split", buyerRefundPercent: 33 },
      { tier: "premium", extraIds: ["ext_fast", "ext_source"], quantity: 3 },
    );
    // Subtotal 975.00 → 321.75 / 653.25; fee 53.63 → 17.70 / 35.93; commission 130.65.
    expect(r.credits).toBe(32175 + 1770);
    expect(r.pending).toBe(65325 - 13065);
    const lines = await c.admin.client.get<{ totalDebits: { amount: number }; balanced: boolean }>(
      "/api/admin/ledger/check",
    );
    expect(lines.body.balanced).toBe(true);
  });

  it("split 0% and 100% are a completion and a refund in money", async () => {
    const none = await resolved({ outcome: "split", buyerRefundPercent: 0 });
    expect({ credits: none.credits, pending: none.pending }).toEqual({ credits: 0, pending: 4000 });
    const all = await resolved({ outcome: "split", buyerRefundPercent: 100 });
    expect({ credits: all.credits, pending: all.pending }).toEqual({ credits: 5575, pending: 0 });
    expect(all.order.price.sellerEarnings).toEqual(usd(0));
  });

  it("splits what the buyer actually paid, even after the fee configuration changed", async () => {
    const disputed = await orderIn(c, "disputed");
    const fees = c.server.deps.config.orders.fees;
    const saved = { ...fees };
    fees.serviceFeeBps = 800;
    fees.smallOrderFee = 0;
    try {
      const credits = (await balances(c.buyer)).credits;
      const res = await resolve(disputed.id, { outcome: "split", buyerRefundPercent: 50 });
      expect(res.status).toBe(200);
      // 50% of 50.00 and of the 5.75 fee paid at checkout: 25.00 + 2.88.
      expect((await balances(c.buyer)).credits - credits).toBe(2788);
    } finally {
      Object.assign(fees, saved);
    }
    await expectLedgerBalanced(c.admin);
  });

  it("clears the seller's part of a split after the clearing period", async () => {
    const cast = await newCast(c.server);
    const disputed = await orderIn(cast, "disputed");
    await cast.admin.client.post(`/api/admin/disputes/${disputed.id}/resolve`, {
      outcome: "split",
      buyerRefundPercent: 50,
    });
    expect(await balances(cast.seller)).toMatchObject({ pending: 2000, available: 0 });
    await advance(c.server, 14 * DAY + HOUR);
    expect(await balances(cast.seller)).toMatchObject({ pending: 0, available: 2000 });
  });

  it("refuses to resolve twice, to resolve an order that is not disputed, and malformed outcomes", async () => {
    const disputed = await orderIn(c, "disputed");
    await resolve(disputed.id, { outcome: "complete" });
    expectProblem(await resolve(disputed.id, { outcome: "cancel" }), 409, "invalid_transition");
    const open = await orderIn(c, "in_progress");
    expectProblem(await resolve(open.id, { outcome: "complete" }), 409, "invalid_transition");
    const other = await orderIn(c, "disputed");
    for (const body of [
      { outcome: "split" },
      { outcome: "complete", buyerRefundPercent: 10 },
      { outcome: "split", buyerRefundPercent: 101 },
      { outcome: "split", buyerRefundPercent: 12.5 },
      { outcome: "refund" },
    ]) {
      expectProblem(await resolve(other.id, body), 400, "validation_failed");
    }
    expectProblem(await resolve("ord_missing", { outcome: "complete" }), 404, "not_found");
    await expectLedgerBalanced(c.admin);
  });
});
