import type { Gig, Order, Quote } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unique } from "../client";
import { basicPackage, createActiveGig } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";
import { answers, DAY, newParty, type Party } from "./orders.helpers";

/**
 * An "Express delivery" extra takes days off: the gig is made through the catalog's API (which used
 * to refuse −2), then quoted and ordered; the delivery time and the due date follow, never below 1 day.
 */
let server: TestServer;
let seller: Party;
let buyer: Party;
let gig: Gig;
beforeAll(async () => {
  server = await startTestServer();
  [seller, buyer] = await Promise.all([newParty(server, "seller"), newParty(server)]);
  gig = await createActiveGig(seller.client, {
    packages: [basicPackage({ deliveryDays: 5, price: { amount: 5000, currency: "USD" } })],
    extras: [
      { title: "Express delivery", price: { amount: 1500, currency: "USD" }, additionalDays: -2 },
      { title: "Overnight", price: { amount: 4000, currency: "USD" }, additionalDays: -10 },
      { title: "Source files", price: { amount: 1000, currency: "USD" }, additionalDays: 1 },
    ],
    requirements: [{ question: "What is your brand called?", kind: "text", required: true }],
  });
});
afterAll(() => server.close());

const extraId = (title: string) => {
  const extra = gig.extras.find((e) => e.title === title);
  if (!extra) throw new Error(`no extra ${title}`);
  return extra.id;
};

async function quote(extraIds: string[]): Promise<Quote> {
  const res = await buyer.client.post<Quote>("/api/orders/quote", { gigId: gig.id, tier: "basic", extraIds });
  expect(res.status).toBe(200);
  return res.body;
}

/** Orders with the extras, submits the requirements (the clock starts) and returns the order. */
async function startedOrder(extraIds: string[]): Promise<Order> {
  const placed = await buyer.client.post<Order>(
    "/api/orders",
    { gigId: gig.id, tier: "basic", extraIds, quantity: 1, payment: { method: "card", token: "tok_visa" } },
    { "idempotency-key": unique("key") },
  );
  expect(placed.status).toBe(201);
  const requirementId = placed.body.requirements[0]?.id ?? "";
  const started = await buyer.client.post<Order>(`/api/orders/${placed.body.id}/requirements`, {
    answers: answers.answers.map((a) => ({ ...a, requirementId })),
  });
  expect(started.status).toBe(200);
  return started.body;
}

const daysBetween = (from: string | null, to: string | null) =>
  (new Date(to ?? "").getTime() - new Date(from ?? "").getTime()) / (DAY * 1000);

describe("extras that shorten delivery", () => {
  it("keeps the seller's negative days on the public gig", async () => {
    const res = await server.client().get<Gig>(`/api/gigs/${gig.id}`);
    expect(res.body.extras.map((e) => [e.title, e.additionalDays])).toEqual([
      ["Express delivery", -2],
      ["Overnight", -10],
      ["Source files", 1],
    ]);
  });

  it("a 5-day package with a −2 express extra is quoted and due in 3 days", async () => {
    expect(await quote([])).toMatchObject({ deliveryDays: 5 });
    expect(await quote([extraId("Express delivery")])).toMatchObject({
      deliveryDays: 3,
      subtotal: { amount: 6500, currency: "USD" },
    });
    expect((await quote([extraId("Express delivery"), extraId("Source files")])).deliveryDays).toBe(4);

    const order = await startedOrder([extraId("Express delivery")]);
    expect(order.deliveryDays).toBe(3);
    expect(order.startedAt).not.toBeNull();
    expect(daysBetween(order.startedAt, order.dueAt)).toBe(3);
  });

  it("a −10 extra on a 5-day package gives 1 day, not less", async () => {
    expect((await quote([extraId("Overnight")])).deliveryDays).toBe(1);
    expect((await quote([extraId("Overnight"), extraId("Express delivery")])).deliveryDays).toBe(1);
    const order = await startedOrder([extraId("Overnight")]);
    expect(order.deliveryDays).toBe(1);
    expect(daysBetween(order.startedAt, order.dueAt)).toBe(1);
  });

  it("refuses an extra that would take more days off than any package can have", async () => {
    const res = await seller.client.patch(`/api/gigs/${gig.id}`, {
      extras: [{ title: "Time machine", price: { amount: 1500, currency: "USD" }, additionalDays: -90 }],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("extras.0.additionalDays");
  });
});
