import type { Wallet } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unique } from "../client";
import { insertCompletedOrder } from "../factories/orders";
import { startTestServer, type TestServer } from "../harness";
import {
  advance,
  balances,
  DAY,
  expectLedgerBalanced,
  getOrder,
  newCast,
  orderIn,
  usd,
  walletOf,
  type Cast,
} from "./orders.helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((c) => {
    c.auth.sessionIdleSeconds = 400 * DAY;
    c.auth.sessionAbsoluteSeconds = 400 * DAY;
    // Smaller bars above Level 1 keep the Top Rated seller's history to a dozen orders.
    c.reputation.levels.level_2 = { ...c.reputation.levels.level_2, completedOrders: 11, earnings: 44000 };
    c.reputation.levels.top_rated = {
      ...c.reputation.levels.top_rated,
      completedOrders: 12,
      earnings: 48000,
    };
  });
});
afterAll(() => server.close());

/** A seller whose history meets the (lowered) Top Rated bar, approved by an admin through the API. */
async function makeTopRated(c: Cast): Promise<void> {
  const db = server.deps.db;
  const now = server.deps.clock.now();
  await db.query("UPDATE users SET became_seller_at = $2 WHERE id = $1", [
    c.seller.id,
    new Date(now.getTime() - 200 * DAY * 1000),
  ]);
  for (let i = 0; i < 12; i++) {
    await insertCompletedOrder(db, {
      sellerId: c.seller.id,
      buyerId: c.stranger.id,
      gigId: c.gigId,
      earnings: 4000,
      completedAt: new Date(now.getTime() - (i + 1) * 3600_000),
      rating: 5,
    });
  }
  const approved = await c.admin.client.post(`/api/admin/users/${c.seller.id}/approve-top-rated`);
  expect(approved.body).toEqual({ level: "top_rated" });
}

/** Moves the clock to `seconds` before (negative: after) `at`. */
async function advanceTo(at: string, secondsBefore: number): Promise<void> {
  const now = server.deps.clock.now().getTime();
  await advance(server, Math.ceil((Date.parse(at) - now) / 1000) - secondsBefore);
}

async function clearingOf(c: Cast): Promise<Wallet["clearing"]> {
  return (await walletOf(c.seller)).clearing;
}

describe("clearing dates", () => {
  it("a Top Rated seller's earnings clear 7 days after completion, exactly when the order says", async () => {
    const c = await newCast(server);
    await makeTopRated(c);
    expect((await walletOf(c.seller)).clearingDays).toBe(7);

    const order = await orderIn(c, "completed");
    expect(order.completedAt).not.toBeNull();
    expect(Date.parse(order.clearsAt ?? "")).toBe(Date.parse(order.completedAt ?? "") + 7 * DAY * 1000);
    expect((await getOrder(c.buyer, order.id)).clearsAt).toBe(order.clearsAt);
    expect(await clearingOf(c)).toEqual([
      {
        orderId: order.id,
        tipId: null,
        milestoneId: null,
        milestoneTitle: null,
        gigTitle: order.gig.title,
        amount: usd(4000),
        clearsAt: order.clearsAt,
      },
    ]);
    expect(await balances(c.seller)).toMatchObject({ available: 0, pending: 4000 });

    // A minute before the date, the money is still pending; a minute after, it is available.
    await advanceTo(order.clearsAt ?? "", 60);
    expect(await balances(c.seller)).toMatchObject({ available: 0, pending: 4000 });
    await advance(server, 120);
    expect(await balances(c.seller)).toMatchObject({ available: 4000, pending: 0 });
    expect(await clearingOf(c)).toEqual([]);
    const cleared = await getOrder(c.seller, order.id);
    expect(cleared.clearedAt).not.toBeNull();
    expect(cleared.clearsAt).toBe(order.clearsAt);
    await expectLedgerBalanced(c.admin);
  });

  it("another seller's earnings (and tips) clear after 14 days", async () => {
    const c = await newCast(server);
    expect((await walletOf(c.seller)).clearingDays).toBe(14);
    const placed = await orderIn(c, "awaiting_requirements");
    expect(placed.clearsAt).toBeNull();

    const order = await orderIn(c, "completed");
    expect(Date.parse(order.clearsAt ?? "")).toBe(Date.parse(order.completedAt ?? "") + 14 * DAY * 1000);
    const tip = await c.buyer.client.post(
      `/api/orders/${order.id}/tips`,
      { amount: usd(1000), payment: { method: "card", token: "tok_visa" } },
      { "idempotency-key": unique("tip") },
    );
    expect(tip.status).toBe(201);
    const clearing = await clearingOf(c);
    expect(clearing.map((x) => [x.orderId, x.tipId, x.amount.amount])).toEqual([
      [order.id, null, 4000],
      [order.id, tip.body.id, 800],
    ]);
    const tipClearsAt = clearing[1]?.clearsAt ?? "";
    expect(Date.parse(tipClearsAt)).toBe(Date.parse(tip.body.createdAt) + 14 * DAY * 1000);
    expect(await balances(c.seller)).toMatchObject({ available: 0, pending: 4800 });

    // Seven days on (a Top Rated seller's period), nothing has cleared.
    await advance(server, 7 * DAY + 3600);
    expect(await balances(c.seller)).toMatchObject({ available: 0, pending: 4800 });
    await advanceTo(order.clearsAt ?? "", 60);
    expect(await balances(c.seller)).toMatchObject({ available: 0, pending: 4800 });
    await advanceTo(tipClearsAt, -60);
    expect(await balances(c.seller)).toMatchObject({ available: 4800, pending: 0 });
    expect(await clearingOf(c)).toEqual([]);
    await expectLedgerBalanced(c.admin);
  });
});
