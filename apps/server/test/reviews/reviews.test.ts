import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../client";
import { insertActiveGig } from "../factories/gigs";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((c) => {
    c.auth.sessionIdleSeconds = 365 * 86400;
  });
});
afterAll(() => server.close());

const DAY = 86400;
let keyCounter = 0;

async function completedOrder(): Promise<{
  buyer: ApiClient;
  seller: ApiClient;
  orderId: string;
  gigId: string;
  sellerName: string;
}> {
  const seller = server.client();
  const s = await seller.signupSeller();
  const buyer = server.client();
  await buyer.signup();
  const gigId = await insertActiveGig(server.deps.db, s.id);
  const placed = await buyer.post(
    "/api/orders",
    { gigId, tier: "basic", payment: { method: "card", token: "tok_visa" } },
    { "idempotency-key": `rev-${++keyCounter}` },
  );
  const orderId: string = placed.body.id;
  await buyer.post(`/api/orders/${orderId}/requirements`, {
    answers: [{ requirementId: "req_brand", text: "Acme" }],
  });
  await seller.post(`/api/orders/${orderId}/deliveries`, { aiUse: "none", message: "Done", fileIds: [] });
  const accepted = await buyer.post(`/api/orders/${orderId}/accept`);
  expect(accepted.body.status).toBe("completed");
  return { buyer, seller, orderId, gigId, sellerName: s.username };
}

const buyerReview = {
  rating: 5,
  communication: 5,
  serviceAsDescribed: 4,
  recommend: true,
  comment: "Lovely work, fast.",
};

describe("double-blind reviews", () => {
  it("keeps the first review secret until the other side writes, then publishes both", async () => {
    const { buyer, seller, orderId, gigId } = await completedOrder();
    const first = await buyer.post(`/api/orders/${orderId}/reviews`, buyerReview);
    expect(first.status).toBe(201);
    expect(first.body.publishedAt).toBeNull();

    // Nothing of it is visible to the seller or the public yet.
    const sellerView = await seller.get(`/api/orders/${orderId}/reviews`);
    expect(sellerView.body.data).toEqual([]);
    expect((await server.client().get(`/api/gigs/${gigId}/reviews`)).body.data).toEqual([]);
    expect((await server.client().get(`/api/gigs/${gigId}`)).body.rating?.count ?? 0).toBe(0);

    const again = await buyer.post(`/api/orders/${orderId}/reviews`, buyerReview);
    expect(again.status).toBe(409);

    const second = await seller.post(`/api/orders/${orderId}/reviews`, {
      rating: 4,
      comment: "Clear brief.",
    });
    expect(second.status).toBe(201);
    expect(second.body.publishedAt).not.toBeNull();

    const pub = await server.client().get(`/api/gigs/${gigId}/reviews`);
    expect(pub.body.data).toHaveLength(1);
    expect(pub.body.data[0].comment).toBe("Lovely work, fast.");
    expect(pub.body.summary).toMatchObject({ average: 5, count: 1, breakdown: [0, 0, 0, 0, 1] });

    // One public reply, then no more.
    const reply = await seller.post(`/api/reviews/${pub.body.data[0].id}/response`, { text: "Thank you!" });
    expect(reply.status).toBe(200);
    expect(reply.body.response.text).toBe("Thank you!");
    expect(
      (await seller.post(`/api/reviews/${pub.body.data[0].id}/response`, { text: "Again" })).status,
    ).toBe(409);
    expect(
      (await buyer.post(`/api/reviews/${pub.body.data[0].id}/response`, { text: "Me too" })).status,
    ).toBe(403);
  });

  it("publishes a lone review 10 days after completion and closes reviewing after 14", async () => {
    const { buyer, seller, orderId, gigId } = await completedOrder();
    expect((await buyer.post(`/api/orders/${orderId}/reviews`, buyerReview)).status).toBe(201);
    await server.client().post("/api/test/clock", { advanceSeconds: 10 * DAY - 60 });
    expect((await server.client().get(`/api/gigs/${gigId}/reviews`)).body.data).toEqual([]);
    await server.client().post("/api/test/clock", { advanceSeconds: 120 });
    expect((await server.client().get(`/api/gigs/${gigId}/reviews`)).body.data).toHaveLength(1);
    await server.client().post("/api/test/clock", { advanceSeconds: 4 * DAY });
    const late = await seller.post(`/api/orders/${orderId}/reviews`, { rating: 5, comment: "Great buyer" });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("review_window_closed");
  });

  it("publishes at once a lone buyer review written after the reveal time (day 11)", async () => {
    const { buyer, seller, orderId, gigId, sellerName } = await completedOrder();
    await server.client().post("/api/test/clock", { advanceSeconds: 11 * DAY });
    const late = await buyer.post(`/api/orders/${orderId}/reviews`, buyerReview);
    expect(late.status).toBe(201);
    expect(late.body.publishedAt).not.toBeNull();

    // The public sees it on the gig and in the seller's rating, without any further job.
    const visitor = server.client();
    const pub = await visitor.get(`/api/gigs/${gigId}/reviews`);
    expect(pub.body.data.map((r: { comment: string }) => r.comment)).toEqual(["Lovely work, fast."]);
    expect(pub.body.summary).toMatchObject({ average: 5, count: 1 });
    expect((await visitor.get(`/api/gigs/${gigId}`)).body.rating).toMatchObject({ average: 5, count: 1 });
    const profile = await visitor.get(`/api/users/${sellerName}`);
    expect(profile.body.rating).toEqual({ average: 5, count: 1 });
    expect((await visitor.get(`/api/users/${sellerName}/reviews`)).body.data).toHaveLength(1);
    // The seller sees it on the order, and can answer it.
    const sellerView = await seller.get(`/api/orders/${orderId}/reviews`);
    expect(sellerView.body.data.map((r: { side: string }) => r.side)).toEqual(["buyer"]);
    const reply = await seller.post(`/api/reviews/${pub.body.data[0].id}/response`, { text: "Thanks!" });
    expect(reply.status).toBe(200);
  });

  it("publishes at once a seller review written after the reveal time, alone or second", async () => {
    // Alone: the seller writes on day 12, the buyer never does.
    const lone = await completedOrder();
    await server.client().post("/api/test/clock", { advanceSeconds: 12 * DAY });
    const sellerLate = await lone.seller.post(`/api/orders/${lone.orderId}/reviews`, {
      rating: 4,
      comment: "Clear brief, quick answers.",
    });
    expect(sellerLate.status).toBe(201);
    expect(sellerLate.body.publishedAt).not.toBeNull();
    const buyerView = await lone.buyer.get(`/api/orders/${lone.orderId}/reviews`);
    expect(buyerView.body.data.map((r: { comment: string }) => r.comment)).toEqual([
      "Clear brief, quick answers.",
    ]);

    // Second: the buyer wrote on day 1 (published by the reveal on day 10), the seller on day 11.
    const pair = await completedOrder();
    await server.client().post("/api/test/clock", { advanceSeconds: DAY });
    expect((await pair.buyer.post(`/api/orders/${pair.orderId}/reviews`, buyerReview)).status).toBe(201);
    await server.client().post("/api/test/clock", { advanceSeconds: 10 * DAY });
    expect((await server.client().get(`/api/gigs/${pair.gigId}/reviews`)).body.data).toHaveLength(1);
    const second = await pair.seller.post(`/api/orders/${pair.orderId}/reviews`, {
      rating: 5,
      comment: "Great buyer.",
    });
    expect(second.status).toBe(201);
    expect(second.body.publishedAt).not.toBeNull();
    const both = await pair.buyer.get(`/api/orders/${pair.orderId}/reviews`);
    expect(both.body.data.map((r: { side: string }) => r.side).sort()).toEqual(["buyer", "seller"]);
  });

  it("refuses reviews from strangers and before completion", async () => {
    const { orderId } = await completedOrder();
    const stranger = server.client();
    await stranger.signup();
    expect((await stranger.post(`/api/orders/${orderId}/reviews`, buyerReview)).status).toBe(404);
    expect((await stranger.get(`/api/orders/${orderId}/reviews`)).status).toBe(404);
  });
});

describe("a gig's reviews follow the gig's visibility", () => {
  it("answers 404 for drafts and hidden gigs exactly as for unknown ids, 200 for published ones", async () => {
    const { buyer, seller, orderId, gigId } = await completedOrder();
    await server.client().post("/api/test/clock", { advanceSeconds: 11 * DAY });
    expect((await buyer.post(`/api/orders/${orderId}/reviews`, buyerReview)).status).toBe(201);
    const visitor = server.client();
    const published = await visitor.get(`/api/gigs/${gigId}/reviews`);
    expect(published.status).toBe(200);
    expect(published.body.data).toHaveLength(1);

    const unknown = await visitor.get("/api/gigs/gig_doesnotexist/reviews");
    expect(unknown.status).toBe(404);
    const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

    // Paused by its seller: hidden from the public, the reviews with it; the owner still sees them.
    expect((await seller.post(`/api/gigs/${gigId}/pause`)).status).toBe(200);
    const paused = await visitor.get(`/api/gigs/${gigId}/reviews`);
    expect(paused.status).toBe(404);
    expect(paused.headers.get("content-type")).toContain("application/problem+json");
    expect(withoutInstance(paused.body)).toEqual(withoutInstance(unknown.body));
    expect((await buyer.get(`/api/gigs/${gigId}/reviews`)).status).toBe(404);
    expect((await seller.get(`/api/gigs/${gigId}/reviews`)).status).toBe(200);

    // A draft (never published) is 404 to everyone but its owner.
    const sellerId: string = (await seller.get("/api/me")).body.id;
    const draftId = await insertActiveGig(server.deps.db, sellerId, { status: "draft" });
    const draft = await visitor.get(`/api/gigs/${draftId}/reviews`);
    expect(draft.status).toBe(404);
    expect(withoutInstance(draft.body)).toEqual(withoutInstance(unknown.body));
    expect((await seller.get(`/api/gigs/${draftId}/reviews`)).status).toBe(200);
  });
});
