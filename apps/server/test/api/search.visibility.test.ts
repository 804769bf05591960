import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncGigSearchDocument } from "../../src/modules/search/search.indexer";
import { adminClient } from "../factories/catalog";
import { insertCompletedOrder } from "../factories/orders";
import { startTestServer, type TestServer } from "../harness";
import { buildGig } from "./search.helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((config) => {
    config.search.countCacheSeconds = 0;
  });
});
afterAll(() => server.close());

interface Factor {
  name: string;
  value: number;
  contribution: number;
  weight: number;
  changeFromPreviousWeek: number;
  contributionChange: number;
}
const factor = (body: { factors: Factor[] }, name: string) => body.factors.find((f) => f.name === name)!;
/** The orders factor as docs/search.md states it: 35 points × ln(1 + orders) / ln(2001). */
const ordersPoints = (orders: number) => Math.round(3500 * (Math.log1p(orders) / Math.log(2001))) / 100;

async function storedQuality(gigId: string): Promise<number> {
  const rows = await server.deps.db.query<{ quality: number }>(
    "SELECT quality FROM search_documents WHERE gig_id = $1",
    [gigId],
  );
  return rows[0]!.quality;
}

describe("GET /api/gigs/:id/visibility", () => {
  it("shows the factors the ranking uses: the gig with more orders ranks first, and the report says why", async () => {
    const owner = server.client();
    const seller = await owner.signupSeller();
    const buyer = server.client();
    const buyerUser = await buyer.signup();
    const same = { title: "I will paint a quixotrail badge", ratingSum: 20 * 5, ratingCount: 20 };
    const fewer = await buildGig(server.deps, seller.id, { ...same, orders: 10 });
    const more = await buildGig(server.deps, seller.id, { ...same, orders: 200 });

    const res = await buyer.get("/api/search/gigs?q=quixotrail");
    expect(res.body.data.map((g: { id: string }) => g.id)).toEqual([more, fewer]);
    expect(
      (await buyer.post("/api/search/clicks", { searchId: res.body.searchId, gigId: fewer, position: 2 }))
        .status,
    ).toBe(204);
    await server.client().post("/api/test/search/flush-log");

    const a = await owner.get(`/api/gigs/${fewer}/visibility`);
    const b = await owner.get(`/api/gigs/${more}/visibility`);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect([a.body.impressions, a.body.clicks, a.body.averagePosition]).toEqual([1, 1, 2]);
    expect([b.body.impressions, b.body.clicks, b.body.averagePosition]).toEqual([1, 0, 1]);
    expect(a.body.factors.map((f: Factor) => f.name)).toEqual(["rating", "orders", "seller_level"]);

    // The one differing factor: its values and contributions; the others are equal.
    expect(factor(a.body, "orders")).toMatchObject({ value: 10, weight: 35, contribution: ordersPoints(10) });
    expect(factor(b.body, "orders")).toMatchObject({ value: 200, contribution: ordersPoints(200) });
    expect(factor(a.body, "rating")).toEqual(factor(b.body, "rating"));
    expect(factor(a.body, "rating").value).toBeCloseTo((4.5 * 10 + 100) / 30, 3);
    expect(factor(a.body, "seller_level")).toEqual(factor(b.body, "seller_level"));
    // The contributions add up to the rank the search stored and sorted by.
    for (const [report, gigId] of [
      [a.body, fewer],
      [b.body, more],
    ] as const) {
      const sum = report.factors.reduce((s: number, f: Factor) => s + f.contribution, 0);
      expect(sum).toBeCloseTo(report.score, 1);
      expect(report.score).toBeCloseTo((await storedQuality(gigId)) / 10_000, 1);
    }
    expect(b.body.score).toBeGreaterThan(a.body.score);
    expect(a.body.weeks).toHaveLength(8);
    expect(a.body.weeks[7]).toMatchObject({ impressions: 1, clicks: 1, averagePosition: 2 });
    expect(a.body.advice.length).toBeGreaterThan(0);

    // An order completed this week: the orders factor changed by one since last week.
    await insertCompletedOrder(server.deps.db, {
      sellerId: seller.id,
      buyerId: buyerUser.id,
      gigId: fewer,
      earnings: 4000,
      completedAt: server.deps.clock.now(),
    });
    await server.deps.db.transaction(async (tx) => {
      await tx.query("UPDATE gigs SET orders_completed = orders_completed + 1 WHERE id = $1", [fewer]);
      await syncGigSearchDocument(server.deps, tx, fewer);
    });
    const after = await owner.get(`/api/gigs/${fewer}/visibility`);
    expect(after.body.orders).toBe(1);
    expect(factor(after.body, "orders")).toMatchObject({
      value: 11,
      changeFromPreviousWeek: 1,
      contribution: ordersPoints(11),
    });
    expect(factor(after.body, "orders").contributionChange).toBeCloseTo(
      ordersPoints(11) - ordersPoints(10),
      2,
    );
    expect(factor(after.body, "rating").changeFromPreviousWeek).toBe(0);
  });

  it("answers 404 to anyone but the owner and admins", async () => {
    const owner = server.client();
    const seller = await owner.signupSeller();
    const gig = await buildGig(server.deps, seller.id, { title: "I will paint a wobbleton badge" });
    const stranger = server.client();
    await stranger.signupSeller();
    expect((await stranger.get(`/api/gigs/${gig}/visibility`)).status).toBe(404);
    expect((await server.client().get(`/api/gigs/${gig}/visibility`)).status).toBe(401);
    expect((await owner.get(`/api/gigs/gig_doesnotexist0000/visibility`)).status).toBe(404);
    const admin = await adminClient(() => server.client(), owner);
    const res = await admin.get(`/api/gigs/${gig}/visibility`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ gigId: gig, searchable: true, impressions: 0, averagePosition: null });
  });
});
