import type { Order } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import { unique } from "../client";
import {
  advance,
  balances,
  DAY,
  expectLedgerBalanced,
  expectProblem,
  getOrder,
  HOUR,
  longSessions,
  newCast,
  orderIn,
  usd,
  type Party,
  useOrderScene,
} from "./orders.helpers";

const c = useOrderScene(longSessions);

const bank = { kind: "bank", accountLast4: "4242" };
const withdraw = (p: Party, amount: number, key = unique("w")) =>
  p.client.post(
    "/api/wallet/withdrawals",
    { amount: usd(amount), destination: bank },
    { "idempotency-key": key },
  );

interface Line {
  account: string;
  kind: string;
  amount: { amount: number };
  orderId: string | null;
}
const lines = async (p: Party, query = "") =>
  (await p.client.get<{ data: Line[]; nextCursor: string | null }>(`/api/wallet/transactions${query}`)).body;

describe("the wallet", () => {
  it("derives available, pending clearance, credits and withdrawn from the ledger, and lists its lines newest first", async () => {
    const cast = await newCast(c.server);
    const first = await orderIn(cast, "completed");
    await advance(c.server, 7 * DAY);
    const second = await orderIn(cast, "completed");
    await advance(c.server, 7 * DAY + HOUR);
    expect(await balances(cast.seller)).toEqual({ available: 4000, pending: 4000, credits: 0, withdrawn: 0 });
    expect((await withdraw(cast.seller, 1500)).status).toBe(201);
    expect(await balances(cast.seller)).toEqual({
      available: 2500,
      pending: 4000,
      credits: 0,
      withdrawn: 1500,
    });

    const all = await lines(cast.seller);
    expect(all.data.map((l) => [l.account, l.kind, l.amount.amount, l.orderId])).toEqual([
      ["available", "withdrawal", -1500, null],
      ["pending_clearance", "clearing", -4000, first.id],
      ["available", "clearing", 4000, first.id],
      ["pending_clearance", "release", 4000, second.id],
      ["pending_clearance", "release", 4000, first.id],
    ]);
    expect(all.nextCursor).toBeNull();

    const page1 = await lines(cast.seller, "?limit=2");
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await lines(cast.seller, `?limit=2&cursor=${page1.nextCursor}`);
    const page3 = await lines(cast.seller, `?limit=2&cursor=${page2.nextCursor}`);
    expect(page3.nextCursor).toBeNull();
    expect([...page1.data, ...page2.data, ...page3.data]).toEqual(all.data);

    // The buyer sees none of the seller's lines, and a stranger's wallet is empty.
    expect((await lines(cast.buyer)).data).toEqual([]);
    expect(await balances(cast.stranger)).toEqual({ available: 0, pending: 0, credits: 0, withdrawn: 0 });
    expect((await c.server.client().get("/api/wallet")).status).toBe(401);
  });
});

describe("withdrawals", () => {
  it("allow up to 5,000.00, one per 24 hours, never above the available balance", async () => {
    const cast = await newCast(c.server);
    // Premium × 21 = 6,300.00; the seller earns 5,040.00.
    await orderIn(cast, "completed", { tier: "premium", quantity: 21 });
    expectProblem(await withdraw(cast.seller, 100), 409, "insufficient_funds");
    await advance(c.server, 14 * DAY + HOUR);
    expect((await balances(cast.seller)).available).toBe(504000);

    const over = await withdraw(cast.seller, 500001);
    expectProblem(over, 400, "validation_failed");
    expect(over.body.errors).toEqual([{ path: "amount.amount", message: expect.any(String) }]);
    expectProblem(await withdraw(cast.seller, 0), 400, "validation_failed");
    const euros = await cast.seller.client.post(
      "/api/wallet/withdrawals",
      { amount: { amount: 100, currency: "EUR" }, destination: bank },
      { "idempotency-key": unique("w") },
    );
    expectProblem(euros, 400, "validation_failed");
    expectProblem(
      await cast.seller.client.post("/api/wallet/withdrawals", { amount: usd(100), destination: bank }),
      400,
      "idempotency_key_required",
    );

    const max = await withdraw(cast.seller, 500000);
    expect(max.status).toBe(201);
    expect(max.body).toMatchObject({
      id: expect.stringMatching(/^wdr_/),
      amount: usd(500000),
      destination: bank,
      status: "paid",
    });
    expectProblem(await withdraw(cast.seller, 100), 409, "withdrawal_limit");
    await advance(c.server, DAY - HOUR);
    expectProblem(await withdraw(cast.seller, 100), 409, "withdrawal_limit");
    await advance(c.server, 2 * HOUR);
    expectProblem(await withdraw(cast.seller, 4001), 409, "insufficient_funds");
    expect((await withdraw(cast.seller, 4000)).status).toBe(201);
    expect(await balances(cast.seller)).toEqual({ available: 0, pending: 0, credits: 0, withdrawn: 504000 });

    const listed = await cast.seller.client.get<{ data: { amount: { amount: number } }[] }>(
      "/api/wallet/withdrawals",
    );
    expect(listed.body.data.map((w) => w.amount.amount)).toEqual([4000, 500000]);
    await expectLedgerBalanced(c.admin);
  });

  it("cannot spend a buyer's credits (credits are for orders only)", async () => {
    const cast = await newCast(c.server);
    await orderIn(cast, "cancelled");
    expect((await balances(cast.buyer)).credits).toBe(5575);
    expectProblem(await withdraw(cast.buyer, 100), 409, "insufficient_funds");
  });
});

describe("tips", () => {
  const tip = (
    p: Party,
    orderId: string,
    amount: number,
    payment: Record<string, unknown> = { method: "card", token: "tok_visa" },
  ) =>
    p.client.post(
      `/api/orders/${orderId}/tips`,
      { amount: usd(amount), payment },
      { "idempotency-key": unique("t") },
    );

  async function postings(tipId: string) {
    const rows = await c.server.deps.db.query<{ account_id: string; amount: number }>(
      `SELECT p.account_id, p.amount FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
       WHERE t.business_key = $1 ORDER BY p.account_id`,
      [`tip:${tipId}`],
    );
    return Object.fromEntries(
      rows.map((r) => [r.account_id.replace(/:usr_[^:]+:/, ":user:"), Number(r.amount)]),
    );
  }

  it("charge the buyer fee and keep the commission: 10.00 → buyer pays 13.55, seller earns 8.00", async () => {
    const order = await orderIn(c, "completed");
    const pending = (await balances(c.seller)).pending;
    const res = await tip(c.buyer, order.id, 1000);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      orderId: order.id,
      amount: usd(1000),
      serviceFee: usd(355),
      total: usd(1355),
    });
    expect((await balances(c.seller)).pending - pending).toBe(800);
    expect(await postings(res.body.id)).toEqual({
      "external:card": -1355,
      "platform:commission": 200,
      "platform:fees": 355,
      "seller:user:pending": 800,
    });
    const after = await getOrder(c.buyer, order.id);
    expect(after.tips).toEqual([
      {
        id: res.body.id,
        amount: usd(1000),
        serviceFee: usd(355),
        total: usd(1355),
        createdAt: expect.any(String),
      },
    ]);
  });

  it("of 100.00 or more carry no small-order fee, and can be paid with credits", async () => {
    const cast = await newCast(c.server);
    await orderIn(cast, "cancelled", { tier: "premium" });
    const order = await orderIn(cast, "completed", { payment: { method: "balance" } });
    const credits = (await balances(cast.buyer)).credits;
    const res = await tip(cast.buyer, order.id, 20000, { method: "balance" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ serviceFee: usd(1100), total: usd(21100) });
    expect(credits - (await balances(cast.buyer)).credits).toBe(21100);
    expect((await balances(cast.seller)).pending).toBe(4000 + 16000);
    expectProblem(await tip(cast.buyer, order.id, 20000, { method: "balance" }), 402, "insufficient_funds");
  });

  it("clear into available after the clearing period", async () => {
    const cast = await newCast(c.server);
    const order = await orderIn(cast, "completed");
    await advance(c.server, 10 * DAY);
    await tip(cast.buyer, order.id, 500);
    await advance(c.server, 4 * DAY + HOUR);
    expect(await balances(cast.seller)).toMatchObject({ available: 4000, pending: 400 });
    await advance(c.server, 10 * DAY);
    expect(await balances(cast.seller)).toMatchObject({ available: 4400, pending: 0 });
  });

  it("are for completed orders only, from the buyer only", async () => {
    const delivered = await orderIn(c, "delivered");
    expectProblem(await tip(c.buyer, delivered.id, 500), 409, "invalid_transition");
    const cancelled = await orderIn(c, "cancelled");
    expectProblem(await tip(c.buyer, cancelled.id, 500), 409, "invalid_transition");
    const completed = await orderIn(c, "completed");
    expectProblem(await tip(c.seller, completed.id, 500), 403, "forbidden");
    expectProblem(await tip(c.admin, completed.id, 500), 403, "forbidden");
    expectProblem(await tip(c.stranger, completed.id, 500), 404, "not_found");
    expectProblem(await tip(c.buyer, "ord_missing", 500), 404, "not_found");
    expect((await getOrder(c.buyer, completed.id)).tips).toEqual([]);
  });

  it("refuse amounts outside 1.00–1,000.00, other currencies and declined cards", async () => {
    const order = await orderIn(c, "completed");
    expectProblem(await tip(c.buyer, order.id, 99), 400, "validation_failed");
    expectProblem(await tip(c.buyer, order.id, 100001), 400, "validation_failed");
    const euros = await c.buyer.client.post(
      `/api/orders/${order.id}/tips`,
      { amount: { amount: 500, currency: "EUR" }, payment: { method: "card", token: "tok_visa" } },
      { "idempotency-key": unique("t") },
    );
    expectProblem(euros, 400, "validation_failed");
    expectProblem(
      await tip(c.buyer, order.id, 500, { method: "card", token: "tok_chargeDeclined" }),
      402,
      "card_declined",
    );
    expect((await c.buyer.client.get<Order>(`/api/orders/${order.id}`)).body.tips).toEqual([]);
    await expectLedgerBalanced(c.admin);
  });
});
