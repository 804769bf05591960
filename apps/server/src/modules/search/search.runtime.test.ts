import { describe, expect, it } from "vitest";
import { createLogger } from "../../platform/logger";
import type { ImpressionCount, QueryCount, SearchLogEntry } from "./search.log-repository";
import { ControllableClock } from "../../platform/clock";
import { createIndexWrites } from "./search.indexer";
import { InFlight, PageCache, Refreshing, SearchLogWriter } from "./search.runtime";

function entry(i: number, overrides: Partial<SearchLogEntry> = {}): SearchLogEntry {
  return {
    id: `srch_${i}`,
    query: "logo",
    suggestion: "logo",
    terms: ["logo"],
    filters: {},
    sort: "relevance",
    firstPage: true,
    resultCount: 2,
    gigIds: ["gig_a", "gig_b"],
    total: 10 + i,
    totalApproximate: false,
    fullMatches: 10 + i,
    userId: null,
    createdAt: new Date(Date.UTC(2026, 10, 29, 12, 0, i)),
    ...overrides,
  };
}

function recordingStore() {
  const calls: { kind: string; rows: number }[] = [];
  const impressions: ImpressionCount[] = [];
  const queries: QueryCount[] = [];
  const logged: SearchLogEntry[] = [];
  return {
    calls,
    impressions,
    queries,
    logged,
    insertSearchLog: async (rows: readonly SearchLogEntry[]) => {
      calls.push({ kind: "log", rows: rows.length });
      logged.push(...rows);
    },
    addImpressions: async (rows: readonly ImpressionCount[]) => {
      calls.push({ kind: "impressions", rows: rows.length });
      impressions.push(...rows);
    },
    addQueryCounts: async (rows: readonly QueryCount[]) => {
      calls.push({ kind: "queries", rows: rows.length });
      queries.push(...rows);
    },
  };
}

const options = { batchSize: 1000, flushMs: 60_000, counterFlushMs: 60_000, rowsPerStatement: 3 };

describe("SearchLogWriter", () => {
  it("sums impressions per gig and day and searches per query, and writes in short statements", async () => {
    const store = recordingStore();
    const writer = new SearchLogWriter(store, createLogger("silent"), options);
    for (let i = 0; i < 7; i++) writer.push(entry(i, { userId: i < 3 ? `usr_${i % 2}` : null }));
    writer.push(entry(7, { query: "seo", suggestion: "seo", gigIds: ["gig_c"] }));
    writer.push(entry(8, { query: "seo", suggestion: "seo", firstPage: false, gigIds: ["gig_a"] }));
    writer.push(entry(9, { query: "nothing", suggestion: "nothing", total: 0, gigIds: [] }));
    await writer.flush();

    expect(store.logged.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => `srch_${i}`));
    expect(store.calls.filter((c) => c.kind === "log").map((c) => c.rows)).toEqual([3, 3, 3, 1]);
    expect(store.impressions.sort((a, b) => (a.gigId < b.gigId ? -1 : 1))).toEqual([
      // A later page's impression counts, but its position is unknown (not ranked).
      { gigId: "gig_a", day: "2026-11-29", count: 8, ranked: 7, positionSum: 7 },
      { gigId: "gig_b", day: "2026-11-29", count: 7, ranked: 7, positionSum: 14 },
      { gigId: "gig_c", day: "2026-11-29", count: 1, ranked: 1, positionSum: 1 },
    ]);
    // Later pages and searches that found nothing do not count as searches of a query; each
    // signed-in searcher is kept once.
    expect(store.queries.sort((a, b) => (a.query < b.query ? -1 : 1))).toEqual([
      {
        query: "logo",
        searches: 7,
        lastTotal: 16,
        lastAt: new Date(Date.UTC(2026, 10, 29, 12, 0, 6)),
        userIds: ["usr_0", "usr_1"],
      },
      {
        query: "seo",
        searches: 1,
        lastTotal: 17,
        lastAt: new Date(Date.UTC(2026, 10, 29, 12, 0, 7)),
        userIds: [],
      },
    ]);
  });

  it("counts a misspelled search under its correction, and never as typed", async () => {
    const store = recordingStore();
    const writer = new SearchLogWriter(store, createLogger("silent"), options);
    writer.push(entry(0, { query: "logo desgin", suggestion: "logo design", userId: "usr_a" }));
    writer.push(entry(1, { query: "logo design", suggestion: "logo design", userId: "usr_b" }));
    writer.push(entry(2, { query: "qwzx", suggestion: null, userId: "usr_c" }));
    await writer.flush();
    expect(store.queries.map((q) => [q.query, q.searches, q.userIds])).toEqual([
      ["logo design", 2, ["usr_a", "usr_b"]],
    ]);
  });

  it("writes the log when a batch is full, and counters only when flushed or due", async () => {
    const store = recordingStore();
    const writer = new SearchLogWriter(store, createLogger("silent"), { ...options, batchSize: 2 });
    writer.push(entry(0));
    writer.push(entry(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.logged).toHaveLength(2);
    expect(store.impressions).toHaveLength(0);
    await writer.flush();
    expect(store.impressions).toHaveLength(2);
  });

  it("keeps writing after a failed statement", async () => {
    const store = recordingStore();
    let failures = 0;
    const writer = new SearchLogWriter(
      {
        ...store,
        insertSearchLog: async (rows) => {
          if (failures++ === 0) throw new Error("disk full");
          await store.insertSearchLog(rows);
        },
      },
      createLogger("silent"),
      options,
    );
    for (let i = 0; i < 5; i++) writer.push(entry(i));
    await writer.flush();
    expect(store.logged.map((e) => e.id)).toEqual(["srch_3", "srch_4"]);
  });
});

describe("PageCache", () => {
  it("serves a page until the index changes here or elsewhere, or it expires", () => {
    const clock = new ControllableClock();
    const writes = createIndexWrites();
    const pages = new PageCache<string>(writes, clock, 10, 100);
    pages.set("a", "page a", pages.version());
    expect(pages.get("a")).toBe("page a");
    pages.changed(); // a commit announced by another process
    expect(pages.get("a")).toBeUndefined();

    pages.set("a", "page a", pages.version());
    writes.committed(["gig_1"]); // a write committed in this process
    expect(pages.get("a")).toBeUndefined();

    pages.set("a", "page a", pages.version());
    clock.advance(10);
    expect(pages.get("a")).toBeUndefined();
  });

  it("does not keep a page read while the index changed", () => {
    const pages = new PageCache<string>(createIndexWrites(), new ControllableClock(), 10, 100);
    const version = pages.version();
    pages.changed();
    pages.set("a", "read before the change", version);
    expect(pages.get("a")).toBeUndefined();
  });
});

describe("Refreshing", () => {
  it("reloads in the background once expired, serving the previous value meanwhile", async () => {
    const clock = new ControllableClock();
    let loads = 0;
    let release: () => void = () => undefined;
    const value = new Refreshing(
      clock,
      60,
      async () => {
        loads++;
        if (loads > 1) await new Promise<void>((resolve) => (release = resolve));
        return loads;
      },
      createLogger("silent"),
    );
    expect(await value.get()).toBe(1);
    expect(await value.get()).toBe(1);
    clock.advance(60);
    expect(await value.get()).toBe(1);
    expect(await value.get()).toBe(1);
    expect(loads).toBe(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await value.get()).toBe(2);
  });

  it("loads on every call when it may not keep anything", async () => {
    let loads = 0;
    const value = new Refreshing(new ControllableClock(), 0, async () => ++loads, createLogger("silent"));
    expect(await value.get()).toBe(1);
    expect(await value.get()).toBe(2);
  });
});

describe("InFlight", () => {
  it("shares a computation between identical requests of the same index version, and only while it runs", async () => {
    const flight = new InFlight<number>();
    let runs = 0;
    const waiting: (() => void)[] = [];
    const compute = async () => {
      const run = ++runs;
      await new Promise<void>((resolve) => waiting.push(resolve));
      return run;
    };
    const a = flight.run("k", "v1", compute);
    const b = flight.run("k", "v1", compute);
    const other = flight.run("k", "v2", compute); // began after an index change: computes again
    for (const release of waiting) release();
    expect(await other).toBe(2);
    expect(runs).toBe(2);
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    const later = flight.run("k", "v1", async () => ++runs);
    expect(await later).toBe(3);
  });
});
