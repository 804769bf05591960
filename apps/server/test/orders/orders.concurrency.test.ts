import type { Order } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import type { ApiResponse } from "../client";
import { unique } from "../client";
import {
  advance,
  balances,
  DAY,
  expectLedgerBalanced,
  getOrder,
  HOUR,
  longSessions,
  newCast,
  orderBody,
  orderIn,
  pendingRequest,
  step,
  usd,
  useOrderScene,
} from "./orders.helpers";

const N = 50;

const c = useOrderScene(longSessions);

/** Fires `N` requests at once and tallies the outcomes as `status` or `status code`. */
async function burst(fire: (i: number) => Promise<ApiResponse>) {
  const responses = await Promise.all(Array.from({ length: N }, (_, i) => fire(i)));
  const tally: Record<string, number> = {};
  for (const r of responses) {
    const code = (r.body as { code?: string }).code;
    const k = r.status < 300 ? String(r.status) : `${r.status} ${code}`;
    tally[k] = (tally[k] ?? 0) + 1;
  }
  return { responses, tally };
}

async function ledgerEntries(businessKey: string): Promise<number> {
  const rows = await c.server.deps.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM ledger_transactions WHERE business_key = $1",
    [businessKey],
  );
  return Number(rows[0]?.n);
}

async function eventCount(orderId: string, kind: string): Promise<number> {
  const rows = await c.server.deps.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM order_events WHERE order_id = $1 AND kind = $2",
    [orderId, kind],
  );
  return Number(rows[0]?.n);
}

describe(`${N} parallel identical requests have exactly one effect`, () => {
  it("accept", async () => {
    const order = await orderIn(c, "delivered");
    const pending = (await balances(c.seller)).pending;
    const { tally } = await burst(() => c.buyer.client.post(`/api/orders/${order.id}/accept`));
    expect(tally).toEqual({ "200": 1, "409 invalid_transition": N - 1 });
    expect(await ledgerEntries(`order:${order.id}:release`)).toBe(1);
    expect(await eventCount(order.id, "accept")).toBe(1);
    expect((await balances(c.seller)).pending - pending).toBe(4000);
  });

  it("cancel (late cancel by the buyer)", async () => {
    const order = await orderIn(c, "in_progress");
    await advance(c.server, 4 * DAY + HOUR);
    const credits = (await balances(c.buyer)).credits;
    const { tally } = await burst(() => c.buyer.client.post(`/api/orders/${order.id}/cancel`));
    expect(tally).toEqual({ "200": 1, "409 invalid_transition": N - 1 });
    expect(await ledgerEntries(`order:${order.id}:refund`)).toBe(1);
    expect((await balances(c.buyer)).credits - credits).toBe(5575);
  });

  it("cancellation requests and their acceptance", async () => {
    const order = await orderIn(c, "in_progress");
    const asked = await burst(() =>
      c.buyer.client.post(`/api/orders/${order.id}/cancellation-requests`, { reason: "Plans changed" }),
    );
    expect(asked.tally).toEqual({ "200": 1, "409 request_pending": N - 1 });
    const requestId = pendingRequest(await getOrder(c.buyer, order.id), "cancellation");
    const credits = (await balances(c.buyer)).credits;
    const { tally } = await burst(() =>
      c.seller.client.post(`/api/orders/${order.id}/cancellation-requests/${requestId}/accept`),
    );
    expect(tally["200"]).toBe(1);
    expect((tally["409 invalid_transition"] ?? 0) + (tally["409 request_closed"] ?? 0)).toBe(N - 1);
    expect(await ledgerEntries(`order:${order.id}:refund`)).toBe(1);
    expect((await balances(c.buyer)).credits - credits).toBe(5575);
  });

  it("tip under one Idempotency-Key", async () => {
    const order = await orderIn(c, "completed");
    const key = unique("t");
    const { responses, tally } = await burst(() =>
      c.buyer.client.post(
        `/api/orders/${order.id}/tips`,
        { amount: usd(700), payment: { method: "card", token: "tok_visa" } },
        { "idempotency-key": key },
      ),
    );
    expect(Object.keys(tally).every((k) => k === "201" || k === "409 idempotency_in_flight")).toBe(true);
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThan(0);
    for (const r of created) expect(r.body).toEqual(created[0]?.body);
    const tips = await c.server.deps.db.query("SELECT id FROM tips WHERE order_id = $1", [order.id]);
    expect(tips).toHaveLength(1);
    expect(await eventCount(order.id, "tip")).toBe(1);
  });

  it("order creation under one Idempotency-Key", async () => {
    const key = unique("k");
    const { responses, tally } = await burst(() =>
      c.buyer.client.post<Order>("/api/orders", orderBody(c.gigId, { tier: "standard" }), {
        "idempotency-key": key,
      }),
    );
    expect(Object.keys(tally).every((k) => k === "201" || k === "409 idempotency_in_flight")).toBe(true);
    const created = responses.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => (r.body as Order).id)).size).toBe(1);
    const orders = await c.server.deps.db.query<{ id: string }>(
      "SELECT id FROM orders WHERE buyer_id = $1 AND tier = 'standard'",
      [c.buyer.id],
    );
    expect(orders).toHaveLength(1);
    const charges = await c.server.deps.db.query<{ status: string }>(
      "SELECT status FROM sandbox_charges WHERE reference LIKE 'order:%' AND amount = 12660",
    );
    expect(charges.map((ch) => ch.status)).toEqual(["captured"]);
  });

  it("withdrawal under one Idempotency-Key", async () => {
    const cast = await newCast(c.server);
    await orderIn(cast, "completed");
    await advance(c.server, 14 * DAY + HOUR);
    const key = unique("w");
    const { responses, tally } = await burst(() =>
      cast.seller.client.post(
        "/api/wallet/withdrawals",
        { amount: usd(1234), destination: { kind: "bank", accountLast4: "1234" } },
        { "idempotency-key": key },
      ),
    );
    expect(Object.keys(tally).every((k) => k === "201" || k === "409 idempotency_in_flight")).toBe(true);
    const created = responses.filter((r) => r.status === 201);
    for (const r of created) expect(r.body).toEqual(created[0]?.body);
    expect(await balances(cast.seller)).toMatchObject({ available: 4000 - 1234, withdrawn: 1234 });
  });
});

describe(`${N} parallel requests with distinct keys never overdraw`, () => {
  it("withdrawals: one per 24 hours, whatever the keys", async () => {
    const cast = await newCast(c.server);
    await orderIn(cast, "completed");
    await advance(c.server, 14 * DAY + HOUR);
    const { tally } = await burst(() =>
      cast.seller.client.post(
        "/api/wallet/withdrawals",
        { amount: usd(100), destination: { kind: "bank", accountLast4: "1234" } },
        { "idempotency-key": unique("w") },
      ),
    );
    expect(tally).toEqual({ "201": 1, "409 withdrawal_limit": N - 1 });
    expect(await balances(cast.seller)).toMatchObject({ available: 3900, withdrawn: 100 });
  });

  it("withdrawals without the daily limit: as many as the balance covers, and not one more", async () => {
    const cast = await newCast(c.server);
    await orderIn(cast, "completed");
    await advance(c.server, 14 * DAY + HOUR);
    const orders = c.server.deps.config.orders;
    const interval = orders.withdrawalIntervalSeconds;
    orders.withdrawalIntervalSeconds = 0;
    try {
      const { tally } = await burst(() =>
        cast.seller.client.post(
          "/api/wallet/withdrawals",
          { amount: usd(300), destination: { kind: "bank", accountLast4: "1234" } },
          { "idempotency-key": unique("w") },
        ),
      );
      // 40.00 available: 13 × 3.00 = 39.00 fit, the 14th would overdraw.
      expect(tally).toEqual({ "201": 13, "409 insufficient_funds": N - 13 });
    } finally {
      orders.withdrawalIntervalSeconds = interval;
    }
    expect(await balances(cast.seller)).toMatchObject({ available: 100, withdrawn: 3900 });
  });

  it("checkouts paid with credits: the credits pay for one order only", async () => {
    const cast = await newCast(c.server);
    await orderIn(cast, "cancelled");
    const { tally } = await burst(() =>
      cast.buyer.client.post("/api/orders", orderBody(cast.gigId, { payment: { method: "balance" } }), {
        "idempotency-key": unique("k"),
      }),
    );
    expect(tally).toEqual({ "201": 1, "402 insufficient_funds": N - 1 });
    expect((await balances(cast.buyer)).credits).toBe(0);
  });

  it("a race of accept, cancellation and dispute on one order: exactly one wins", async () => {
    const order = await orderIn(c, "delivered");
    const asked = await step.requestCancellation(c.seller, order.id);
    const requestId = pendingRequest(asked, "cancellation");
    const attempts = [
      () => c.buyer.client.post(`/api/orders/${order.id}/accept`),
      () => c.buyer.client.post(`/api/orders/${order.id}/cancellation-requests/${requestId}/accept`),
      () => c.seller.client.post(`/api/orders/${order.id}/disputes`, { reason: "Stuck" }),
      () => c.buyer.client.post(`/api/orders/${order.id}/disputes`, { reason: "Stuck" }),
    ];
    const { responses } = await burst((i) => (attempts[i % attempts.length] ?? attempts[0]!)());
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    const after = await c.admin.client.get<Order>(`/api/orders/${order.id}`);
    const money = await c.server.deps.db.query<{ business_key: string }>(
      "SELECT business_key FROM ledger_transactions WHERE order_id = $1 ORDER BY business_key",
      [order.id],
    );
    const moves = money.map((m) => m.business_key.split(":")[2]);
    if (after.body.status === "disputed") expect(moves).toEqual(["capture"]);
    else expect(moves).toEqual(["capture", after.body.status === "completed" ? "release" : "refund"]);
    await expectLedgerBalanced(c.admin);
  });
});
