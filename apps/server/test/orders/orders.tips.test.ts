import type { Order, OrderTimeline, TipQuote } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import { unique } from "../client";
import { balances, expectProblem, getOrder, orderIn, usd, type Party, useOrderScene } from "./orders.helpers";

/**
 * A tip's service fee is shown before paying (the quote) and after (the order and its timeline), and
 * both are what the wallet and the ledger charged.
 */
const c = useOrderScene();

const quote = (p: Party, orderId: string, amount: number, currency = "USD") =>
  p.client.post<TipQuote>(`/api/orders/${orderId}/tips/quote`, { amount: { amount, currency } });

async function feePosted(tipId: string): Promise<number> {
  const rows = await c.server.deps.db.query<{ amount: number }>(
    `SELECT p.amount FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
     WHERE t.business_key = $1 AND p.account_id = 'platform:fees'`,
    [`tip:${tipId}`],
  );
  return rows.reduce((sum, r) => sum + Number(r.amount), 0);
}

describe("a tip's service fee", () => {
  it("is quoted before paying, charged exactly, and shown on the order and its timeline afterwards", async () => {
    // Credits to pay with: a cancelled premium order refunds its total.
    await orderIn(c, "cancelled", { tier: "premium" });
    const order = await orderIn(c, "completed");

    const quoted = await quote(c.buyer, order.id, 1250);
    expect(quoted.status).toBe(200);
    // 12.50: 5.5% = 0.69, plus the 3.00 small-payment fee.
    expect(quoted.body).toEqual({ amount: usd(1250), serviceFee: usd(369), total: usd(1619) });

    const before = await balances(c.buyer);
    const paid = await c.buyer.client.post<{ id: string; serviceFee: { amount: number } }>(
      `/api/orders/${order.id}/tips`,
      { amount: usd(1250), payment: { method: "balance" } },
      { "idempotency-key": unique("tip") },
    );
    expect(paid.status).toBe(201);
    expect(before.credits - (await balances(c.buyer)).credits).toBe(quoted.body.total.amount);
    expect(await feePosted(paid.body.id)).toBe(quoted.body.serviceFee.amount);

    const after: Order = await getOrder(c.buyer, order.id);
    expect(after.tips).toEqual([
      {
        id: paid.body.id,
        amount: usd(1250),
        serviceFee: quoted.body.serviceFee,
        total: quoted.body.total,
        createdAt: expect.any(String),
      },
    ]);
    const timeline = await c.buyer.client.get<OrderTimeline>(`/api/orders/${order.id}/timeline`);
    const tipEvent = timeline.body.data.find((i) => i.type === "event" && i.event.kind === "tip");
    expect(tipEvent?.type === "event" ? tipEvent.event.data : null).toMatchObject({
      amount: usd(1250),
      serviceFee: quoted.body.serviceFee,
      total: quoted.body.total,
    });
  });

  it("of 100.00 or more has no small-payment fee", async () => {
    const order = await orderIn(c, "completed");
    expect((await quote(c.buyer, order.id, 10000)).body).toEqual({
      amount: usd(10000),
      serviceFee: usd(550),
      total: usd(10550),
    });
  });

  it("is quoted to the buyer of a completed order only, for amounts a tip may have", async () => {
    const completed = await orderIn(c, "completed");
    expectProblem(await quote(c.seller, completed.id, 500), 403, "forbidden");
    expectProblem(await quote(c.stranger, completed.id, 500), 404, "not_found");
    expectProblem(await quote(c.buyer, "ord_missing", 500), 404, "not_found");
    expectProblem(await quote(c.buyer, completed.id, 99), 400, "validation_failed");
    expectProblem(await quote(c.buyer, completed.id, 500, "EUR"), 400, "validation_failed");
    const open = await orderIn(c, "in_progress");
    expectProblem(await quote(c.buyer, open.id, 500), 409, "invalid_transition");
    expect(
      (await c.server.client().post(`/api/orders/${completed.id}/tips/quote`, { amount: usd(500) })).status,
    ).toBe(401);
  });
});
