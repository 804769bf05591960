import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countSampleRows, filterSizes, sampleColumns } from "./search.counts";
import {
  corrections,
  decodeCursor,
  editDistance,
  encodeCursor,
  pagePlan,
  queryWords,
  roundEstimate,
  shapeCounts,
  suggestableQuery,
  tsqueryText,
  type CountRow,
  NO_FILTERS,
} from "./search.models";
import { qualityScore } from "./search.ranking";

describe("queryWords", () => {
  it("lower-cases, splits on anything but letters and digits, drops repeats", () => {
    expect(queryWords("  Logo-Design, LOGO  3D!  ")).toEqual(["logo", "design", "3d"]);
    expect(queryWords("Café über")).toEqual(["café", "über"]);
    expect(queryWords(undefined)).toEqual([]);
    expect(queryWords("a b c d e f g h i j k l")).toHaveLength(10);
  });
});

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent transpositions as one edit", () => {
    expect(editDistance("design", "design")).toBe(0);
    expect(editDistance("desgin", "design")).toBe(1);
    expect(editDistance("ilustration", "illustration")).toBe(1);
    expect(editDistance("wordpres", "wordpress")).toBe(1);
    expect(editDistance("logo", "lgoo")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("kitten", "sitting", 1)).toBe(2);
  });

  it("is symmetric, zero only for equal words, and at most the longer length", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 8 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBe(editDistance(b, a));
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe("corrections", () => {
  const vocabulary = [
    { word: "design", lexeme: "design", docCount: 900 },
    { word: "designs", lexeme: "design", docCount: 300 },
    { word: "deign", lexeme: "deign", docCount: 2 },
    { word: "resign", lexeme: "resign", docCount: 40 },
    { word: "the", lexeme: null, docCount: 1000 },
  ];

  it("keeps known words one edit away, most frequent first, one per stem", () => {
    expect(corrections("desgin", vocabulary, 5).map((c) => c.word)).toEqual(["design"]);
    expect(corrections("desgn", vocabulary, 5).map((c) => c.word)).toEqual(["design", "deign"]);
    expect(corrections("designz", vocabulary, 5).map((c) => c.word)).toEqual(["design"]);
  });

  it("leaves short words and numbers alone", () => {
    expect(corrections("desi", vocabulary, 5)).toEqual([]);
    expect(corrections("12345", [{ word: "12346", lexeme: "12346", docCount: 1 }], 5)).toEqual([]);
  });
});

describe("tsqueryText", () => {
  it("requires every word and offers a typo's corrections as alternatives", () => {
    expect(
      tsqueryText([
        { word: "logo", lexemes: ["logo"], correctedTo: null },
        { word: "desgn", lexemes: ["design", "deign"], correctedTo: ["design", "deign"] },
        { word: "the", lexemes: [], correctedTo: null },
      ]),
    ).toBe("'logo' & ('design' | 'deign')");
    expect(tsqueryText([{ word: "o'neil", lexemes: ["o'neil"], correctedTo: null }])).toBe("'o''neil'");
    expect(tsqueryText([])).toBeNull();
  });
});

describe("cursors", () => {
  it("round-trip, and are refused for another search or when tampered with", () => {
    const cursor = { fingerprint: "abc", textClass: 1 as const, key: 734_000, gigId: "gig_0123456789abcdef" };
    const text = encodeCursor(cursor);
    expect(decodeCursor(text, "abc")).toEqual(cursor);
    expect(decodeCursor(text, "xyz")).toBeNull();
    expect(decodeCursor("not-base64-json", "abc")).toBeNull();
    const tampered = Buffer.from(JSON.stringify({ f: "abc", c: 7, k: 1, i: "gig_1" })).toString("base64url");
    expect(decodeCursor(tampered, "abc")).toBeNull();
    const dated = { ...cursor, textClass: null, key: "2026-01-02T03:04:05.678Z" };
    expect(decodeCursor(encodeCursor(dated), "abc")).toEqual(dated);
  });
});

describe("pagePlan", () => {
  it("fetches small match sets whole and walks the index for dense ones", () => {
    expect(pagePlan(300, 1_000_000, 21, 1)).toEqual({ strategy: "match" });
    expect(pagePlan(0, 1_000_000, 21, 1)).toEqual({ strategy: "match" });
    expect(pagePlan(660_000, 1_000_000, 21, 1)).toEqual({ strategy: "scan", budget: 200 });
    // 20,000 matches: about 1,050 reads expected, budget four times that.
    expect(pagePlan(20_000, 1_000_000, 21, 1)).toEqual({ strategy: "scan", budget: 4200 });
    // Around sqrt(need × documents / orderCost) reading the whole set wins.
    expect(pagePlan(4_000, 1_000_000, 21, 1)).toEqual({ strategy: "match" });
    expect(pagePlan(4_000, 1_000_000, 21, 0.25).strategy).toBe("scan");
  });

  it("never budgets a scan above what the match set would cost", () => {
    const plan = pagePlan(3_000, 1_000_000, 21, 0.25);
    expect(plan).toEqual({ strategy: "scan", budget: 12_000 });
  });

  it("walks a slice when broad filters make a small set that their bitmaps cannot fetch cheaply", () => {
    // 1,600 results of a million; the walk stays in a 450,000-document slice; the narrowest filter has 94,000.
    expect(pagePlan(1_600, 1_000_000, 21, 1)).toEqual({ strategy: "match" });
    expect(pagePlan(1_600, 450_000, 21, 1, 94_000)).toEqual({ strategy: "scan", budget: 23_625 });
    // A narrow filter makes the match set cheap again.
    expect(pagePlan(1_600, 450_000, 21, 1, 3_000)).toEqual({ strategy: "match" });
  });
});

describe("countSampleRows and filterSizes", () => {
  const rows = sampleColumns([
    {
      categoryId: "c1",
      topCategoryId: "t1",
      sellerLevel: "new",
      price: 1000,
      deliveryDays: 1,
      ratingSum: 0,
      ratingCount: 0,
    },
    {
      categoryId: "c1",
      topCategoryId: "t1",
      sellerLevel: "level_1",
      price: 5000,
      deliveryDays: 3,
      ratingSum: 48,
      ratingCount: 10,
    },
    {
      categoryId: "c2",
      topCategoryId: "t1",
      sellerLevel: "new",
      price: 2000,
      deliveryDays: 7,
      ratingSum: 50,
      ratingCount: 10,
    },
    {
      categoryId: "c3",
      topCategoryId: "t2",
      sellerLevel: "new",
      price: 9000,
      deliveryDays: 14,
      ratingSum: 45,
      ratingCount: 10,
    },
  ]);
  const none = NO_FILTERS;

  it("counts like the count query: total, categories one level below the filter, levels, delivery buckets", () => {
    const all = countSampleRows(rows, none, [1, 7]);
    expect(all.find((r) => r.group === "total")).toMatchObject({ n: 4, delivery: [1, 3] });
    expect(all.filter((r) => r.group === "category").map((r) => [r.category_id, r.n])).toEqual([
      ["t1", 3],
      ["t2", 1],
    ]);
    expect(all.filter((r) => r.group === "level").map((r) => [r.seller_level, r.n])).toEqual([
      ["new", 3],
      ["level_1", 1],
    ]);
    const top = countSampleRows(rows, { ...none, category: { id: "t1", slug: "t", isTop: true } }, [1]);
    expect(top.filter((r) => r.group === "category").map((r) => [r.category_id, r.n])).toEqual([
      ["c1", 2],
      ["c2", 1],
    ]);
    // 4.8 stars: 48/10 passes, 45/10 does not, unrated never does.
    const rated = countSampleRows(rows, { ...none, minRatingCenti: 480, maxPrice: 5000 }, [1]);
    expect(rated.find((r) => r.group === "total")?.n).toBe(2);
  });

  it("sizes each filter on its own, scaled", () => {
    const f = {
      ...none,
      sellerLevel: "new" as const,
      minPrice: 1500,
      maxDeliveryDays: 7,
      minRatingCenti: 500,
    };
    expect(filterSizes(rows, f, 10)).toEqual({ category: null, sellerLevel: 30, price: 30, delivery: 30 });
  });
});

describe("shapeCounts", () => {
  const row = (r: Partial<CountRow>): CountRow => ({
    group: "total",
    category_id: null,
    seller_level: null,
    n: 0,
    title_n: 0,
    strong_n: 0,
    delivery: [0, 0],
    ...r,
  });
  const slugs = new Map([
    ["c1", "graphics-design"],
    ["c2", "music-audio"],
  ]);

  it("gives exact counts at scale 1 and rounded estimates otherwise", () => {
    const rows = [
      row({ n: 10, title_n: 4, strong_n: 7, delivery: [3, 9] }),
      row({ group: "category", category_id: "c1", n: 8 }),
      row({ group: "category", category_id: "c2", n: 2 }),
      row({ group: "level", seller_level: "top_rated", n: 10 }),
    ];
    expect(shapeCounts(rows, 1, slugs, [1, 3])).toEqual({
      total: 10,
      exact: true,
      classes: { 2: 4, 1: 3, 0: 3 },
      facets: {
        categories: [
          { slug: "graphics-design", count: 8 },
          { slug: "music-audio", count: 2 },
        ],
        sellerLevels: [{ level: "top_rated", count: 10 }],
        deliveryDays: [
          { maxDays: 1, count: 3 },
          { maxDays: 3, count: 9 },
        ],
      },
    });
    const estimated = shapeCounts(rows, 123.4, slugs, [1, 3]);
    expect(estimated.exact).toBe(false);
    expect(estimated.total).toBe(1200);
    expect(estimated.facets.categories).toEqual([
      { slug: "graphics-design", count: 990 },
      { slug: "music-audio", count: 250 },
    ]);
  });

  it("rounds estimates to two significant digits", () => {
    expect(roundEstimate(661_234)).toBe(660_000);
    expect(roundEstimate(1_250)).toBe(1_300);
    expect(roundEstimate(42.4)).toBe(42);
    expect(roundEstimate(0.3)).toBe(1);
  });
});

describe("qualityScore", () => {
  it("prefers better ratings, more orders and higher levels, all else equal", () => {
    const base = { ratingSum: 45, ratingCount: 10, ordersCompleted: 20, level: "level_1" as const };
    expect(qualityScore({ ...base, ratingSum: 50 })).toBeGreaterThan(qualityScore(base));
    expect(qualityScore({ ...base, ordersCompleted: 200 })).toBeGreaterThan(qualityScore(base));
    expect(qualityScore({ ...base, level: "top_rated" })).toBeGreaterThan(qualityScore(base));
    // One 5-star review does not beat two hundred 4.9s.
    expect(qualityScore({ ...base, ratingSum: 5, ratingCount: 1 })).toBeLessThan(
      qualityScore({ ...base, ratingSum: 980, ratingCount: 200 }),
    );
  });
});

describe("suggestableQuery", () => {
  const term = (word: string, correctedTo: string[] | null = null) => ({ word, correctedTo });
  it("offers a search under its corrected spelling, never as typed", () => {
    expect(suggestableQuery([term("logo"), term("desgin", ["design"])])).toBe("logo design");
    expect(suggestableQuery([term("logo"), term("design")])).toBe("logo design");
  });
  it("offers nothing when a correction was ambiguous or there were no words", () => {
    expect(suggestableQuery([term("logo"), term("bnner", ["banner", "binner"])])).toBeNull();
    expect(suggestableQuery([])).toBeNull();
  });
});
