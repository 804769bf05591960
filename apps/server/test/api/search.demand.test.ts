import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateDemand } from "../../src/modules/search/search.demand";
import { newId } from "../../src/platform/ids";
import { addDays, addMinutes } from "../../src/platform/durations";
import type { ApiClient } from "../client";
import { adminClient } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";
import { buildGig, buildSeller } from "./search.helpers";

let server: TestServer;
let seller: ApiClient;
beforeAll(async () => {
  server = await startTestServer((config) => {
    config.search.countCacheSeconds = 0;
  });
  seller = server.client();
  await seller.signupSeller();
});
afterAll(() => server.close());

/** `n` different signed-in people (and one anonymous visitor) search `q`. */
async function searchedBy(n: number, params: Record<string, string>) {
  const qs = new URLSearchParams(params).toString();
  for (let i = 0; i < n; i++) {
    const buyer = server.client();
    await buyer.signup();
    expect((await buyer.get(`/api/search/gigs?${qs}`)).status).toBe(200);
  }
  await server.client().get(`/api/search/gigs?${qs}`);
}

/** Flushes the search log and lets the hourly aggregation job run (through the test clock). */
async function aggregate() {
  await server.client().post("/api/test/search/flush-log");
  const now = server.deps.clock.now();
  await server.deps.jobs.ensureRecurring(
    server.deps.db,
    "search.aggregate_demand",
    { runAt: now, payload: {} },
    now,
  );
  // The job runs at once the first time, then hourly.
  const ran = await server.client().post("/api/test/clock", { advanceSeconds: 3601 });
  expect(ran.body.jobsRun).toBeGreaterThan(0);
}

type Entry = { query: string; category: string | null; searchers: number; searches: number };
const byQuery = (body: { data: Entry[] }, query: string) => body.data.filter((e) => e.query === query);

describe("GET /api/insights/demand", () => {
  it("lists searches with few or no results once five distinct people made them, per category, with a trend", async () => {
    const categories = await server.deps.db.query<{ slug: string; parent: string }>(
      `SELECT c.slug, p.slug AS parent FROM categories c JOIN categories p ON p.id = c.parent_id
       WHERE c.slug = 'logo-design'`,
    );
    const parent = categories[0]!.parent;
    // Enough gigs match "glorptastic" with every word: not demand.
    const owner = await buildSeller(server.deps.db);
    for (let i = 0; i < 6; i++)
      await buildGig(server.deps, owner.id, { title: `I will draw glorptastic art ${i}` });

    await searchedBy(5, { q: "Zorbleflux  widgets" });
    await searchedBy(4, { q: "quandrimax plugin" });
    await searchedBy(5, { q: "glorptastic" });
    await searchedBy(5, { q: "vexillo crest", category: "logo-design" });
    await aggregate();

    const res = await seller.get("/api/insights/demand");
    expect(res.status).toBe(200);
    expect(byQuery(res.body, "zorbleflux widgets")).toEqual([
      {
        query: "zorbleflux widgets",
        category: null,
        categoryName: null,
        searches: 6, // the anonymous visitor's search counts, but not as a searcher
        searchers: 5,
        averageResults: 0,
        trend: { thisWeek: 6, previousWeek: 0, direction: "new" },
      },
    ]);
    // Four people are not enough; a query that found enough gigs is not demand.
    expect(byQuery(res.body, "quandrimax plugin")).toEqual([]);
    expect(byQuery(res.body, "glorptastic")).toEqual([]);
    expect(byQuery(res.body, "vexillo crest")).toMatchObject([{ category: "logo-design", searchers: 5 }]);

    // Per category: the subcategory, and its parent, list it; another category does not.
    const inParent = await seller.get(`/api/insights/demand?category=${parent}`);
    expect(inParent.body.data.map((e: Entry) => e.query)).toEqual(["vexillo crest"]);
    const elsewhere = await seller.get("/api/insights/demand?category=no-such-category");
    expect(elsewhere.body.data).toEqual([]);

    // A fifth person makes the other query visible.
    await searchedBy(1, { q: "quandrimax plugin" });
    await aggregate();
    expect(byQuery((await seller.get("/api/insights/demand")).body, "quandrimax plugin")).toMatchObject([
      { searchers: 5, searches: 7 },
    ]);

    // Two weeks later the same searches are last week's: the trend goes down.
    await server.client().post("/api/test/clock", { advanceSeconds: 8 * 86400 });
    await searchedBy(1, { q: "zorbleflux widgets" });
    await aggregate();
    expect(byQuery((await seller.get("/api/insights/demand")).body, "zorbleflux widgets")).toMatchObject([
      { searches: 8, searchers: 6, trend: { thisWeek: 2, previousWeek: 6, direction: "down" } },
    ]);
    expect(byQuery((await seller.get("/api/insights/demand?days=7")).body, "zorbleflux widgets")).toEqual([]);
  });

  it("is for sellers and admins", async () => {
    const buyer = server.client();
    await buyer.signup();
    expect((await buyer.get("/api/insights/demand")).status).toBe(403);
    expect((await server.client().get("/api/insights/demand")).status).toBe(401);
    const admin = await adminClient(() => server.client(), buyer);
    expect((await admin.get("/api/insights/demand")).status).toBe(200);
    expect((await seller.get("/api/insights/demand?days=91")).status).toBe(400);
  });

  it("deletes search data older than the retention period and keeps what is inside it", async () => {
    const db = server.deps.db;
    const now = server.deps.clock.now();
    const retention = server.config.search.logRetentionDays;
    const cutoff = addDays(now, -retention);
    const log = async (at: Date) => {
      const id = newId("srch");
      await db.query(
        `INSERT INTO search_log (id, query, terms, filters, sort, first_page, result_count, total, total_approximate, user_id, created_at, full_matches)
         VALUES ($1, 'old search', '{old}', '{}', 'relevance', true, 0, 0, false, NULL, $2, 0)`,
        [id, at],
      );
      await db.query(
        "INSERT INTO search_clicks (search_id, gig_id, position, user_id, created_at) VALUES ($1, 'gig_x', 1, NULL, $2)",
        [id, at],
      );
      return id;
    };
    const expired = await log(addMinutes(cutoff, -1));
    const kept = await log(addMinutes(cutoff, 1));
    await db.transaction((tx) => aggregateDemand(server.deps, tx, now));
    const left = await db.query<{ id: string }>("SELECT id FROM search_log WHERE id = ANY($1)", [
      [expired, kept],
    ]);
    expect(left.map((r) => r.id)).toEqual([kept]);
    const clicks = await db.query<{ search_id: string }>(
      "SELECT search_id FROM search_clicks WHERE search_id = ANY($1)",
      [[expired, kept]],
    );
    expect(clicks.map((r) => r.search_id)).toEqual([kept]);
  });
});
