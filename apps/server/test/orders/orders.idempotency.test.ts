import type { Order } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import { requestHash } from "../../src/platform/idempotency";
import { unique } from "../client";
import {
  advance,
  balances,
  DAY,
  expectProblem,
  longSessions,
  newCast,
  newParty,
  orderBody,
  orderIn,
  usd,
  type Party,
  useOrderScene,
} from "./orders.helpers";

const c = useOrderScene(longSessions);

const post = (p: Party, key: string, body: Record<string, unknown>) =>
  p.client.post<Order>("/api/orders", body, { "idempotency-key": key });

async function orderCount(p: Party): Promise<number> {
  const rows = await c.server.deps.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM orders WHERE buyer_id = $1",
    [p.id],
  );
  return Number(rows[0]?.n);
}

describe("a replay (same user, key and parameters)", () => {
  it("returns the first response's status and body without placing another order", async () => {
    const buyer = await newParty(c.server);
    const key = unique("k");
    const first = await post(buyer, key, orderBody(c.gigId));
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // The order moves on; the replay still answers what the first request answered.
    await buyer.client.post(`/api/orders/${first.body.id}/requirements`, {
      answers: [{ requirementId: "req_brand", text: "Acme" }],
    });
    // Field order does not matter.
    const { payment, ...rest } = orderBody(c.gigId);
    const replay = await post(buyer, key, { payment, ...rest });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    expect(await orderCount(buyer)).toBe(1);
  });

  it("replays a payment failure too, even once the buyer could pay", async () => {
    const cast = await newCast(c.server);
    const declinedKey = unique("k");
    const declined = orderBody(c.gigId, { payment: { method: "card", token: "tok_chargeDeclined" } });
    const first = await post(cast.buyer, declinedKey, declined);
    expectProblem(first, 402, "card_declined");
    const replay = await post(cast.buyer, declinedKey, declined);
    expectProblem(replay, 402, "card_declined");
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    const creditsKey = unique("k");
    const byCredits = orderBody(cast.gigId, { payment: { method: "balance" } });
    expectProblem(await post(cast.buyer, creditsKey, byCredits), 402, "insufficient_funds");
    await orderIn(cast, "cancelled");
    expect((await balances(cast.buyer)).credits).toBe(5575);
    expectProblem(await post(cast.buyer, creditsKey, byCredits), 402, "insufficient_funds");
    expect((await post(cast.buyer, unique("k"), byCredits)).status).toBe(201);
    expect(await orderCount(cast.buyer)).toBe(2);
  });

  it("works the same for withdrawals and tips", async () => {
    const cast = await newCast(c.server);
    const order = await orderIn(cast, "completed");
    const tipKey = unique("t");
    const tipBody = { amount: usd(500), payment: { method: "card", token: "tok_visa" } };
    const tip1 = await cast.buyer.client.post(`/api/orders/${order.id}/tips`, tipBody, {
      "idempotency-key": tipKey,
    });
    const tip2 = await cast.buyer.client.post(`/api/orders/${order.id}/tips`, tipBody, {
      "idempotency-key": tipKey,
    });
    expect([tip1.status, tip2.status]).toEqual([201, 201]);
    expect(tip2.body).toEqual(tip1.body);
    const other = await cast.buyer.client.post(
      `/api/orders/${order.id}/tips`,
      { ...tipBody, amount: usd(600) },
      { "idempotency-key": tipKey },
    );
    expectProblem(other, 422, "idempotency_key_reused");
    const tips = await c.server.deps.db.query("SELECT id FROM tips WHERE order_id = $1", [order.id]);
    expect(tips).toHaveLength(1);

    await advance(c.server, 15 * DAY);
    const wKey = unique("w");
    const wBody = { amount: usd(1000), destination: { kind: "bank", accountLast4: "1234" } };
    const w1 = await cast.seller.client.post("/api/wallet/withdrawals", wBody, { "idempotency-key": wKey });
    const w2 = await cast.seller.client.post("/api/wallet/withdrawals", wBody, { "idempotency-key": wKey });
    expect([w1.status, w2.status]).toEqual([201, 201]);
    expect(w2.body).toEqual(w1.body);
    expect((await balances(cast.seller)).withdrawn).toBe(1000);
    const w3 = await cast.seller.client.post(
      "/api/wallet/withdrawals",
      { ...wBody, amount: usd(999) },
      { "idempotency-key": wKey },
    );
    expectProblem(w3, 422, "idempotency_key_reused");
  });
});

describe("the same key with other parameters", () => {
  it("answers 422 idempotency_key_reused and does nothing", async () => {
    const buyer = await newParty(c.server);
    const key = unique("k");
    expect((await post(buyer, key, orderBody(c.gigId))).status).toBe(201);
    for (const body of [
      orderBody(c.gigId, { quantity: 2 }),
      orderBody(c.gigId, { tier: "standard" }),
      orderBody(c.gigId, { extraIds: ["ext_fast"] }),
      orderBody(c.gigId, { payment: { method: "balance" } }),
    ]) {
      expectProblem(await post(buyer, key, body), 422, "idempotency_key_reused");
    }
    // A key names one request of one user, whatever the endpoint.
    const withdrawal = await buyer.client.post(
      "/api/wallet/withdrawals",
      { amount: usd(100), destination: { kind: "bank", accountLast4: "1234" } },
      { "idempotency-key": key },
    );
    expectProblem(withdrawal, 422, "idempotency_key_reused");
    expect(await orderCount(buyer)).toBe(1);
  });
});

describe("a request whose key is still in flight", () => {
  it("answers 409, and a claim left by a crashed request is taken over after a minute", async () => {
    const buyer = await newParty(c.server);
    const key = unique("k");
    const body = orderBody(c.gigId);
    const now = c.server.deps.clock.now();
    // Exactly what a request that is still running (or whose process died) leaves behind.
    await c.server.deps.db.query(
      `INSERT INTO idempotency_keys (user_id, key, method_path, request_hash, status, locked_at, created_at)
       VALUES ($1, $2, 'POST /api/orders', $3, 'in_flight', $4, $4)`,
      [buyer.id, key, requestHash("POST /api/orders", body), now],
    );
    expectProblem(await post(buyer, key, body), 409, "idempotency_in_flight");
    expectProblem(await post(buyer, key, orderBody(c.gigId, { quantity: 3 })), 422, "idempotency_key_reused");
    expect(await orderCount(buyer)).toBe(0);
    await advance(c.server, 61);
    const retried = await post(buyer, key, body);
    expect(retried.status).toBe(201);
    expect((await post(buyer, key, body)).body).toEqual(retried.body);
    expect(await orderCount(buyer)).toBe(1);
  });
});

describe("keys of different users", () => {
  it("never return another user's response", async () => {
    const [alice, bob] = await Promise.all([newParty(c.server), newParty(c.server)]);
    const key = unique("shared");
    const a = await post(alice, key, orderBody(c.gigId));
    const b = await post(bob, key, orderBody(c.gigId));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.buyer.username).toBe(bob.username);
    // Another user's key with other parameters is simply a new request.
    const key2 = unique("shared");
    expect((await post(alice, key2, orderBody(c.gigId))).status).toBe(201);
    const b2 = await post(bob, key2, orderBody(c.gigId, { tier: "standard" }));
    expect(b2.status).toBe(201);
    expect(b2.body.tier).toBe("standard");
    expect((await post(alice, key, orderBody(c.gigId))).body.id).toBe(a.body.id);
    expect((await post(bob, key, orderBody(c.gigId))).body.id).toBe(b.body.id);
    expect([await orderCount(alice), await orderCount(bob)]).toEqual([2, 2]);
  });
});

describe("an expired key", () => {
  it("starts afresh after 24 hours", async () => {
    const buyer = await newParty(c.server);
    const key = unique("k");
    const first = await post(buyer, key, orderBody(c.gigId));
    await advance(c.server, DAY + 60);
    const later = await post(buyer, key, orderBody(c.gigId));
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(later.body.id).not.toBe(first.body.id);
    expect(await orderCount(buyer)).toBe(2);
    await expectEveryOrderPaidByItsOwnCharge(buyer);
  });
});

describe("a request that failed unexpectedly", () => {
  it("frees its key: the retry places the order with a fresh authorization", async () => {
    const buyer = await newParty(c.server);
    const key = unique("k");
    // One failure inside the checkout transaction, after the card was authorized.
    await c.server.deps.db.exec(`
      CREATE FUNCTION test_fail_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated failure'; END; $$;
      CREATE TRIGGER test_fail_order BEFORE INSERT ON orders FOR EACH ROW
        WHEN (NEW.buyer_id = '${buyer.id}') EXECUTE FUNCTION test_fail_order();`);
    try {
      const failed = await post(buyer, key, orderBody(c.gigId));
      expect(failed.status).toBe(500);
    } finally {
      await c.server.deps.db.exec("DROP TRIGGER test_fail_order ON orders; DROP FUNCTION test_fail_order();");
    }
    const voided = await c.server.deps.db.query<{ status: string }>(
      "SELECT status FROM sandbox_charges WHERE created_at >= $1 AND status <> 'captured'",
      [new Date(c.server.deps.clock.now().getTime() - 60_000)],
    );
    expect(voided.map((v) => v.status)).toContain("voided");
    const retried = await post(buyer, key, orderBody(c.gigId));
    expect(retried.status).toBe(201);
    expect(await orderCount(buyer)).toBe(1);
    await expectEveryOrderPaidByItsOwnCharge(buyer);
  });
});

/** Each order of the buyer claims one captured charge of its own total: no charge pays twice. */
async function expectEveryOrderPaidByItsOwnCharge(buyer: Party) {
  const rows = await c.server.deps.db.query<{
    id: string;
    charge_id: string;
    total: number;
    status: string;
    amount: number;
  }>(
    `SELECT o.id, o.charge_id, o.total, ch.status, ch.amount FROM orders o
     JOIN sandbox_charges ch ON ch.id = o.charge_id WHERE o.buyer_id = $1`,
    [buyer.id],
  );
  expect(rows).toHaveLength(await orderCount(buyer));
  expect(new Set(rows.map((r) => r.charge_id)).size).toBe(rows.length);
  for (const r of rows)
    expect({ status: r.status, amount: Number(r.amount) }).toEqual({
      status: "captured",
      amount: Number(r.total),
    });
}
