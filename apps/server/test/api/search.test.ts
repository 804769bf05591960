import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { buildGig, buildSeller, setGigStatus, suspendSeller } from "./search.helpers";

let server: TestServer;
beforeAll(async () => {
  // Counts are cached for a minute in production; these tests change data between searches.
  server = await startTestServer((config) => {
    config.search.countCacheSeconds = 0;
  });
});
afterAll(() => server.close());

const search = (params: Record<string, string | number>) =>
  server
    .client()
    .get(
      `/api/search/gigs?${new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))).toString()}`,
    );

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((g) => g.id);

/** Follows nextCursor to the end with `limit`-sized pages. */
async function walk(params: Record<string, string | number>, limit: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await search({ ...params, limit, ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    out.push(...ids(res));
    cursor = res.body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error("too many pages");
}

describe("text matching", () => {
  it("finds words in title, tags, description and seller name, with stemming", async () => {
    const seller = await buildSeller(server.deps.db, { displayName: "Orla Quennelby" });
    const inTitle = await buildGig(server.deps, seller.id, {
      title: "I will paint marvellous watercolour harbours",
    });
    const inTags = await buildGig(server.deps, seller.id, {
      title: "I will paint a calm seaside scene",
      tags: ["lighthouses"],
    });
    const inDescription = await buildGig(server.deps, seller.id, {
      title: "I will paint a calm country scene",
      description:
        "Fields, hedges and a few quiet zephyrine skies, painted by hand and delivered as a high resolution scan.",
    });

    expect(ids(await search({ q: "harbour" }))).toEqual([inTitle]);
    expect(ids(await search({ q: "lighthouse" }))).toEqual([inTags]);
    expect(ids(await search({ q: "zephyrine skies" }))).toEqual([inDescription]);
    expect(ids(await search({ q: "Quennelby" })).sort()).toEqual([inTitle, inTags, inDescription].sort());
    // "marvellous watercolours" and "painting" share stems with the indexed words.
    // Only one gig has both words: it comes first, the gigs that only "paint" follow (relaxed).
    const both = await search({ q: "watercolours painting" });
    expect(ids(both)[0]).toEqual(inTitle);
    expect(both.body.relaxed).toBe(true);
  });

  it("corrects a one-letter typo in words of five letters or more, and says so", async () => {
    const seller = await buildSeller(server.deps.db);
    const gig = await buildGig(server.deps, seller.id, {
      title: "I will make a quoddity illustration for kids",
    });
    const missing = await search({ q: "quodity ilustration" });
    expect(ids(missing)).toEqual([gig]);
    expect(missing.body.corrections).toEqual(
      expect.arrayContaining([
        { from: "quodity", to: ["quoddity"] },
        { from: "ilustration", to: expect.arrayContaining(["illustration"]) },
      ]),
    );
    // A transposition counts as one edit ("desgin" → "design").
    const designer = await buildGig(server.deps, seller.id, { title: "I will do a jorvik logo design" });
    expect(ids(await search({ q: "jorvik desgin" }))).toEqual([designer]);
    expect(ids(await search({ q: "jorvk" }))).toEqual([designer]);
    // Words under five letters are not corrected: too many short words are one edit apart.
    const short = await buildGig(server.deps, seller.id, { title: "I will paint a quag scene" });
    expect(ids(await search({ q: "quag" }))).toEqual([short]);
    expect((await search({ q: "qaug" })).body.data).toEqual([]);
    // "lgo" is not corrected; the gig matching "jorvik" is still found, as a partial match.
    const partial = await search({ q: "lgo jorvik" });
    expect(ids(partial)).toEqual([designer]);
    expect(partial.body).toMatchObject({ relaxed: true, corrections: [] });
  });

  it("ranks title matches before tag matches before description matches", async () => {
    const seller = await buildSeller(server.deps.db);
    const description = await buildGig(server.deps, seller.id, {
      title: "I will write a short poem",
      description:
        "Verses for weddings and birthdays, rhymed or free, and the odd brontosaur limerick on request for fans.",
      orders: 500,
      ratingSum: 500,
      ratingCount: 100,
    });
    const tag = await buildGig(server.deps, seller.id, {
      title: "I will write a long poem",
      tags: ["brontosaurs"],
      orders: 50,
    });
    const title = await buildGig(server.deps, seller.id, { title: "I will write a brontosaur poem" });
    expect(ids(await search({ q: "brontosaur" }))).toEqual([title, tag, description]);
  });

  it("ranks a better-rated gig above an otherwise identical one", async () => {
    const seller = await buildSeller(server.deps.db);
    const same = { title: "I will design a glimmerfox mascot logo", orders: 40 };
    const worse = await buildGig(server.deps, seller.id, { ...same, ratingSum: 30 * 3, ratingCount: 30 });
    const better = await buildGig(server.deps, seller.id, { ...same, ratingSum: 30 * 5, ratingCount: 30 });
    const unrated = await buildGig(server.deps, seller.id, { ...same, orders: 40 });
    expect(ids(await search({ q: "glimmerfox" }))).toEqual([better, unrated, worse]);
  });

  it("leaves out gigs that are not active and gigs of suspended sellers", async () => {
    const seller = await buildSeller(server.deps.db);
    const other = await buildSeller(server.deps.db);
    const paused = await buildGig(server.deps, seller.id, {
      title: "I will tune a crumhorn for you",
      status: "paused",
    });
    const active = await buildGig(server.deps, seller.id, { title: "I will tune a crumhorn properly" });
    const suspendedSellers = await buildGig(server.deps, other.id, {
      title: "I will tune a crumhorn quickly",
    });
    await buildGig(server.deps, seller.id, { title: "I will tune a crumhorn in draft", status: "draft" });
    expect(ids(await search({ q: "crumhorn" })).sort()).toEqual([active, suspendedSellers].sort());

    await suspendSeller(server.deps, other.id, true);
    await setGigStatus(server.deps, paused, "active");
    await setGigStatus(server.deps, active, "archived");
    const res = await search({ q: "crumhorn" });
    expect(ids(res)).toEqual([paused]);
    expect(res.body.total).toBe(1);

    await suspendSeller(server.deps, other.id, false);
    expect(ids(await search({ q: "crumhorn" })).sort()).toEqual([paused, suspendedSellers].sort());
  });
});

describe("filters, facets and sorts", () => {
  const word = "flumadiddle";
  const gigs: Record<string, string> = {};

  beforeAll(async () => {
    const db = server.deps.db;
    const rookie = await buildSeller(db, { level: "new" });
    const pro = await buildSeller(db, { level: "level_2" });
    const star = await buildSeller(db, { level: "top_rated" });
    const day = 24 * 3600 * 1000;
    const t0 = Date.now() - 100 * day;
    gigs.logoCheap = await buildGig(server.deps, rookie.id, {
      title: `I will design a ${word} logo`,
      category: "logo-design",
      price: 1000,
      deliveryDays: 1,
      ratingSum: 0,
      ratingCount: 0,
      orders: 0,
      publishedAt: new Date(t0 + 5 * day),
    });
    gigs.logoPricey = await buildGig(server.deps, star.id, {
      title: `I will design a premium ${word} logo`,
      category: "logo-design",
      price: 90000,
      deliveryDays: 7,
      ratingSum: 980,
      ratingCount: 200,
      orders: 300,
      publishedAt: new Date(t0 + 1 * day),
    });
    gigs.illustration = await buildGig(server.deps, pro.id, {
      title: `I will draw a ${word} illustration`,
      category: "illustration",
      price: 20000,
      deliveryDays: 3,
      ratingSum: 184,
      ratingCount: 40,
      orders: 60,
      publishedAt: new Date(t0 + 3 * day),
    });
    gigs.website = await buildGig(server.deps, pro.id, {
      title: `I will build a ${word} website`,
      category: "website-development",
      price: 50000,
      deliveryDays: 14,
      ratingSum: 38,
      ratingCount: 10,
      orders: 12,
      publishedAt: new Date(t0 + 4 * day),
    });
    gigs.voice = await buildGig(server.deps, star.id, {
      title: `I will record a ${word} voice over`,
      category: "voice-over",
      price: 7000,
      deliveryDays: 2,
      ratingSum: 5 * 80,
      ratingCount: 80,
      orders: 100,
      publishedAt: new Date(t0 + 2 * day),
    });
  });

  const found = async (params: Record<string, string | number>) =>
    ids(await search({ q: word, ...params })).sort();
  const of = (...names: string[]) => names.map((n) => gigs[n]).sort();

  it("filters by category, a top-level category including its subcategories", async () => {
    expect(await found({ category: "logo-design" })).toEqual(of("logoCheap", "logoPricey"));
    expect(await found({ category: "graphics-design" })).toEqual(
      of("logoCheap", "logoPricey", "illustration"),
    );
    expect(await found({ category: "music-audio" })).toEqual(of("voice"));
  });

  it("filters by price range, delivery time, seller level and minimum rating", async () => {
    expect(await found({ minPrice: 7000 })).toEqual(of("logoPricey", "illustration", "website", "voice"));
    expect(await found({ maxPrice: 7000 })).toEqual(of("logoCheap", "voice"));
    expect(await found({ minPrice: 7000, maxPrice: 50000 })).toEqual(of("illustration", "website", "voice"));
    expect(await found({ maxDeliveryDays: 3 })).toEqual(of("logoCheap", "illustration", "voice"));
    expect(await found({ sellerLevel: "top_rated" })).toEqual(of("logoPricey", "voice"));
    expect(await found({ minRating: 4.5 })).toEqual(of("logoPricey", "illustration", "voice"));
    expect(await found({ minRating: 4.9 })).toEqual(of("logoPricey", "voice"));
    expect(await found({ category: "graphics-design", sellerLevel: "level_2", maxPrice: 30000 })).toEqual(
      of("illustration"),
    );
  });

  it("filters without words (browsing a category)", async () => {
    const res = await search({ category: "voice-over", sort: "newest" });
    expect(res.status).toBe(200);
    expect(ids(res)).toContain(gigs.voice);
  });

  it("counts facets: categories one level down, seller levels, cumulative delivery days", async () => {
    const res = await search({ q: word });
    expect(res.body.total).toBe(5);
    expect(res.body.totalIsEstimate).toBe(false);
    expect(res.body.facets.categories).toEqual([
      { slug: "graphics-design", count: 3 },
      { slug: "music-audio", count: 1 },
      { slug: "programming-tech", count: 1 },
    ]);
    expect(res.body.facets.sellerLevels).toEqual([
      { level: "new", count: 1 },
      { level: "level_2", count: 2 },
      { level: "top_rated", count: 2 },
    ]);
    expect(res.body.facets.deliveryDays).toEqual([
      { maxDays: 1, count: 1 },
      { maxDays: 3, count: 3 },
      { maxDays: 7, count: 4 },
      { maxDays: 14, count: 5 },
    ]);
    const inGraphics = await search({ q: word, category: "graphics-design" });
    expect(inGraphics.body.facets.categories).toEqual([
      { slug: "logo-design", count: 2 },
      { slug: "illustration", count: 1 },
    ]);
    expect(inGraphics.body.total).toBe(3);
  });

  it("sorts by best selling, rating, newest and price", async () => {
    const order = async (sort: string) => ids(await search({ q: word, sort }));
    expect(await order("best_selling")).toEqual([
      gigs.logoPricey,
      gigs.voice,
      gigs.illustration,
      gigs.website,
      gigs.logoCheap,
    ]);
    // Bayesian average (prior 4.5 worth 10 ratings): 80 × 5.0 → 4.94 beats 200 × 4.9 → 4.88; 40 × 4.6 → 4.58;
    // the unrated gig sits at the prior, above 10 × 3.8 → 4.15.
    expect(await order("rating")).toEqual([
      gigs.voice,
      gigs.logoPricey,
      gigs.illustration,
      gigs.logoCheap,
      gigs.website,
    ]);
    expect(await order("newest")).toEqual([
      gigs.logoCheap,
      gigs.website,
      gigs.illustration,
      gigs.voice,
      gigs.logoPricey,
    ]);
    expect(await order("price_asc")).toEqual([
      gigs.logoCheap,
      gigs.voice,
      gigs.illustration,
      gigs.website,
      gigs.logoPricey,
    ]);
    expect(await order("price_desc")).toEqual([
      gigs.logoPricey,
      gigs.website,
      gigs.illustration,
      gigs.voice,
      gigs.logoCheap,
    ]);
    // Relevance without other differences follows quality: rating, orders and level.
    expect((await order("relevance"))[0]).toBe(gigs.logoPricey);
    expect(await order("relevance")).toEqual(ids(await search({ q: word })));
  });

  it("returns cards in the API's shape", async () => {
    const res = await search({ q: word, sort: "price_desc", limit: 1 });
    expect(res.body.data[0]).toEqual({
      id: gigs.logoPricey,
      title: `I will design a premium ${word} logo`,
      slug: expect.any(String),
      seller: { username: expect.any(String), displayName: "Sam Seller", level: "top_rated" },
      startingPrice: { amount: 90000, currency: "USD" },
      // 5.5% service fee; no small-order fee from 100.00 on.
      startingPriceAllIn: { amount: 94950, currency: "USD" },
      rating: { average: 4.9, count: 200 },
      deliveryDays: 7,
      coverImageUrl: null,
      aiUse: "none",
    });
    expect(res.body.searchId).toMatch(/^srch_/);
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });
});

describe("pagination", () => {
  const word = "snollygoster";

  beforeAll(async () => {
    const db = server.deps.db;
    const sellers = [await buildSeller(db, { level: "new" }), await buildSeller(db, { level: "level_1" })];
    for (let i = 0; i < 23; i++) {
      const seller = sellers[i % 2]!;
      // Ties on purpose (same price, orders, rating) so the id tie-break is exercised.
      await buildGig(server.deps, seller.id, {
        title: i % 3 === 0 ? `I will ${word} for you` : `I will help with things ${i}`,
        tags: i % 3 === 1 ? [word] : ["misc"],
        description: `Careful work with a ${word} twist for every client, delivered on time, with revisions and a smile, number ${i}.`,
        price: 1000 + (i % 4) * 500,
        orders: i % 5,
        ratingSum: (i % 3) * 20,
        ratingCount: (i % 3) * 5,
        publishedAt: new Date(Date.now() - (i % 6) * 86_400_000),
      });
    }
  });

  for (const sort of ["relevance", "best_selling", "rating", "newest", "price_asc", "price_desc"]) {
    it(`walks every page of ${sort} without duplicates or gaps`, async () => {
      const all = ids(await search({ q: word, sort, limit: 100 }));
      expect(all).toHaveLength(23);
      const walked = await walk({ q: word, sort }, 4);
      expect(walked).toEqual(all);
    });
  }

  it("walks pages of a filter-only search", async () => {
    const all = ids(await search({ category: "logo-design", maxPrice: 2000, limit: 100 }));
    expect(await walk({ category: "logo-design", maxPrice: 2000 }, 3)).toEqual(all);
  });
});

describe("logging", () => {
  it("logs every search with its filters, sort and counts, and later clicks", async () => {
    const seller = await buildSeller(server.deps.db);
    const gig = await buildGig(server.deps, seller.id, { title: "I will carve a wooden kazoo whistle" });
    const client = server.client();
    const user = await client.signup();
    const res = await client.get("/api/search/gigs?q=Kazoo%20whistles&maxPrice=9000&sort=price_asc");
    expect(res.status).toBe(200);
    expect(await client.post("/api/test/search/flush-log")).toMatchObject({ status: 204 });
    const rows = await server.deps.db.query<Record<string, unknown>>(
      "SELECT * FROM search_log WHERE id = $1",
      [res.body.searchId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      query: "kazoo whistles",
      terms: ["kazoo", "whistl"],
      filters: { maxPrice: 9000 },
      sort: "price_asc",
      first_page: true,
      result_count: 1,
      total: 1,
      total_approximate: false,
      user_id: user.id,
    });

    const click = await client.post("/api/search/clicks", {
      searchId: res.body.searchId,
      gigId: gig,
      position: 1,
    });
    expect(click.status).toBe(204);
    const anonymous = await server
      .client()
      .post("/api/search/clicks", { searchId: res.body.searchId, gigId: gig, position: 1 });
    expect(anonymous.status).toBe(204);
    const clicks = await server.deps.db.query<{ user_id: string | null; position: number }>(
      "SELECT user_id, position FROM search_clicks WHERE search_id = $1 ORDER BY user_id NULLS LAST",
      [res.body.searchId],
    );
    expect(clicks).toEqual([
      { user_id: user.id, position: 1 },
      { user_id: null, position: 1 },
    ]);

    // Cookie-authenticated clicks need the CSRF header like every unsafe request.
    client.csrf = false;
    const forged = await client.post("/api/search/clicks", {
      searchId: res.body.searchId,
      gigId: gig,
      position: 2,
    });
    expect(forged.status).toBe(403);
    expect(
      (await server.client().post("/api/search/clicks", { searchId: "nope", gigId: gig, position: 1 }))
        .status,
    ).toBe(400);
  });
});

describe("suggestions", () => {
  it("completes with categories, popular searches and tags", async () => {
    const seller = await buildSeller(server.deps.db);
    await buildGig(server.deps, seller.id, {
      title: "I will design a vexillology flag",
      tags: ["vexillology", "vexillology flags"],
    });
    const flush = () => server.client().post("/api/test/search/flush-log");
    const suggestions = async () => (await server.client().get("/api/search/suggest?q=vexil")).body.data;
    const searcher = async (q: string) => {
      const client = server.client();
      await client.signup();
      const res = await client.get(`/api/search/gigs?${new URLSearchParams({ q }).toString()}`);
      expect(res.body.total).toBe(1);
    };

    // A misspelling finds the gig through its correction; it is counted under the correction and
    // never offered to others as typed. Anonymous searches and one person's repeats are not "several people".
    await searcher("vexilology flag");
    await searcher("vexillology flag");
    for (let i = 0; i < 5; i++) expect((await search({ q: "vexillology flag" })).body.total).toBe(1);
    await flush();
    expect(await suggestions()).toEqual([
      { text: "vexillology", kind: "tag" },
      { text: "vexillology flags", kind: "tag" },
    ]);

    // A third signed-in person makes it a query others are offered (the route behind "related searches").
    await searcher("Vexillology   FLAG");
    await flush();
    const res = await server.client().get("/api/search/suggest?q=vexil");
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { text: "vexillology flag", kind: "query" },
      { text: "vexillology", kind: "tag" },
      { text: "vexillology flags", kind: "tag" },
    ]);
    expect(JSON.stringify(res.body.data)).not.toContain("vexilology");

    const client = server.client();
    const categories = await client.get("/api/search/suggest?q=Logo");
    expect(categories.body.data[0]).toEqual({ text: "Logo Design", kind: "category", slug: "logo-design" });
    expect(categories.body.data.length).toBeLessThanOrEqual(8);
    expect((await client.get("/api/search/suggest?q=")).status).toBe(400);
    // Completions of a long text look at its first 100 characters.
    expect((await client.get(`/api/search/suggest?q=vexil${"l".repeat(300)}`)).status).toBe(200);
  });
});

describe("long queries", () => {
  it("searches the first 200 characters of a longer query instead of refusing it", async () => {
    const seller = await buildSeller(server.deps.db);
    const gig = await buildGig(server.deps, seller.id, {
      title: "I will draw a quillwort botanical plate",
    });
    // Everything after the 200th character (here a word no gig has) is not searched.
    const q = `quillwort ${" ".repeat(190)}zzyzxunknownword`;
    expect(q.length).toBeGreaterThan(200);
    const res = await search({ q });
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([gig]);
    // A long query made of words is searched by its start, too.
    const words = await search({ q: "quillwort botanical ".repeat(20) });
    expect(words.status).toBe(200);
    expect(ids(words)).toEqual([gig]);
    // A word cut in two by the 200th character is left out, not searched as a fragment.
    const cut = await search({ q: `${"quillwort ".repeat(19)}botanicalplates` });
    expect(cut.status).toBe(200);
    expect(ids(cut)).toEqual([gig]);
  });
});

describe("bad parameters", () => {
  it.each([
    ["an unknown parameter", "q=logo&colour=red"],
    ["limit 0", "limit=0"],
    ["limit 101", "limit=101"],
    ["minPrice above maxPrice", "minPrice=5000&maxPrice=1000"],
    ["an unknown sort", "sort=cheapest"],
    ["an unknown seller level", "sellerLevel=legend"],
    ["an unknown category", "category=underwater-basket-weaving"],
    ["a rating above 5", "minRating=6"],
    ["a fractional price", "minPrice=10.5"],
    ["a malformed cursor", "cursor=not-a-cursor"],
  ])("answers 400 for %s", async (_name, query) => {
    const res = await server.client().get(`/api/search/gigs?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
  });

  it("refuses a cursor from another search", async () => {
    const seller = await buildSeller(server.deps.db);
    await buildGig(server.deps, seller.id, { title: "I will juggle a borborygmus" });
    await buildGig(server.deps, seller.id, { title: "I will juggle a borborygmus twice" });
    const first = await search({ q: "borborygmus", limit: 1 });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const other = await search({ q: "borborygmus", sort: "newest", cursor: first.body.nextCursor });
    expect(other.status).toBe(400);
    expect(other.body.errors).toEqual([{ path: "cursor", message: expect.any(String) }]);
  });
});
