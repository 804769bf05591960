import type { Order } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import { TRANSITIONS, type TransitionName } from "../../src/modules/orders/orders.lifecycle";
import { act } from "../../src/modules/orders/orders.usecases";
import {
  answers,
  balances,
  DAY,
  expectLedgerBalanced,
  expectProblem,
  getOrder,
  orderIn,
  placeOrder,
  step,
  type Party,
  type Status,
  useOrderScene,
} from "./orders.helpers";

const c = useOrderScene();

type Who = "buyer" | "seller" | "admin";
interface Action {
  name: TransitionName;
  who: Who;
  path: (id: string) => string;
  body?: Record<string, unknown>;
}

/** Every transition a person takes through the API, with the party the table names. */
const ACTIONS: Action[] = [
  {
    name: "submit_requirements",
    who: "buyer",
    path: (id) => `/api/orders/${id}/requirements`,
    body: answers,
  },
  { name: "start_work", who: "seller", path: (id) => `/api/orders/${id}/start` },
  {
    name: "deliver",
    who: "seller",
    path: (id) => `/api/orders/${id}/deliveries`,
    body: { message: "Done", fileIds: [], aiUse: "none" },
  },
  {
    name: "request_revision",
    who: "buyer",
    path: (id) => `/api/orders/${id}/revision-requests`,
    body: { message: "Again" },
  },
  { name: "accept", who: "buyer", path: (id) => `/api/orders/${id}/accept` },
  { name: "late_cancel", who: "buyer", path: (id) => `/api/orders/${id}/cancel` },
  {
    name: "request_cancellation",
    who: "buyer",
    path: (id) => `/api/orders/${id}/cancellation-requests`,
    body: { reason: "Plans changed" },
  },
  {
    name: "accept_cancellation",
    who: "seller",
    path: (id) => `/api/orders/${id}/cancellation-requests/req_x/accept`,
  },
  {
    name: "decline_cancellation",
    who: "seller",
    path: (id) => `/api/orders/${id}/cancellation-requests/req_x/decline`,
  },
  {
    name: "request_extension",
    who: "seller",
    path: (id) => `/api/orders/${id}/extension-requests`,
    body: { days: 2, reason: "More time" },
  },
  {
    name: "accept_extension",
    who: "buyer",
    path: (id) => `/api/orders/${id}/extension-requests/req_x/accept`,
  },
  {
    name: "decline_extension",
    who: "buyer",
    path: (id) => `/api/orders/${id}/extension-requests/req_x/decline`,
  },
  {
    name: "open_dispute",
    who: "buyer",
    path: (id) => `/api/orders/${id}/disputes`,
    body: { reason: "Not as agreed" },
  },
  {
    name: "resolve_complete",
    who: "admin",
    path: (id) => `/api/admin/disputes/${id}/resolve`,
    body: { outcome: "complete" },
  },
  {
    name: "resolve_cancel",
    who: "admin",
    path: (id) => `/api/admin/disputes/${id}/resolve`,
    body: { outcome: "cancel" },
  },
  {
    name: "resolve_split",
    who: "admin",
    path: (id) => `/api/admin/disputes/${id}/resolve`,
    body: { outcome: "split", buyerRefundPercent: 50 },
  },
];

const party = (who: Who): Party => c[who];
const STATUSES: Status[] = [
  "awaiting_requirements",
  "in_progress",
  "delivered",
  "completed",
  "cancelled",
  "disputed",
];

async function eventKinds(id: string): Promise<string[]> {
  const res = await c.buyer.client.get<{ data: { kind: string }[] }>(`/api/orders/${id}/events`);
  return res.body.data.map((e) => e.kind);
}

describe("a transition not allowed from the current status", () => {
  it.each(STATUSES)("answers 409 invalid_transition from %s and changes nothing", async (status) => {
    const order = await orderIn(c, status);
    const before = await getOrder(c.buyer, order.id);
    const events = await eventKinds(order.id);
    const forbidden = ACTIONS.filter(
      (a) => !(TRANSITIONS[a.name].from as readonly Status[]).includes(status),
    );
    expect(forbidden.length).toBeGreaterThan(5);
    for (const a of forbidden) {
      const res = await party(a.who).client.post(a.path(order.id), a.body);
      expect({ action: a.name, status: res.status, code: res.body.code }).toEqual({
        action: a.name,
        status: 409,
        code: "invalid_transition",
      });
    }
    expect(await getOrder(c.buyer, order.id)).toEqual(before);
    expect(await eventKinds(order.id)).toEqual(events);
  });
});

describe("the wrong party", () => {
  it("gets 403 for the other participant's transitions", async () => {
    const order = await placeOrder(c.buyer, c.gigId);
    const wrong: [Party, Action["name"]][] = [];
    for (const a of ACTIONS) {
      if (a.who === "admin") continue;
      const other = a.who === "buyer" ? c.seller : c.buyer;
      // Requests may be asked and answered by either party: the table lists both.
      if ((TRANSITIONS[a.name].actors as readonly string[]).includes(other === c.buyer ? "buyer" : "seller"))
        continue;
      const res = await other.client.post(a.path(order.id), a.body);
      expectProblem(res, 403, "forbidden");
      wrong.push([other, a.name]);
    }
    expect(wrong.map(([, name]) => name)).toEqual([
      "submit_requirements",
      "start_work",
      "deliver",
      "request_revision",
      "accept",
      "late_cancel",
      "request_extension",
      "accept_extension",
      "decline_extension",
    ]);
    expect((await getOrder(c.buyer, order.id)).status).toBe("awaiting_requirements");
  });

  it("gets 403 when an admin tries a participant's transition", async () => {
    const delivered = await orderIn(c, "delivered");
    expectProblem(await c.admin.client.post(`/api/orders/${delivered.id}/accept`), 403, "forbidden");
    expectProblem(
      await c.admin.client.post(`/api/orders/${delivered.id}/deliveries`, {
        aiUse: "none",
        message: "x",
        fileIds: [],
      }),
      403,
      "forbidden",
    );
  });

  it("gets 404 as a stranger, and non-admins cannot resolve disputes", async () => {
    const disputed = await orderIn(c, "disputed");
    for (const a of ACTIONS) {
      const res = await c.stranger.client.post(a.path(disputed.id), a.body);
      expectProblem(res, 404, "not_found");
    }
    for (const p of [c.buyer, c.seller]) {
      expectProblem(
        await p.client.post(`/api/admin/disputes/${disputed.id}/resolve`, { outcome: "cancel" }),
        404,
        "not_found",
      );
    }
    expect((await getOrder(c.buyer, disputed.id)).status).toBe("disputed");
  });
});

describe("privacy", () => {
  it("hides an order and its timeline from strangers (404 like a missing order) and shows them to admins", async () => {
    const order = await placeOrder(c.buyer, c.gigId);
    const missing = await c.stranger.client.get("/api/orders/ord_doesnotexist");
    for (const path of [`/api/orders/${order.id}`, `/api/orders/${order.id}/events`]) {
      const res = await c.stranger.client.get(path);
      expectProblem(res, 404, "not_found");
      expect(res.body).toEqual(missing.body);
      expect((await c.server.client().get(path)).status).toBe(401);
    }
    const asAdmin = await c.admin.client.get<Order>(`/api/orders/${order.id}`);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.viewerRole).toBe("admin");
    expect((await c.admin.client.get(`/api/orders/${order.id}/events`)).status).toBe(200);
    expect((await getOrder(c.seller, order.id)).viewerRole).toBe("seller");

    const strangerList = await c.stranger.client.get<{ data: Order[] }>("/api/orders?role=buyer");
    expect(strangerList.body.data).toEqual([]);
    const sellerList = await c.seller.client.get<{ data: Order[] }>("/api/orders?role=seller&limit=100");
    expect(sellerList.body.data.map((o) => o.id)).toContain(order.id);
  });
});

describe("each transition of the table, by the party it names", () => {
  it("submit_requirements: saves the answers, starts the clock (due = start + package days + extras' days)", async () => {
    const placed = await placeOrder(c.buyer, c.gigId, { extraIds: ["ext_source"] });
    const missing = await c.buyer.client.post(`/api/orders/${placed.id}/requirements`, { answers: [] });
    expectProblem(missing, 400, "validation_failed");
    const unknown = await c.buyer.client.post(`/api/orders/${placed.id}/requirements`, {
      answers: [...answers.answers, { requirementId: "req_other", text: "?" }],
    });
    expectProblem(unknown, 400, "validation_failed");
    const started = await step.requirements(c, placed.id);
    expect(started.status).toBe("in_progress");
    expect(started.requirementsSubmitted).toBe(true);
    expect(started.requirements[0]?.answer).toEqual({ text: "Acme" });
    // The answers reach the seller, who works from them.
    expect((await getOrder(c.seller, placed.id)).requirements[0]?.answer).toEqual({ text: "Acme" });
    expect(Date.parse(started.dueAt ?? "") - Date.parse(started.startedAt ?? "")).toBe(4 * DAY * 1000);
  });

  it("start_work: the seller starts without the requirements", async () => {
    const placed = await placeOrder(c.buyer, c.gigId);
    const started = await step.start(c, placed.id);
    expect(started).toMatchObject({ status: "in_progress", requirementsSubmitted: false });
    expect(Date.parse(started.dueAt ?? "") - Date.parse(started.startedAt ?? "")).toBe(3 * DAY * 1000);
  });

  it("deliver, request_revision, accept: the delivery loop ends in completion and pays the seller's pending clearance", async () => {
    const order = await orderIn(c, "in_progress");
    const delivered = await step.deliver(c, order.id);
    expect(delivered.status).toBe("delivered");
    expect(delivered.deliveries).toEqual([
      {
        id: expect.any(String),
        message: "Here it is",
        files: [],
        aiUse: "none",
        aiTools: [],
        milestoneId: null,
        createdAt: expect.any(String),
      },
    ]);
    expect(Date.parse(delivered.autoCompleteAt ?? "") - Date.parse(delivered.deliveredAt ?? "")).toBe(
      3 * DAY * 1000,
    );
    const revised = await step.revision(c, order.id);
    expect(revised).toMatchObject({ status: "in_progress", revisionsLeft: 0, autoCompleteAt: null });
    // The seller keeps the later of the original due time and one day from now.
    expect(revised.dueAt).toBe(order.dueAt);
    await step.deliver(c, order.id);
    const pendingBefore = (await balances(c.seller)).pending;
    const completed = await step.accept(c, order.id);
    expect(completed.status).toBe("completed");
    expect(completed.completedAt).not.toBeNull();
    expect((await balances(c.seller)).pending - pendingBefore).toBe(4000);
    expect(await eventKinds(order.id)).toEqual([
      "placed",
      "submit_requirements",
      "deliver",
      "request_revision",
      "deliver",
      "accept",
    ]);
  });

  it("request_revision: limited by the package (409 no_revisions_left), unlimited for null", async () => {
    const basic = await orderIn(c, "delivered");
    await step.revision(c, basic.id);
    await step.deliver(c, basic.id);
    const res = await c.buyer.client.post(`/api/orders/${basic.id}/revision-requests`, {
      message: "Once more",
    });
    expectProblem(res, 409, "no_revisions_left");
    expect((await getOrder(c.buyer, basic.id)).status).toBe("delivered");

    const premium = await orderIn(c, "delivered", { tier: "premium" });
    for (let i = 0; i < 3; i++) {
      const revised = await step.revision(c, premium.id);
      expect(revised.revisionsLeft).toBeNull();
      await step.deliver(c, premium.id);
    }
  });

  it("request_cancellation and answers: the other party accepts (refund, fault none) or declines (the order goes on)", async () => {
    const declined = await orderIn(c, "in_progress");
    const asked = await step.requestCancellation(c.seller, declined.id);
    const requestId = asked.requests[0]?.id ?? "";
    expect(asked.requests[0]).toMatchObject({
      kind: "cancellation",
      status: "pending",
      requestedBy: { username: c.seller.username },
    });
    const own = await c.seller.client.post(
      `/api/orders/${declined.id}/cancellation-requests/${requestId}/accept`,
    );
    expectProblem(own, 409, "own_request");
    const twice = await c.buyer.client.post(`/api/orders/${declined.id}/cancellation-requests`, {
      reason: "Me too",
    });
    expectProblem(twice, 409, "request_pending");
    const after = await step.answer(c.buyer, declined.id, "cancellation", requestId, "decline");
    expect(after.status).toBe("in_progress");
    expect(after.requests[0]?.status).toBe("declined");
    const again = await c.buyer.client.post(
      `/api/orders/${declined.id}/cancellation-requests/${requestId}/accept`,
    );
    expectProblem(again, 409, "request_closed");

    const creditsBefore = (await balances(c.buyer)).credits;
    const accepted = await orderIn(c, "cancelled");
    expect(accepted).toMatchObject({
      status: "cancelled",
      cancellation: { fault: "none", reason: "Plans changed" },
    });
    expect(accepted.requests[0]?.status).toBe("accepted");
    expect((await balances(c.buyer)).credits - creditsBefore).toBe(5575);
  });

  it("request_extension and answers: accepting moves the due time, declining does not", async () => {
    const order = await orderIn(c, "in_progress");
    const asked = await step.requestExtension(c, order.id, 2);
    expect(asked.requests[0]).toMatchObject({ kind: "extension", status: "pending", days: 2 });
    const accepted = await step.answer(c.buyer, order.id, "extension", asked.requests[0]?.id ?? "", "accept");
    expect(Date.parse(accepted.dueAt ?? "") - Date.parse(order.dueAt ?? "")).toBe(2 * DAY * 1000);
    expect(accepted.deliveryDays).toBe(order.deliveryDays + 2);
    const second = await step.requestExtension(c, order.id, 5);
    const declined = await step.answer(
      c.buyer,
      order.id,
      "extension",
      second.requests[1]?.id ?? "",
      "decline",
    );
    expect(declined.dueAt).toBe(accepted.dueAt);
    expect(declined.requests.map((r) => r.status)).toEqual(["accepted", "declined"]);
  });

  it("open_dispute: either party freezes the order and pending requests are withdrawn", async () => {
    const byBuyer = await orderIn(c, "in_progress");
    await step.requestExtension(c, byBuyer.id);
    const disputed = await step.dispute(c.buyer, byBuyer.id);
    expect(disputed).toMatchObject({
      status: "disputed",
      dispute: { reason: "It is not what we agreed", openedBy: c.buyer.username },
    });
    expect(disputed.requests[0]?.status).toBe("withdrawn");
    const bySeller = await orderIn(c, "delivered");
    expect((await step.dispute(c.seller, bySeller.id)).dispute?.openedBy).toBe(c.seller.username);
    const queue = await c.admin.client.get<{ data: Order[] }>("/api/admin/disputes");
    expect(queue.body.data.map((o) => o.id)).toEqual(expect.arrayContaining([byBuyer.id, bySeller.id]));
    expect((await c.buyer.client.get("/api/admin/disputes")).status).toBe(404);
  });

  it("admin_cancel (no HTTP route; used by suspensions): an admin cancels an open order with a refund", async () => {
    const order = await orderIn(c, "delivered");
    const creditsBefore = (await balances(c.buyer)).credits;
    const admin = { id: c.admin.id, roles: ["member", "admin"] };
    const cancelled = await act(c.server.deps, {
      orderId: order.id,
      name: "admin_cancel",
      viewer: admin,
      input: { fault: "seller" },
    });
    expect(cancelled).toMatchObject({
      status: "cancelled",
      cancellation: { fault: "seller" },
      viewerRole: "admin",
    });
    expect((await balances(c.buyer)).credits - creditsBefore).toBe(5575);
    await expect(
      act(c.server.deps, { orderId: order.id, name: "admin_cancel", viewer: admin }),
    ).rejects.toMatchObject({
      status: 409,
      code: "invalid_transition",
    });
    await expectLedgerBalanced(c.admin);
  });
});
