import type { SearchGigsQuery, SearchGigsResult } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/app/config";
import { syncGigSearchDocument } from "../../src/modules/search/search.indexer";
import { createSearchRuntime } from "../../src/modules/search/search.runtime";
import { searchGigs, type SearchDeps } from "../../src/modules/search/search.usecases";
import { createRng } from "../../src/seed/corpus";
import { startTestServer, type TestServer } from "../harness";
import { buildGig, buildSeller, setGigStatus } from "./search.helpers";

/**
 * The memory engine must answer exactly what the SQL engine answers: the same gigs in the same
 * order, page after page through cursors, with the same totals, facets and corrections. Both run
 * here on one database (the corpus is smaller than the sample, so SQL counts exactly too).
 */

let server: TestServer;
let memory: SearchDeps;
let sql: SearchDeps;
let stopListening: () => void;

function engine(kind: "memory" | "sql"): SearchDeps {
  const config: Config = {
    ...server.deps.config,
    search: { ...server.deps.config.search, engine: kind, pageCacheSeconds: 0, countCacheSeconds: 0 },
  };
  const deps = { ...server.deps, config };
  return { ...deps, runtime: createSearchRuntime(deps) };
}

const ADJECTIVES = ["modern", "vintage", "minimal", "playful", "elegant", "bold"];
const NOUNS = ["logo", "mascot", "poster", "website", "portrait", "animation", "illustration", "banner"];
const CATEGORIES = ["logo-design", "illustration", "packaging-design", "website-development", "wordpress"];
const LEVELS = ["new", "level_1", "level_2", "top_rated"] as const;
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startTestServer();
  memory = engine("memory");
  sql = engine("sql");
  // The routes subscribe a server's own engine; these two are made by hand.
  stopListening = server.deps.state.search.writes.listen((write) => memory.runtime.memory?.changed(write));
  const db = server.deps.db;
  const rng = createRng(11);
  const sellers = [];
  for (const level of LEVELS) {
    sellers.push(
      await buildSeller(db, { level, displayName: `${rng.pick(["Ada", "Bo"])} ${rng.pick(NOUNS)}` }),
    );
  }
  const t0 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 120; i++) {
    const noun = rng.pick(NOUNS);
    const rated = rng.chance(0.7);
    const count = rated ? 1 + Math.floor(rng.next() * 60) : 0;
    await buildGig(server.deps, rng.pick(sellers).id, {
      title: `I will draw a ${rng.pick(ADJECTIVES)} ${noun} ${rng.chance(0.3) ? rng.pick(NOUNS) : "for you"}`,
      tags: [rng.pick(NOUNS), rng.pick(ADJECTIVES)],
      description: `Careful ${rng.pick(ADJECTIVES)} work: a ${rng.pick(NOUNS)} and a ${rng.pick(NOUNS)}${
        rng.chance(0.1) ? " with quizzical flourishes" : ""
      }, delivered on time with revisions.`,
      category: rng.pick(CATEGORIES),
      // Few distinct values, so that ties on every sort key exercise the id tie-break.
      price: rng.pick([1000, 2500, 5000, 12000, 40000]),
      deliveryDays: rng.pick([1, 2, 3, 5, 7, 14, 21]),
      ratingCount: count,
      ratingSum: Math.round(count * (3 + rng.next() * 2)),
      orders: rng.pick([0, 0, 3, 10, 50, 400]),
      publishedAt: new Date(t0 + rng.pick([0, 1, 2, 3, 4]) * DAY),
      aiUse: i % 3 === 0 ? rng.pick(["assisted", "generated"] as const) : "none",
    });
  }
});

afterAll(async () => {
  stopListening();
  await server.close();
});

const QUERIES: Partial<SearchGigsQuery>[] = [
  {},
  { q: "logo" },
  { q: "modern logo" },
  { q: "mascot poster" },
  { q: "illustrations" },
  { q: "drawing" },
  { q: "quizzical" },
  { q: "Ada" },
  { q: "the for you" },
  { q: "ilustration" },
  { q: "mascto" },
  { q: "vintaeg posters" },
  { q: "zzzzzzzz" },
  { q: "logo", category: "graphics-design" },
  { q: "logo", category: "logo-design" },
  { category: "programming-tech" },
  { q: "website", minPrice: 2500, maxPrice: 12000 },
  { minPrice: 5000 },
  { maxPrice: 2500, maxDeliveryDays: 3 },
  { q: "modern", sellerLevel: "top_rated" },
  { sellerLevel: "new", minRating: 4 },
  { q: "portrait", minRating: 4.5 },
  { category: "graphics-design", sellerLevel: "level_2", maxDeliveryDays: 7, minRating: 3.5 },
  { aiUse: "none" },
  { q: "logo", aiUse: "none" },
  { category: "graphics-design", aiUse: "none", minRating: 3 },
  // Relaxed: too few gigs have every word, the best partial matches follow.
  { q: "quizzical mascot banner" },
  { q: "I need someone to quickly draw a quizzical vintage poster for my round shop" },
  { q: "quizzical portrait", maxPrice: 12000 },
  { q: "vintage zzzzzz quizzical", category: "graphics-design" },
];
const SORTS = ["relevance", "best_selling", "rating", "newest", "price_asc", "price_desc"] as const;

async function run(deps: SearchDeps, query: Partial<SearchGigsQuery>): Promise<SearchGigsResult> {
  return searchGigs(deps, { query: { limit: 20, ...query }, userId: null });
}

/** Every page of a search through its cursors, `limit` at a time. */
async function pages(deps: SearchDeps, query: Partial<SearchGigsQuery>, limit: number) {
  const out: Omit<SearchGigsResult, "searchId" | "nextCursor">[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const { searchId: _id, nextCursor, ...rest } = await run(deps, { ...query, limit, cursor });
    out.push(rest);
    if (!nextCursor) return out;
    cursor = nextCursor;
  }
  throw new Error("too many pages");
}

async function expectSameAnswers(queries: readonly Partial<SearchGigsQuery>[]) {
  for (const query of queries) {
    for (const sort of [undefined, ...SORTS]) {
      const q = sort ? { ...query, sort } : query;
      const fromMemory = await pages(memory, q, 7);
      const fromSql = await pages(sql, q, 7);
      expect({ query: q, pages: fromMemory }).toEqual({ query: q, pages: fromSql });
    }
  }
}

describe("the aiUse=none filter (API.md section 12)", () => {
  it("keeps only gigs that declare no AI, in both engines, and cards carry the declaration", async () => {
    for (const deps of [memory, sql]) {
      const all = await pages(deps, {}, 100);
      const none = await pages(deps, { aiUse: "none" }, 100);
      const cards = all.flatMap((p) => p.data);
      const kept = none.flatMap((p) => p.data);
      expect(cards.some((card) => card.aiUse !== "none")).toBe(true);
      expect(kept.map((card) => card.id).sort()).toEqual(
        cards
          .filter((card) => card.aiUse === "none")
          .map((card) => card.id)
          .sort(),
      );
      expect(none[0]?.total).toBe(kept.length);
    }
  });
});

describe("the memory engine answers as the SQL engine does", () => {
  it("for words, typos, every filter and sort, page by page", async () => {
    const sample = await run(memory, { q: "logo" });
    expect(sample.total).toBeGreaterThan(7);
    expect(sample.totalIsEstimate).toBe(false);
    expect((await run(memory, { q: "mascto" })).corrections).toEqual([{ from: "mascto", to: ["mascot"] }]);
    const relaxed = await run(memory, { q: "quizzical mascot banner" });
    expect(relaxed.relaxed).toBe(true);
    expect(relaxed.total).toBeGreaterThan(7);
    // A real word missing from the corpus is not corrected into a corpus word.
    expect((await run(memory, { q: "round poster" })).corrections).toEqual([]);
    expect((await run(sql, { q: "round poster" })).corrections).toEqual([]);
    await expectSameAnswers(QUERIES);
  }, 240_000);

  it("after gigs are added, changed, paused and reactivated", async () => {
    const db = server.deps.db;
    const seller = await buildSeller(db, { level: "level_1" });
    const added = await buildGig(server.deps, seller.id, {
      title: "I will draw a bold logo poster",
      price: 2500,
    });
    const gigs = await db.query<{ id: string }>("SELECT id FROM gigs ORDER BY id LIMIT 6");
    const [first, second, third] = gigs.map((g) => g.id);
    await setGigStatus(server.deps, first ?? "", "paused");
    await db.transaction(async (tx) => {
      await tx.query(
        "UPDATE gigs SET starting_price = 777, orders_completed = 9999, rating_sum = 50, rating_count = 10 WHERE id = $1",
        [second],
      );
      await syncGigSearchDocument(server.deps, tx, second ?? "");
    });
    await setGigStatus(server.deps, third ?? "", "paused");
    await setGigStatus(server.deps, third ?? "", "active");

    expect((await run(memory, { q: "bold logo poster" })).data.map((g) => g.id)).toContain(added);
    expect((await run(memory, { sort: "best_selling", limit: 1 })).data[0]?.id).toBe(second);
    await expectSameAnswers([{}, { q: "logo" }, { q: "poster", maxPrice: 5000 }, { minRating: 4.5 }]);
  });
});
