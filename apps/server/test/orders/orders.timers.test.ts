import { describe, expect, it } from "vitest";
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
  pendingRequest,
  placeOrder,
  step,
  useOrderScene,
} from "./orders.helpers";

const c = useOrderScene(longSessions);

async function events(id: string, viewer = c.buyer) {
  const res = await viewer.client.get<{ data: { kind: string; actor: { role: string } }[] }>(
    `/api/orders/${id}/events`,
  );
  return res.body.data.map((e) => `${e.kind}:${e.actor.role}`);
}

describe("auto-complete", () => {
  it("completes a delivery the buyer leaves alone for 3 days, and pays the seller's pending clearance", async () => {
    const order = await orderIn(c, "delivered");
    const pending = (await balances(c.seller)).pending;
    await advance(c.server, 3 * DAY - HOUR);
    expect((await getOrder(c.buyer, order.id)).status).toBe("delivered");
    await advance(c.server, 2 * HOUR);
    const done = await getOrder(c.buyer, order.id);
    expect(done.status).toBe("completed");
    expect(done.completedAt).toBe(order.autoCompleteAt);
    expect((await events(order.id)).at(-1)).toBe("auto_complete:system");
    expect((await balances(c.seller)).pending - pending).toBe(4000);
  });

  it("counts the 3 days from the latest delivery: a revision defuses the earlier timer", async () => {
    const order = await orderIn(c, "delivered");
    await advance(c.server, 2 * DAY);
    await step.revision(c, order.id);
    const redelivered = await step.deliver(c, order.id);
    await advance(c.server, DAY + HOUR);
    expect((await getOrder(c.buyer, order.id)).status).toBe("delivered");
    await advance(c.server, 2 * DAY);
    const done = await getOrder(c.buyer, order.id);
    expect(done.status).toBe("completed");
    expect(done.completedAt).toBe(redelivered.autoCompleteAt);
    expect((await events(order.id)).filter((e) => e.startsWith("auto_complete"))).toHaveLength(1);
  });
});

describe("late orders", () => {
  it("flags an undelivered order late at its due time", async () => {
    const order = await orderIn(c, "in_progress");
    expect(order.isLate).toBe(false);
    await advance(c.server, 3 * DAY - HOUR);
    expect((await getOrder(c.buyer, order.id)).isLate).toBe(false);
    await advance(c.server, 2 * HOUR);
    expect((await getOrder(c.buyer, order.id)).isLate).toBe(true);
    expect(await events(order.id)).toContain("flag_late:system");
  });

  it("lets the buyer cancel alone only from 24 hours late, with a full refund and the seller at fault", async () => {
    const order = await orderIn(c, "in_progress");
    const credits = (await balances(c.buyer)).credits;
    await advance(c.server, 3 * DAY + 23 * HOUR);
    expectProblem(await c.buyer.client.post(`/api/orders/${order.id}/cancel`), 409, "not_late_enough");
    expect((await getOrder(c.buyer, order.id)).actions).not.toContain("late_cancel");
    await advance(c.server, HOUR);
    expect((await getOrder(c.buyer, order.id)).actions).toContain("late_cancel");
    const res = await c.buyer.client.post(`/api/orders/${order.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", cancellation: { fault: "seller" } });
    expect((await balances(c.buyer)).credits - credits).toBe(5575);
  });

  it("refuses the late cancel before the clock starts and after a delivery (409 invalid_transition)", async () => {
    const waiting = await placeOrder(c.buyer, c.gigId);
    const delivered = await orderIn(c, "in_progress");
    await advance(c.server, 5 * DAY);
    await step.deliver(c, delivered.id);
    for (const id of [waiting.id, delivered.id]) {
      expectProblem(await c.buyer.client.post(`/api/orders/${id}/cancel`), 409, "invalid_transition");
    }
  });

  it("gives the seller one more day after a revision of a late delivery", async () => {
    const order = await orderIn(c, "in_progress");
    await advance(c.server, 5 * DAY);
    await step.deliver(c, order.id);
    const revised = await step.revision(c, order.id);
    const now = Date.parse((await c.server.client().get<{ now: string }>("/api/test/clock")).body.now);
    const due = Date.parse(revised.dueAt ?? "");
    expect(due - now).toBeGreaterThan(DAY * 1000 - 60_000);
    expect(due - now).toBeLessThanOrEqual(DAY * 1000);
    expect(revised.isLate).toBe(false);
  });
});

describe("mutual cancellation", () => {
  it("accepts a cancellation request after 48 hours of silence", async () => {
    const order = await orderIn(c, "in_progress");
    const credits = (await balances(c.buyer)).credits;
    const asked = await step.requestCancellation(c.buyer, order.id);
    expect(
      Date.parse(asked.requests[0]?.expiresAt ?? "") - Date.parse(asked.requests[0]?.createdAt ?? ""),
    ).toBe(2 * DAY * 1000);
    await advance(c.server, 47 * HOUR);
    expect((await getOrder(c.buyer, order.id)).status).toBe("in_progress");
    await advance(c.server, 2 * HOUR);
    const done = await getOrder(c.buyer, order.id);
    expect(done).toMatchObject({
      status: "cancelled",
      cancellation: { fault: "none", reason: "Plans changed" },
    });
    expect(done.requests[0]?.status).toBe("accepted");
    expect((await events(order.id)).at(-1)).toBe("auto_accept_cancellation:system");
    expect((await balances(c.buyer)).credits - credits).toBe(5575);
  });

  it("does nothing after 48 hours when the request was declined", async () => {
    const order = await orderIn(c, "delivered");
    const asked = await step.requestCancellation(c.seller, order.id);
    await step.answer(c.buyer, order.id, "cancellation", pendingRequest(asked, "cancellation"), "decline");
    await step.revision(c, order.id);
    await advance(c.server, 2 * DAY + HOUR);
    expect((await getOrder(c.buyer, order.id)).status).toBe("in_progress");
  });

  it("withdraws a pending cancellation request when the buyer accepts the delivery instead", async () => {
    const order = await orderIn(c, "delivered");
    await step.requestCancellation(c.seller, order.id);
    const completed = await step.accept(c, order.id);
    expect(completed.requests.map((r) => r.status)).toEqual(["withdrawn"]);
    expect(completed.requests[0]?.expiresAt).toBeNull();
    await advance(c.server, 3 * DAY);
    expect((await getOrder(c.buyer, order.id)).status).toBe("completed");
  });
});

describe("extensions", () => {
  it("lapse after 4 days unanswered, leaving the due time alone", async () => {
    const order = await orderIn(c, "in_progress");
    const asked = await step.requestExtension(c, order.id, 3);
    const requestId = pendingRequest(asked, "extension");
    await advance(c.server, 4 * DAY - HOUR);
    expect((await getOrder(c.buyer, order.id)).requests[0]?.status).toBe("pending");
    await advance(c.server, 2 * HOUR);
    const after = await getOrder(c.buyer, order.id);
    expect(after.requests[0]?.status).toBe("lapsed");
    expect(after.dueAt).toBe(order.dueAt);
    expect((await events(order.id)).at(-1)).toBe("lapse_extension:system");
    const late = await c.buyer.client.post(`/api/orders/${order.id}/extension-requests/${requestId}/accept`);
    expectProblem(late, 409, "request_closed");
  });

  it("accepted, move the due time and clear the late flag", async () => {
    const order = await orderIn(c, "in_progress");
    await advance(c.server, 3 * DAY + HOUR);
    expect((await getOrder(c.buyer, order.id)).isLate).toBe(true);
    const asked = await step.requestExtension(c, order.id, 3);
    const accepted = await step.answer(
      c.buyer,
      order.id,
      "extension",
      pendingRequest(asked, "extension"),
      "accept",
    );
    expect(Date.parse(accepted.dueAt ?? "") - Date.parse(order.dueAt ?? "")).toBe(3 * DAY * 1000);
    expect(accepted.isLate).toBe(false);
    // The late cancel counts from the new due time.
    await advance(c.server, 2 * DAY + 23 * HOUR);
    expectProblem(await c.buyer.client.post(`/api/orders/${order.id}/cancel`), 409, "not_late_enough");
  });
});

describe("clearing", () => {
  it("moves earnings from pending clearance to available after 14 days", async () => {
    const cast = await newCast(c.server);
    const order = await orderIn(cast, "completed");
    expect(await balances(cast.seller)).toMatchObject({ pending: 4000, available: 0 });
    await advance(c.server, 14 * DAY - HOUR);
    expect(await balances(cast.seller)).toMatchObject({ pending: 4000, available: 0 });
    await advance(c.server, 2 * HOUR);
    expect(await balances(cast.seller)).toMatchObject({ pending: 0, available: 4000 });
    const cleared = await getOrder(cast.seller, order.id);
    expect(Date.parse(cleared.clearedAt ?? "") - Date.parse(cleared.completedAt ?? "")).toBe(14 * DAY * 1000);
    expect((await events(order.id, cast.buyer)).at(-1)).toBe("cleared:system");
  });

  it("takes 7 days for Top Rated sellers", async () => {
    const cast = await newCast(c.server);
    await c.server.deps.db.query("UPDATE users SET seller_level = 'top_rated' WHERE id = $1", [
      cast.seller.id,
    ]);
    await orderIn(cast, "completed");
    await advance(c.server, 7 * DAY - HOUR);
    expect(await balances(cast.seller)).toMatchObject({ pending: 4000, available: 0 });
    await advance(c.server, 2 * HOUR);
    expect(await balances(cast.seller)).toMatchObject({ pending: 0, available: 4000 });
    await expectLedgerBalanced(c.admin);
  });
});
