import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { advance, expectProblem, newCast, placeOrder, step, type Cast } from "../orders/orders.helpers";
import { send } from "./messaging.helpers";

let server: TestServer;
let cast: Cast;

beforeAll(async () => {
  server = await startTestServer();
  cast = await newCast(server);
});
afterAll(() => server.close());

describe("order chat and the order timeline", () => {
  it("merges the order's events and its messages in time order", async () => {
    const order = await placeOrder(cast.buyer, cast.gigId);
    const before = await cast.buyer.client.get(`/api/orders/${order.id}/timeline`);
    expect(before.status).toBe(200);
    expect(before.body.conversationId).toBeNull();

    // The seller may open the conversation with a buyer who is not a seller: they share an order.
    const opened = await cast.seller.client.post("/api/conversations", { username: cast.buyer.username });
    expect(opened.status).toBe(201);
    const conversationId = opened.body.id as string;

    // The test clock stands still unless moved: a second between steps gives each its own instant.
    await advance(server, 1);
    await send(cast.seller, conversationId, "Thanks for the order! Any colour preferences?", {
      orderId: order.id,
    });
    await advance(server, 1);
    await step.requirements(cast, order.id);
    await advance(server, 1);
    await send(cast.buyer, conversationId, "Green and gold, please.", { orderId: order.id });
    await send(cast.buyer, conversationId, "(not about the order)");
    await advance(server, 1);
    await step.deliver(cast, order.id);

    const res = await cast.buyer.client.get(`/api/orders/${order.id}/timeline`);
    expect(res.status).toBe(200);
    expect(res.body.conversationId).toBe(conversationId);
    const items = res.body.data as {
      type: string;
      at: string;
      event?: { kind: string };
      message?: { body: string; orderId: string };
    }[];
    const summary = items.map((i) =>
      i.type === "event" ? `event:${i.event!.kind}` : `message:${i.message!.body}`,
    );
    expect(summary).toEqual([
      "event:placed",
      "message:Thanks for the order! Any colour preferences?",
      "event:submit_requirements",
      "message:Green and gold, please.",
      "event:deliver",
    ]);
    const times = items.map((i) => i.at);
    expect([...times].sort()).toEqual(times);

    // Admins see it too; strangers get 404.
    expect((await cast.admin.client.get(`/api/orders/${order.id}/timeline`)).status).toBe(200);
    expectProblem(await cast.stranger.client.get(`/api/orders/${order.id}/timeline`), 404, "not_found");
    expectProblem(await cast.stranger.client.get(`/api/orders/ord_unknown/timeline`), 404, "not_found");
  });

  it("refuses an orderId that is not an order between the two participants", async () => {
    const order = await placeOrder(cast.buyer, cast.gigId);
    const opened = await cast.stranger.client.post("/api/conversations", { username: cast.seller.username });
    const res = await cast.stranger.client.post(`/api/conversations/${opened.body.id}/messages`, {
      body: "Is this order going well?",
      orderId: order.id,
    });
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors).toEqual([
      { path: "orderId", message: "is not an order between the two participants" },
    ]);
  });
});
