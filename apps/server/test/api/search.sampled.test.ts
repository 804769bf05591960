import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildSearchIndex } from "../../src/modules/search/search.indexer";
import { NO_FILTERS } from "../../src/modules/search/search.models";
import { createSearchRepository } from "../../src/modules/search/search.repository";
import { startTestServer, type TestServer } from "../harness";
import { buildGig, buildSeller } from "./search.helpers";

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((g) => g.id);

describe("large result sets (sampled counts, index-order scans)", () => {
  let big: TestServer;
  const word = "gallimaufry";

  beforeAll(async () => {
    // A tiny sample and exact-count limit make 60 gigs behave like a million: estimates, scans, fallbacks.
    // These are the SQL engine's plans; the memory engine counts exactly (search.equivalence.test.ts).
    big = await startTestServer((config) => {
      config.search.engine = "sql";
      config.search.countCacheSeconds = 0;
      config.search.sampleSize = 25;
      config.search.exactCountLimit = 4;
    });
    const db = big.deps.db;
    const seller = await buildSeller(db, { level: "level_1" });
    for (let i = 0; i < 60; i++) {
      await buildGig(big.deps, seller.id, {
        title: i % 4 === 0 ? `I will make a ${word} logo` : `I will make a plain logo number ${i}`,
        description:
          i % 2 === 0
            ? `A ${word} of styles for every brand, delivered with care and attention to detail, revision ${i}.`
            : `Clean work for every brand, delivered with care and attention to detail, revision number ${i}.`,
        category: i % 3 === 0 ? "logo-design" : "illustration",
        price: 1000 + i * 100,
        orders: (i * 7) % 11,
        ratingSum: (i % 5) * 10,
        ratingCount: i % 5 === 0 ? 0 : 3,
      });
    }
    await rebuildSearchIndex(db, { sampleSize: 25 });
  });
  afterAll(() => big.close());

  const bigSearch = (params: Record<string, string | number>) =>
    big
      .client()
      .get(
        `/api/search/gigs?${new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))).toString()}`,
      );

  it("estimates totals and facets from the sample", async () => {
    const res = await bigSearch({ q: "logo" });
    expect(res.status).toBe(200);
    expect(res.body.totalIsEstimate).toBe(true);
    expect(res.body.total).toBeGreaterThan(20);
    expect(res.body.total).toBeLessThan(150);
    expect(res.body.facets.categories.map((c: { slug: string }) => c.slug)).toEqual(["graphics-design"]);
  });

  for (const sort of ["relevance", "best_selling", "price_asc", "newest"]) {
    it(`pages ${sort} without duplicates or gaps`, async () => {
      for (const q of ["logo", word]) {
        const all: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 100; page++) {
          const res = await bigSearch({ q, sort, limit: 7, ...(cursor ? { cursor } : {}) });
          expect(res.status).toBe(200);
          all.push(...ids(res));
          cursor = res.body.nextCursor;
          if (!cursor) break;
        }
        const expected = q === "logo" ? 60 : 30;
        expect(all).toHaveLength(expected);
        expect(new Set(all).size).toBe(expected);
      }
    });
  }

  it("pages a large set under its own sort in exactly the order of one big page", async () => {
    // Small pages take the sample-bounded match set (docs/search.md "Words under a sort"): their
    // concatenation must be the whole order, which one page of 100 gives from the full match set.
    for (const sort of ["price_desc", "price_asc", "rating", "newest"]) {
      const whole = ids(await bigSearch({ q: "logo", sort, limit: 100 }));
      expect(whole).toHaveLength(60);
      const paged: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 30; page++) {
        const res = await bigSearch({ q: "logo", sort, limit: 4, ...(cursor ? { cursor } : {}) });
        paged.push(...ids(res));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(paged).toEqual(whole);
    }
  });

  it("pages a relaxed answer in exactly the order of one big page", async () => {
    // No gig has all four words; 16 have three of them. Small pages rank only the gigs with at least
    // k words when the sample says they fill a page (search.relaxed.ts); one page of 100 ranks all.
    // "gallimaufry 17": no gig has both, so a first page ranks the single-term gigs through the
    // union's own page plans; later pages (cursors) rank the whole union, which the pages must meet.
    const queries = [`${word} plain number 17`, `${word} 17`];
    for (const [q, sort] of queries.flatMap((q) => ["relevance", "price_asc"].map((s) => [q, s] as const))) {
      const first = await bigSearch({ q, sort, limit: 100 });
      expect(first.body.relaxed).toBe(true);
      const whole = ids(first);
      expect(whole.length).toBeGreaterThan(30);
      const paged: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 40; page++) {
        const res = await bigSearch({ q, sort, limit: 4, ...(cursor ? { cursor } : {}) });
        expect(res.body.relaxed).toBe(true);
        paged.push(...ids(res));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(paged).toEqual(whole);
    }
  });

  it("pages a relaxed answer exactly when a narrower set is tried first", async () => {
    // Gigs 2, 6 and 10 have five of the seven words (their numbers, gallimaufry, plain, number,
    // styles), the other twelve of 2, 6, …, 58 four. When the sample holds some of those three
    // (most draws), a page of 2 is first looked for among the documents with at least five words
    // (search.relaxed.ts): found on the first page, too few after its cursor (then four words).
    const q = `${word} plain number styles 2 6 10`;
    for (const sort of ["relevance", "price_asc"]) {
      const first = await bigSearch({ q, sort, limit: 100 });
      expect(first.body.relaxed).toBe(true);
      const whole = ids(first);
      expect(whole.slice(0, 3).sort()).toEqual(
        first.body.data
          .filter((g: { title: string }) => / number (2|6|10)$/.test(g.title))
          .map((g: { id: string }) => g.id)
          .sort(),
      );
      const paged: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 40; page++) {
        const res = await bigSearch({ q, sort, limit: 2, ...(cursor ? { cursor } : {}) });
        expect(res.body.relaxed).toBe(true);
        paged.push(...ids(res));
        cursor = res.body.nextCursor;
        if (!cursor) break;
      }
      expect(paged).toEqual(whole);
    }
  });

  it("counts the sample's union and its matched terms in one statement, as separately", async () => {
    const repo = createSearchRepository(big.deps.db);
    const terms = ["'gallimaufri'", "'plain'", "'number'", "'style'", "'17'"];
    const days = [1, 3, 7];
    const both = await repo.sampleTermCounts(terms, NO_FILTERS, days);
    const union = terms.map((t) => `(${t})`).join(" | ");
    const order = (rows: { group: string; category_id: string | null; seller_level: string | null }[]) =>
      [...rows].sort((a, b) =>
        `${a.group}${a.category_id}${a.seller_level}`.localeCompare(
          `${b.group}${b.category_id}${b.seller_level}`,
        ),
      );
    expect(order(both.rows)).toEqual(order(await repo.count("search_sample", union, NO_FILTERS, days)));
    const total = both.rows.find((r) => r.group === "total")?.n ?? 0;
    expect(total).toBeGreaterThan(0);
    expect(both.exactly.reduce((a, b) => a + b, 0)).toBe(total);
    for (const [i, t] of terms.entries()) {
      const alone = await repo.count("search_sample", t, NO_FILTERS, days);
      expect(both.perTerm[i]).toBe(alone.find((r) => r.group === "total")?.n ?? 0);
    }
  });

  it("counts a small set exactly, also when its first page holds every match", async () => {
    // "17" is in one gig (title and description); "number" in 4 of the 5 gigs up to 15.00.
    const one = await bigSearch({ q: "17" });
    expect(one.body).toMatchObject({
      total: 1,
      totalIsEstimate: false,
      facets: {
        categories: [{ slug: "graphics-design", count: 1 }],
        sellerLevels: [{ level: "level_1", count: 1 }],
      },
    });
    // The same counts whether the first page holds every match or not (when the sample puts the set
    // above the exact-count limit, both are the same estimate).
    const whole = await bigSearch({ q: "number", limit: 40, maxPrice: 1500 });
    const cut = await bigSearch({ q: "number", limit: 3, maxPrice: 1500 });
    expect(whole.body.data).toHaveLength(4);
    expect(cut.body).toMatchObject({
      total: whole.body.total,
      totalIsEstimate: whole.body.totalIsEstimate,
      facets: whole.body.facets,
    });
    if (!whole.body.totalIsEstimate) expect(whole.body.total).toBe(4);
  });

  it("puts title matches first even when pages come from different strategies", async () => {
    const res = await bigSearch({ q: word, limit: 100 });
    const titles = res.body.data.map((g: { title: string }) => g.title.includes(word));
    expect(titles.slice(0, 15).every(Boolean)).toBe(true);
    expect(titles.slice(15).some(Boolean)).toBe(false);
  });
});
