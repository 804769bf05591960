import { describe, expect, it } from "vitest";
import { createLogger } from "../../platform/logger";
import { MemorySearchEngine, type MemoryIndexSource } from "./search.memory-engine";
import {
  MemoryIndex,
  type IndexedDocument,
  type MemoryQuery,
  type MemoryResult,
} from "./search.memory-index";
import { withinOneEdit } from "./search.memory-slots";
import { editDistance, NO_FILTERS, type VocabularyWord } from "./search.models";

function doc(id: string, o: Partial<IndexedDocument> = {}): IndexedDocument {
  return {
    gigId: id,
    title: `gig ${id}`,
    slug: id,
    sellerUsername: "sam",
    sellerDisplayName: "Sam",
    sellerLevel: "new",
    currency: "USD",
    coverFileId: null,
    aiUse: "none",
    categoryId: "cat_logo",
    topCategoryId: "cat_graphics",
    startingPrice: 1000,
    deliveryDays: 3,
    ratingSum: 0,
    ratingCount: 0,
    ordersCompleted: 0,
    publishedAt: Date.UTC(2026, 0, 1),
    quality: 500,
    ratingScore: 450_000,
    titleLexemes: [],
    strongLexemes: [],
    allLexemes: [],
    ...o,
  };
}

const term = (...lexemes: string[]) => ({ word: lexemes[0] ?? "", lexemes, correctedTo: null });

function query(o: Partial<MemoryQuery> = {}): MemoryQuery {
  return {
    terms: [],
    filters: NO_FILTERS,
    sort: "relevance",
    after: null,
    need: 10,
    deliveryDays: [1, 3, 7],
    ...o,
  };
}

const ids = (index: MemoryIndex, q: Partial<MemoryQuery>) =>
  index.search(query(q)).rows.map((r) => [r.row.gig_id, r.textClass]);

describe("withinOneEdit", () => {
  it("agrees with the edit distance on one-edit neighbours and others", () => {
    const words = ["design", "desgin", "deign", "designs", "resign", "dseign", "desing", "ngised", "d", ""];
    for (const a of words) {
      for (const b of words) expect([a, b, withinOneEdit(a, b)]).toEqual([a, b, editDistance(a, b, 1) <= 1]);
    }
  });
});

describe("MemoryIndex", () => {
  it("ranks by text class (title, strong, anywhere), then quality, then id", () => {
    const index = new MemoryIndex();
    index.upsert(doc("gig_a", { allLexemes: ["kite"], quality: 900 }));
    index.upsert(doc("gig_b", { strongLexemes: ["kite"], allLexemes: ["kite"], quality: 100 }));
    index.upsert(doc("gig_c", { titleLexemes: ["kite"], strongLexemes: ["kite"], allLexemes: ["kite"] }));
    index.upsert(doc("gig_d", { titleLexemes: ["kite"], strongLexemes: ["kite"], allLexemes: ["kite"] }));
    expect(ids(index, { terms: [term("kite")] })).toEqual([
      ["gig_d", 2],
      ["gig_c", 2],
      ["gig_b", 1],
      ["gig_a", 0],
    ]);
    // Every word must match; a word's alternatives (corrections) may match any of them.
    index.upsert(doc("gig_e", { titleLexemes: ["kite", "red"], allLexemes: ["kite", "red"] }));
    expect(ids(index, { terms: [term("kite"), term("red")] })).toEqual([["gig_e", 2]]);
    expect(ids(index, { terms: [term("blue", "red")] })).toEqual([["gig_e", 2]]);
  });

  it("pages after a cursor and counts facets exactly", () => {
    const index = new MemoryIndex();
    for (let i = 0; i < 9; i++) {
      index.upsert(
        doc(`gig_${i}`, { startingPrice: 100 * (i % 3), deliveryDays: i, sellerLevel: "level_1" }),
      );
    }
    const first = index.search(query({ sort: "price_asc", need: 4 }));
    expect(first.rows.map((r) => r.row.gig_id)).toEqual(["gig_0", "gig_3", "gig_6", "gig_1"]);
    const last = first.rows[3]?.row;
    const next = index.search(
      query({ sort: "price_asc", need: 4, after: { textClass: null, key: 100, gigId: last?.gig_id ?? "" } }),
    );
    expect(next.rows.map((r) => r.row.gig_id)).toEqual(["gig_4", "gig_7", "gig_2", "gig_5"]);
    expect(first.countRows.find((r) => r.group === "total")).toMatchObject({ n: 9, delivery: [2, 4, 8] });
    expect(first.countRows.find((r) => r.group === "level")).toMatchObject({ seller_level: "level_1", n: 9 });
  });

  it("answers the same after removals, replacements and compaction", () => {
    const index = new MemoryIndex();
    const fresh = new MemoryIndex();
    for (let i = 0; i < 3000; i++) {
      index.upsert(doc(`gig_${i}`, { allLexemes: ["pot", `n${i % 7}`], quality: i % 50 }));
    }
    for (let i = 0; i < 3000; i++) {
      if (i % 3 === 0) index.remove(`gig_${i}`);
      else if (i % 3 === 1) index.upsert(doc(`gig_${i}`, { allLexemes: ["pot", "new"], quality: 7 }));
    }
    for (let i = 0; i < 3000; i++) {
      if (i % 3 === 1) fresh.upsert(doc(`gig_${i}`, { allLexemes: ["pot", "new"], quality: 7 }));
      if (i % 3 === 2) fresh.upsert(doc(`gig_${i}`, { allLexemes: ["pot", `n${i % 7}`], quality: i % 50 }));
    }
    const searches: Partial<MemoryQuery>[] = [
      { terms: [term("pot")], need: 30 },
      { terms: [term("new")], sort: "best_selling" },
      { terms: [term("n3")] },
    ];
    const before = searches.map((q) => index.search(query(q)));
    expect(index.needsCompaction()).toBe(true);
    index.compact();
    expect(index.needsCompaction()).toBe(false);
    expect(index.documents).toBe(2000);
    for (const [i, q] of searches.entries()) {
      expect(index.search(query(q))).toEqual(before[i]);
      expect(index.search(query(q))).toEqual(fresh.search(query(q)));
    }
  });

  it("pages every sort through cursors as a plain sort would, also after inserts and compaction", () => {
    const index = new MemoryIndex();
    const live = new Map<string, IndexedDocument>();
    const add = (i: number) => {
      const d = doc(`gig_${String(i).padStart(4, "0")}`, {
        startingPrice: (i * 37) % 11,
        ordersCompleted: i % 4,
        quality: (i * 13) % 5,
        publishedAt: Date.UTC(2026, 0, 1 + (i % 3)),
        deliveryDays: 1 + (i % 9),
      });
      index.upsert(d);
      live.set(d.gigId, d);
    };
    for (let i = 0; i < 200; i++) add(i);
    index.sortAll();
    for (let i = 200; i < 300; i++) add(i);
    for (let i = 0; i < 300; i += 4) {
      index.remove(`gig_${String(i).padStart(4, "0")}`);
      live.delete(`gig_${String(i).padStart(4, "0")}`);
    }
    const keyOf = {
      best_selling: (d: IndexedDocument) => -d.ordersCompleted,
      newest: (d: IndexedDocument) => -d.publishedAt,
      price_asc: (d: IndexedDocument) => d.startingPrice,
    };
    const check = () => {
      for (const sort of ["best_selling", "newest", "price_asc"] as const) {
        const descending = sort !== "price_asc";
        const expected = [...live.values()]
          .filter((d) => d.deliveryDays <= 6)
          .sort(
            (a, b) => keyOf[sort](a) - keyOf[sort](b) || (a.gigId < b.gigId ? -1 : 1) * (descending ? -1 : 1),
          )
          .map((d) => d.gigId);
        const walked: string[] = [];
        let after: MemoryQuery["after"] = null;
        // The first page is scanned (and counted); the later ones, counts known, walk the sort order.
        for (let page = 0; page < 30; page++) {
          const rows: MemoryResult["rows"] = index.search(
            query({ sort, need: 9, after, filters: { ...NO_FILTERS, maxDeliveryDays: 6 } }),
          ).rows;
          walked.push(...rows.map((r) => r.row.gig_id));
          const last = rows[rows.length - 1]?.row;
          if (!last) break;
          const key = last.sort_key;
          after = { textClass: null, key: key instanceof Date ? key.toISOString() : key, gigId: last.gig_id };
        }
        expect({ sort, walked }).toEqual({ sort, walked: expected });
      }
    };
    check();
    index.compact();
    check();
  });

  it("pages relevance through cursors as a plain sort would, walking the quality order", () => {
    const index = new MemoryIndex();
    const classes = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const id = `gig_${String(i).padStart(4, "0")}`;
      const textClass = i % 10 === 0 ? 2 : i % 10 === 1 ? 1 : 0;
      index.upsert(
        doc(id, {
          titleLexemes: textClass === 2 ? ["pot"] : [],
          strongLexemes: textClass >= 1 ? ["pot"] : [],
          allLexemes: ["pot"],
          quality: (i * 7) % 13,
        }),
      );
      classes.set(id, textClass);
    }
    const expected = [...classes.keys()].sort(
      (a, b) =>
        (classes.get(b) ?? 0) - (classes.get(a) ?? 0) ||
        ((Number(b.slice(4)) * 7) % 13) - ((Number(a.slice(4)) * 7) % 13) ||
        (a < b ? 1 : -1),
    );
    const walked: string[] = [];
    let after: MemoryQuery["after"] = null;
    for (let page = 0; page < 100; page++) {
      const rows: MemoryResult["rows"] = index.search(query({ terms: [term("pot")], need: 50, after })).rows;
      walked.push(...rows.map((r) => r.row.gig_id));
      const last = rows[rows.length - 1];
      if (!last) break;
      after = { textClass: last.textClass, key: Number(last.row.sort_key), gigId: last.row.gig_id };
    }
    expect(walked).toEqual(expected);
  });

  it("knows its vocabulary's stems and proposes words one edit away", () => {
    const index = new MemoryIndex();
    index.addWords([
      { word: "design", lexeme: "design", docCount: 10 },
      { word: "designs", lexeme: "design", docCount: 4 },
      { word: "resign", lexeme: "resign", docCount: 2 },
    ]);
    expect(index.vocabularyHas(["design"])).toBe(true);
    expect(index.vocabularyHas(["design", "desgin"])).toBe(false);
    expect(index.neighbours("desgin").map((w) => w.word)).toEqual(["design"]);
    expect(index.neighbours("esign").map((w) => w.word)).toEqual(["design", "resign"]);
  });
});

/** A source whose documents can be changed between reads, counting what was read. */
function fakeSource(documents: Map<string, IndexedDocument>) {
  const reads: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  const source: MemoryIndexSource & { reads: string[]; hold(until: Promise<void>): void } = {
    reads,
    hold(until) {
      gate = until;
    },
    documentPages: async () => 1,
    async documentsInPages() {
      await gate;
      reads.push("all");
      return [...documents.values()];
    },
    async documentsById(gigIds) {
      reads.push(gigIds.join(","));
      return gigIds.flatMap((id) => documents.get(id) ?? []);
    },
    vocabulary: async () => [],
    vocabularyOfGigs: async (): Promise<VocabularyWord[]> => [],
  };
  return source;
}

const found = async (engine: MemorySearchEngine) =>
  (await engine.current()).search(query({ sort: "newest" })).rows.map((r) => r.row.gig_id);

describe("MemorySearchEngine", () => {
  it("re-reads changed gigs by id before the next search, and only those", async () => {
    const docs = new Map([["gig_a", doc("gig_a")]]);
    const source = fakeSource(docs);
    const engine = new MemorySearchEngine(source, createLogger("silent"));
    expect(await found(engine)).toEqual(["gig_a"]);
    docs.set("gig_b", doc("gig_b"));
    docs.delete("gig_a");
    engine.changed(["gig_a", "gig_b"]);
    expect(await found(engine)).toEqual(["gig_b"]);
    expect(source.reads).toEqual(["all", "gig_a,gig_b"]);
    expect(await found(engine)).toEqual(["gig_b"]);
    expect(source.reads).toHaveLength(2);
  });

  it("keeps answering from the previous index during a reload, then re-reads what changed meanwhile", async () => {
    const docs = new Map([["gig_a", doc("gig_a")]]);
    const source = fakeSource(docs);
    const engine = new MemorySearchEngine(source, createLogger("silent"));
    expect(await found(engine)).toEqual(["gig_a"]);
    let release = () => undefined as void;
    source.hold(new Promise<void>((resolve) => (release = resolve)));
    docs.set("gig_b", doc("gig_b"));
    engine.changed("all");
    // The reload waits on the gate: searches use the old index, plus gigs re-read by id.
    expect(await found(engine)).toEqual(["gig_a"]);
    docs.set("gig_c", doc("gig_c", { publishedAt: Date.UTC(2026, 5, 1) }));
    engine.changed(["gig_c"]);
    expect(await found(engine)).toEqual(["gig_c", "gig_a"]);
    // The reload's copy of gig_c may predate its change: it is re-read after the swap.
    docs.set("gig_c", doc("gig_c", { publishedAt: Date.UTC(2025, 5, 1) }));
    engine.changed(["gig_c"]);
    release();
    await engine.settled();
    expect(await found(engine)).toEqual(["gig_b", "gig_a", "gig_c"]);
  });
});
