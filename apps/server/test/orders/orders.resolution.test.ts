import type { Order, OrderTimeline, ResolutionPreview } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import {
  balances,
  expectLedgerBalanced,
  expectProblem,
  getOrder,
  longSessions,
  orderIn,
  usd,
  type Party,
  useOrderScene,
} from "./orders.helpers";

/**
 * A dispute decision reaches both parties: the admin's note, and what each side got, to the cent —
 * on the order, in its timeline, and in the wallets. The admin sees the same amounts before moving
 * any money (the preview the disputes page confirms with).
 */
const c = useOrderScene(longSessions);

const preview = (id: string, body: Record<string, unknown>, who: Party = c.admin) =>
  who.client.post<ResolutionPreview>(`/api/admin/disputes/${id}/preview`, body);
const resolve = (id: string, body: Record<string, unknown>) =>
  c.admin.client.post<Order>(`/api/admin/disputes/${id}/resolve`, body);

async function timelineEvent(p: Party, orderId: string, kind: string) {
  const res = await p.client.get<OrderTimeline>(`/api/orders/${orderId}/timeline`);
  expect(res.status).toBe(200);
  const item = res.body.data.find((i) => i.type === "event" && i.event.kind === kind);
  return item?.type === "event" ? item.event : undefined;
}

describe("a dispute decision, as the parties see it", () => {
  it("split 30% with a note: both parties see the note and the exact amounts; the wallets match to the cent", async () => {
    const disputed = await orderIn(c, "disputed");
    const before = { buyer: await balances(c.buyer), seller: await balances(c.seller) };

    // The admin's confirmation step: what each side would get, and nothing moves yet.
    const seen = await preview(disputed.id, { outcome: "split", buyerRefundPercent: 30 });
    expect(seen.status).toBe(200);
    // Subtotal 50.00 → 15.00 / 35.00; fee 5.75 → 1.73 / 4.02; commission 20% of 35.00 = 7.00.
    expect(seen.body).toEqual({
      outcome: "split",
      buyerRefundPercent: 30,
      total: usd(5575),
      buyerRefund: usd(1673),
      sellerEarnings: usd(2800),
      commission: usd(700),
      feeKept: usd(402),
    });
    expect(await balances(c.buyer)).toEqual(before.buyer);
    expect(await balances(c.seller)).toEqual(before.seller);
    expect((await getOrder(c.buyer, disputed.id)).status).toBe("disputed");

    const note = "The logo was delivered but without the agreed source files; 30% goes back to the buyer.";
    const res = await resolve(disputed.id, { outcome: "split", buyerRefundPercent: 30, note });
    expect(res.status).toBe(200);

    const after = { buyer: await balances(c.buyer), seller: await balances(c.seller) };
    expect(after.buyer.credits - before.buyer.credits).toBe(seen.body.buyerRefund.amount);
    expect(after.seller.pending - before.seller.pending).toBe(seen.body.sellerEarnings.amount);

    const resolution = {
      outcome: "split",
      buyerRefundPercent: 30,
      note,
      buyerRefund: usd(1673),
      sellerEarnings: usd(2800),
    };
    for (const party of [c.buyer, c.seller]) {
      const order = await getOrder(party, disputed.id);
      expect(order.resolution).toMatchObject(resolution);
      const event = await timelineEvent(party, disputed.id, "resolve_split");
      expect(event?.data).toMatchObject({
        note,
        buyerRefund: usd(1673),
        sellerEarnings: usd(2800),
        buyerRefundPercent: 30,
      });
    }
    await expectLedgerBalanced(c.admin);
  });

  it("complete and cancel carry the note and their amounts too; no note is null", async () => {
    const toSeller = await orderIn(c, "disputed");
    const sellerBefore = await balances(c.seller);
    const completed = await resolve(toSeller.id, { outcome: "complete", note: "Delivered as ordered." });
    expect(completed.status).toBe(200);
    expect((await balances(c.seller)).pending - sellerBefore.pending).toBe(4000);
    expect((await getOrder(c.buyer, toSeller.id)).resolution).toMatchObject({
      outcome: "complete",
      note: "Delivered as ordered.",
      buyerRefund: usd(0),
      sellerEarnings: usd(4000),
    });

    const toBuyer = await orderIn(c, "disputed");
    const cancelled = await resolve(toBuyer.id, { outcome: "cancel", fault: "seller" });
    expect(cancelled.status).toBe(200);
    expect((await getOrder(c.seller, toBuyer.id)).resolution).toMatchObject({
      outcome: "cancel",
      note: null,
      buyerRefund: usd(5575),
      sellerEarnings: usd(0),
    });
  });

  it("previews for admins only, on disputed orders only, with the resolve body's rules", async () => {
    const disputed = await orderIn(c, "disputed");
    for (const who of [c.buyer, c.seller, c.stranger]) {
      expectProblem(await preview(disputed.id, { outcome: "complete" }, who), 404, "not_found");
    }
    expect((await preview(disputed.id, { outcome: "cancel" })).body).toMatchObject({
      buyerRefund: usd(5575),
      sellerEarnings: usd(0),
    });
    expectProblem(await preview(disputed.id, { outcome: "split" }), 400, "validation_failed");
    const open = await orderIn(c, "in_progress");
    expectProblem(await preview(open.id, { outcome: "complete" }), 409, "invalid_transition");
    expectProblem(await preview("ord_missing", { outcome: "complete" }), 404, "not_found");
  });
});
