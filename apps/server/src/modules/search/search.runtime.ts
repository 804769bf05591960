import type { AppDeps } from "../../platform/deps";
import type { Clock } from "../../platform/clock";
import type { Logger } from "../../platform/logger";
import type { IndexWrites } from "./search.indexer";
import { sampleColumns, type SampleColumns, type SampleRow } from "./search.counts";
import { type CardRow, type SearchCounts, type SearchTerm, type TextClass } from "./search.models";
import { SAMPLE_KEY_SPAN } from "./search.index-repository";
import { searchEngine } from "./search.config";
import { MemorySearchEngine } from "./search.memory-engine";
import { createRequire } from "node:module";
import { createSearchRepository, type SearchRepository } from "./search.repository";
import {
  createSearchLogRepository,
  type ImpressionCount,
  type QueryCount,
  type SearchLogEntry,
} from "./search.log-repository";
import { createSearchMemoryRepository } from "./search.memory-repository";
import { createSearchSynonymRepository } from "./search.synonym-repository";
import type { SynonymTable } from "./search.terms";

/** A small LRU map whose entries expire after `ttlSeconds` of the injected clock. */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert so the Map's insertion order doubles as recency order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.ttlSeconds <= 0 || this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.clock.now().getTime() + this.ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}

/** One cached result page: its rows and the index version it was read at. */
interface CachedPage<V> {
  value: V;
  version: string;
}

/**
 * Result pages per search and cursor, for `ttlSeconds` at most and only while the index has not
 * changed: a page is served from here only if no index write of this process has committed and no
 * other process has announced one (NOTIFY) since the request that read it began. Take `version()`
 * before reading, so that a write racing with the read retires the page.
 */
export class PageCache<V> {
  private notified = 0;
  private readonly pages: TtlCache<CachedPage<V>>;

  constructor(
    private readonly writes: Pick<IndexWrites, "count">,
    clock: Clock,
    ttlSeconds: number,
    maxEntries: number,
  ) {
    this.pages = new TtlCache(clock, ttlSeconds, maxEntries);
  }

  version(): string {
    return `${this.writes.count}:${this.notified}`;
  }

  /** The index changed (a commit was announced, or announcements may have been missed). */
  changed(): void {
    this.notified++;
  }

  get(key: string): V | undefined {
    const page = this.pages.get(key);
    return page && page.version === this.version() ? page.value : undefined;
  }

  set(key: string, value: V, version: string): void {
    if (version === this.version()) this.pages.set(key, { value, version });
  }
}

/**
 * Identical searches arriving together share one computation ("single flight"): a popular query
 * whose cached page just expired is read once, not once per concurrent request. A request joins a
 * computation only if it started at the index version the request sees.
 */
export class InFlight<V> {
  private readonly running = new Map<string, { version: string; promise: Promise<V> }>();

  run(key: string, version: string, compute: (version: string) => Promise<V>): Promise<V> {
    const current = this.running.get(key);
    if (current && current.version === version) return current.promise;
    const promise = compute(version).finally(() => {
      if (this.running.get(key)?.promise === promise) this.running.delete(key);
    });
    this.running.set(key, { version, promise });
    return promise;
  }
}

/**
 * A value reloaded after `ttlSeconds`, in the background: readers keep getting the previous value
 * until the new one is loaded, so no request waits for the reload (only the very first one, and
 * every one when `ttlSeconds` is 0).
 */
export class Refreshing<V> {
  private value: { v: V; loadedAt: number } | undefined;
  private reloading: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly ttlSeconds: number,
    private readonly load: () => Promise<V>,
    private readonly log: Logger,
  ) {}

  /** The value changed: the next `get` waits for a fresh load. */
  invalidate(): void {
    this.value = undefined;
  }

  async get(): Promise<V> {
    const now = this.clock.now().getTime();
    if (!this.value || this.ttlSeconds <= 0) {
      const v = await this.load();
      this.value = { v, loadedAt: now };
      return v;
    }
    if (now - this.value.loadedAt >= this.ttlSeconds * 1000 && !this.reloading) {
      this.reloading = this.load()
        .then((v) => {
          this.value = { v, loadedAt: this.clock.now().getTime() };
        })
        .catch((err: unknown) => this.log.error({ err }, "search sample reload failed"))
        .finally(() => {
          this.reloading = undefined;
        });
    }
    return this.value.v;
  }
}

/** Table pages of the sample read per statement when it is loaded (a few milliseconds each on PGlite). */
const SAMPLE_PAGES_PER_STATEMENT = 128;

/**
 * Loads the sample's settings and, when it is a sample of a larger corpus, its rows, a slice of
 * table pages per statement so that searches on PGlite's single connection wait behind a short
 * statement at most.
 */
async function loadSample(repo: SearchRepository): Promise<SampleSettings> {
  const stored = await repo.sampleSettings();
  if (!stored || stored.threshold >= SAMPLE_KEY_SPAN) {
    return { threshold: SAMPLE_KEY_SPAN, sampled: await repo.sampleCount(), rows: null };
  }
  const rows: SampleRow[] = [];
  // The table may grow while it is read; one slice past its size catches rows appended meanwhile.
  for (let page = 0; page <= stored.pages; page += SAMPLE_PAGES_PER_STATEMENT) {
    rows.push(...(await repo.sampleRows(page, page + SAMPLE_PAGES_PER_STATEMENT)));
  }
  return { threshold: stored.threshold, sampled: rows.length, rows: sampleColumns(rows) };
}

/** Where the log writer stores what it gathered (the search repository). */
export interface SearchLogStore {
  insertSearchLog(entries: readonly SearchLogEntry[]): Promise<void>;
  addImpressions(rows: readonly ImpressionCount[]): Promise<void>;
  addQueryCounts(rows: readonly QueryCount[]): Promise<void>;
}

export interface SearchLogWriterOptions {
  /** Log rows are written when this many are waiting, or `flushMs` after the first. */
  batchSize: number;
  flushMs: number;
  /** Impression and query counters are summed in memory this long before they are written. */
  counterFlushMs: number;
  /** Rows per statement. */
  rowsPerStatement: number;
}

/** Counters are written early when this many distinct gigs/queries are waiting. */
const MAX_PENDING_COUNTERS = 20_000;

/**
 * Writes the search log off the request path: a search answers without waiting for its log row.
 * Log rows go out in batches; impressions and query counts are summed per gig and day (per query)
 * in memory for `counterFlushMs`, so a popular gig shown a thousand times costs one upsert, not a
 * thousand. Writes are cut into statements of `rowsPerStatement` rows: on PGlite's single
 * connection a search waiting behind the writer waits for one short statement, not the whole batch.
 * `flush()` writes everything (on close, and for tests).
 */
export class SearchLogWriter {
  private entries: SearchLogEntry[] = [];
  private impressions = new Map<string, ImpressionCount>();
  private queries = new Map<string, QueryCount>();
  private logTimer: NodeJS.Timeout | undefined;
  private counterTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: SearchLogStore,
    private readonly log: Logger,
    private readonly options: SearchLogWriterOptions,
  ) {}

  push(entry: SearchLogEntry): void {
    this.entries.push(entry);
    const day = entry.createdAt.toISOString().slice(0, 10);
    // Positions are known on first pages only (a cursor does not say how many results came before).
    entry.gigIds.forEach((gigId, i) => {
      const key = `${gigId} ${day}`;
      const ranked = entry.firstPage ? 1 : 0;
      const position = entry.firstPage ? i + 1 : 0;
      const seen = this.impressions.get(key);
      if (seen) {
        seen.count++;
        seen.ranked += ranked;
        seen.positionSum += position;
      } else this.impressions.set(key, { gigId, day, count: 1, ranked, positionSum: position });
    });
    // First pages of searches that found something feed query suggestions, under their corrected
    // spelling (a misspelling is never suggested as typed); who searched is kept so that only
    // queries of several people are suggested (see docs/search.md "Suggestions").
    if (entry.firstPage && entry.suggestion !== null && entry.total > 0) {
      const seen = this.queries.get(entry.suggestion);
      if (!seen) {
        this.queries.set(entry.suggestion, {
          query: entry.suggestion,
          searches: 1,
          lastTotal: entry.total,
          lastAt: entry.createdAt,
          userIds: entry.userId ? [entry.userId] : [],
        });
      } else {
        seen.searches++;
        if (entry.userId && !seen.userIds.includes(entry.userId)) seen.userIds.push(entry.userId);
        if (entry.createdAt >= seen.lastAt) {
          seen.lastTotal = entry.total;
          seen.lastAt = entry.createdAt;
        }
      }
    }

    if (this.entries.length >= this.options.batchSize) void this.flushLog();
    else this.logTimer ??= this.timer(() => void this.flushLog(), this.options.flushMs);
    if (this.impressions.size + this.queries.size >= MAX_PENDING_COUNTERS) void this.flushCounters();
    else this.counterTimer ??= this.timer(() => void this.flushCounters(), this.options.counterFlushMs);
  }

  /** Writes everything gathered; resolves when everything pushed so far is stored (or its failure logged). */
  flush(): Promise<void> {
    void this.flushLog();
    return this.flushCounters();
  }

  private timer(fn: () => void, ms: number): NodeJS.Timeout {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  }

  private flushLog(): Promise<void> {
    if (this.logTimer) clearTimeout(this.logTimer);
    this.logTimer = undefined;
    const entries = this.entries;
    this.entries = [];
    return this.enqueue("search log", entries, (chunk) => this.store.insertSearchLog(chunk));
  }

  private flushCounters(): Promise<void> {
    if (this.counterTimer) clearTimeout(this.counterTimer);
    this.counterTimer = undefined;
    // In key order: upserts that walk the primary key in order cost a fraction of scattered ones
    // (14 against 85 µs a row on PGlite, measured with 200-row statements).
    const impressions = [...this.impressions.values()].sort((a, b) =>
      a.gigId === b.gigId ? (a.day < b.day ? -1 : 1) : a.gigId < b.gigId ? -1 : 1,
    );
    const queries = [...this.queries.values()].sort((a, b) => (a.query < b.query ? -1 : 1));
    this.impressions = new Map();
    this.queries = new Map();
    void this.enqueue("search impressions", impressions, (chunk) => this.store.addImpressions(chunk));
    return this.enqueue("search query counts", queries, (chunk) => this.store.addQueryCounts(chunk));
  }

  /** Writes `rows` in statements of `rowsPerStatement`, after whatever is being written already. */
  private enqueue<T>(what: string, rows: T[], write: (chunk: T[]) => Promise<void>): Promise<void> {
    const size = Math.max(1, this.options.rowsPerStatement);
    this.writing = this.writing.then(async () => {
      for (let i = 0; i < rows.length; i += size) {
        const chunk = rows.slice(i, i + size);
        try {
          await write(chunk);
        } catch (err) {
          this.log.error({ err, rows: chunk.length }, `${what} write failed`);
        }
      }
    });
    return this.writing;
  }
}

export interface CategoryIndex {
  bySlug: Map<string, { id: string; slug: string; isTop: boolean }>;
  slugById: Map<string, string>;
}

/** The sample's threshold and size, from which estimates are scaled, and its rows when it is a sample. */
export interface SampleSettings {
  threshold: number;
  sampled: number;
  /** The sample's filter columns; null when the "sample" is every document (counts are exact). */
  rows: SampleColumns | null;
}

/** A page's rows (one more than asked for) with the relevance class each came from. */
export type PageRows = { row: CardRow; textClass: TextClass | null }[];

/** Per-process state of the search module: caches and the log writer. */
export interface SearchRuntime {
  /** Resolved words (stems, corrections). */
  terms: TtlCache<SearchTerm>;
  /** Counts and facets per words + filters. */
  counts: TtlCache<SearchCounts>;
  /** Slow-changing reference data (one entry each). */
  categories: TtlCache<CategoryIndex>;
  sample: Refreshing<SampleSettings>;
  /** Result pages per search and cursor, while the index stands still. */
  pages: PageCache<PageRows>;
  /** Searches being computed, shared by identical requests that arrive meanwhile. */
  inflight: InFlight<{ counts: SearchCounts; rows: PageRows }>;
  /** The memory engine (config.search.engine), null when searches run as SQL. */
  memory: MemorySearchEngine | null;
  /** The memory engine's pages with their counts, while the index stands still. */
  memoryPages: PageCache<{ counts: SearchCounts; rows: PageRows }>;
  /** Stems of query words (a function of the word alone), for the memory engine. */
  stems: TtlCache<string[]>;
  log: SearchLogWriter;
  /** The synonyms and abbreviations table (reloaded every minute, at once after a local edit). */
  synonyms: Refreshing<SynonymTable>;
  /** Whether a word is in the English word list (loaded on first use). */
  isEnglishWord: (word: string) => boolean;
}

/**
 * The English word list (an-array-of-english-words, MIT, ~275,000 words): a word in it is never
 * "corrected" into another word. Loaded once per runtime, on the first word that needs it.
 */
function englishWords(): (word: string) => boolean {
  let words: Set<string> | null = null;
  return (word) => {
    if (!words) {
      const list: unknown = createRequire(import.meta.url)("an-array-of-english-words");
      if (!Array.isArray(list)) throw new Error("an-array-of-english-words: expected an array");
      words = new Set(list.filter((w): w is string => typeof w === "string"));
    }
    return words.has(word);
  };
}

/** Query words' stems never change; an hour bounds the cache's age, not its correctness. */
const STEM_CACHE_SECONDS = 3600;

export function createSearchRuntime(
  deps: Pick<AppDeps, "db" | "clock" | "config" | "log" | "state">,
): SearchRuntime {
  const { writes } = deps.state.search;
  const c = deps.config.search;
  const repo = createSearchRepository(deps.db);
  const synonyms = createSearchSynonymRepository(deps.db);
  return {
    terms: new TtlCache(deps.clock, c.countCacheSeconds, c.countCacheEntries),
    counts: new TtlCache(deps.clock, c.countCacheSeconds, c.countCacheEntries),
    categories: new TtlCache(deps.clock, Math.min(c.countCacheSeconds, 60), 1),
    pages: new PageCache(writes, deps.clock, c.pageCacheSeconds, c.pageCacheEntries),
    inflight: new InFlight(),
    memory:
      searchEngine(c, deps.db.kind) === "memory"
        ? new MemorySearchEngine(createSearchMemoryRepository(deps.db), deps.log)
        : null,
    memoryPages: new PageCache(writes, deps.clock, c.pageCacheSeconds, c.pageCacheEntries),
    stems: new TtlCache(deps.clock, STEM_CACHE_SECONDS, c.countCacheEntries),
    sample: new Refreshing(deps.clock, Math.min(c.countCacheSeconds, 60), () => loadSample(repo), deps.log),
    synonyms: new Refreshing(
      deps.clock,
      60,
      async () => new Map((await synonyms.all()).map((r) => [r.term, r.synonyms])),
      deps.log,
    ),
    isEnglishWord: englishWords(),
    log: new SearchLogWriter(createSearchLogRepository(deps.db), deps.log, {
      batchSize: c.logBatchSize,
      flushMs: c.logFlushMs,
      counterFlushMs: c.counterFlushMs,
      rowsPerStatement: c.logRowsPerStatement,
    }),
  };
}
