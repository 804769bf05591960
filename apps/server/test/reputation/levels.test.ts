import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateSeller, sellerMetrics } from "../../src/modules/reputation/reputation.usecases";
import { syncGigSearchDocument } from "../../src/modules/search/search.indexer";
import { insertActiveGig } from "../factories/gigs";
import { insertCompletedOrder } from "../factories/orders";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((c) => {
    c.auth.sessionIdleSeconds = 365 * 86400;
    c.auth.sessionAbsoluteSeconds = 365 * 86400;
    // Smaller bars above Level 1 keep the Top Rated test to a dozen orders; Level 1 keeps the defaults.
    c.reputation.levels.level_2 = { ...c.reputation.levels.level_2, completedOrders: 11, earnings: 44000 };
    c.reputation.levels.top_rated = {
      ...c.reputation.levels.top_rated,
      completedOrders: 12,
      earnings: 48000,
    };
  });
});
afterAll(() => server.close());

const DAY_MS = 86400_000;

async function sellerWithHistory(p: {
  daysAsSeller: number;
  orders: number;
  earningsEach: number;
  rating: number;
  lateOrders?: number;
}) {
  const seller = server.client();
  const s = await seller.signupSeller();
  const buyer = server.client();
  const b = await buyer.signup();
  const db = server.deps.db;
  const now = server.deps.clock.now();
  await db.query("UPDATE users SET became_seller_at = $2 WHERE id = $1", [
    s.id,
    new Date(now.getTime() - p.daysAsSeller * DAY_MS),
  ]);
  const gigId = await insertActiveGig(db, s.id);
  for (let i = 0; i < p.orders; i++) {
    await insertCompletedOrder(db, {
      sellerId: s.id,
      buyerId: b.id,
      gigId,
      earnings: p.earningsEach,
      completedAt: new Date(now.getTime() - (i + 1) * 3600_000),
      onTime: i >= (p.lateOrders ?? 0),
      rating: p.rating,
    });
  }
  return { client: seller, id: s.id };
}

async function evaluate(id: string) {
  return server.deps.db.transaction((tx) => evaluateSeller(server.deps, tx, id, server.deps.clock.now()));
}

describe(
  "seller levels at the boundaries (60 days, 10 orders, 400.00, rating 4.7, 90% on time)",
  { timeout: 120_000 },
  () => {
    it("promotes a seller who meets every Level 1 bar exactly", async () => {
      const s = await sellerWithHistory({ daysAsSeller: 60, orders: 10, earningsEach: 4000, rating: 5 });
      expect(await evaluate(s.id)).toBe("level_1");
      const me = await s.client.get("/api/me");
      expect(me.body.sellerLevel).toBe("level_1");
    });

    it.each([
      ["59 days as a seller", { daysAsSeller: 59, orders: 10, earningsEach: 4000, rating: 5 }],
      ["9 completed orders", { daysAsSeller: 60, orders: 9, earningsEach: 5000, rating: 5 }],
      ["399.90 earned", { daysAsSeller: 60, orders: 10, earningsEach: 3999, rating: 5 }],
      ["a 4 star rating", { daysAsSeller: 60, orders: 10, earningsEach: 4000, rating: 4 }],
      [
        "2 of 10 deliveries late (80%)",
        { daysAsSeller: 60, orders: 10, earningsEach: 4000, rating: 5, lateOrders: 2 },
      ],
    ])("keeps a seller at New with %s", async (_label, history) => {
      const s = await sellerWithHistory(history);
      expect(await evaluate(s.id)).toBe("new");
    });

    it("accepts exactly 90% on time", async () => {
      const s = await sellerWithHistory({
        daysAsSeller: 60,
        orders: 10,
        earningsEach: 4000,
        rating: 5,
        lateOrders: 1,
      });
      const metrics = await sellerMetrics(server.deps, server.deps.db, s.id, server.deps.clock.now());
      expect(metrics.onTimeRate).toBeCloseTo(0.9);
      expect(metrics.completedOrders).toBe(10);
      expect(metrics.earnings).toEqual({ amount: 40000, currency: "USD" });
      expect(metrics.uniqueBuyers).toBe(1);
      expect(await evaluate(s.id)).toBe("level_1");
    });

    it("demotes when the orders fall out of the 60-day window, and notifies the seller", async () => {
      const s = await sellerWithHistory({ daysAsSeller: 90, orders: 10, earningsEach: 4000, rating: 5 });
      expect(await evaluate(s.id)).toBe("level_1");
      await server.deps.jobs.ensureRecurring(
        server.deps.db,
        "reputation.evaluate_levels",
        { runAt: server.deps.clock.now(), payload: {} },
        server.deps.clock.now(),
      );
      await server.client().post("/api/test/clock", { advanceSeconds: 61 * 86400 });
      const me = await s.client.get("/api/me");
      expect(me.body.sellerLevel).toBe("new");
      const changes = await server.deps.db.query<{ to_level: string }>(
        "SELECT to_level FROM seller_level_changes WHERE user_id = $1 ORDER BY created_at",
        [s.id],
      );
      expect(changes.map((c) => c.to_level)).toEqual(["level_1", "new"]);
    });

    it("needs an admin's approval for Top Rated", async () => {
      const s = await sellerWithHistory({ daysAsSeller: 200, orders: 12, earningsEach: 4000, rating: 5 });
      expect(await evaluate(s.id)).toBe("level_2");
      const admin = server.client();
      const a = await admin.signup();
      await admin.post("/api/test/admins", { email: a.email });
      const candidates = await admin.get("/api/admin/top-rated-candidates");
      expect(candidates.body.data.map((c: { id: string }) => c.id)).toContain(s.id);
      const progress = await s.client.get("/api/me/seller-metrics");
      expect(progress.body.progress).toMatchObject({
        level: "level_2",
        next: "top_rated",
        awaitingApproval: true,
      });
      const approved = await admin.post(`/api/admin/users/${s.id}/approve-top-rated`);
      expect(approved.body.level).toBe("top_rated");
      expect((await server.client().post(`/api/admin/users/${s.id}/approve-top-rated`)).status).toBe(401);
    });
  },
);

describe("the seller dashboard", () => {
  it("counts search impressions, clicks and orders per gig", async () => {
    const seller = server.client();
    const s = await seller.signupSeller();
    const gigId = await insertActiveGig(server.deps.db, s.id, {
      title: "I will paint a watercolour portrait of your dog",
    });
    await server.deps.db.transaction((tx) => syncGigSearchDocument(server.deps, tx, gigId));
    const buyer = server.client();
    for (let i = 0; i < 3; i++) {
      const res = await buyer.get("/api/search/gigs?q=watercolour");
      expect(res.body.data.map((g: { id: string }) => g.id)).toContain(gigId);
      if (i === 0) {
        const click = await buyer.post("/api/search/clicks", {
          searchId: res.body.searchId,
          gigId,
          position: 1,
        });
        expect(click.status).toBe(204);
      }
    }
    expect((await buyer.post("/api/test/search/flush-log")).status).toBe(204);
    const dash = await seller.get("/api/me/seller-dashboard");
    expect(dash.status).toBe(200);
    const row = dash.body.gigs.find((g: { id: string }) => g.id === gigId);
    expect(row).toMatchObject({ impressions: 3, clicks: 1, orders: 0, clickRate: 0.3333 });
    expect(dash.body.progress).toMatchObject({ level: "new", next: "level_1" });
  });
});
