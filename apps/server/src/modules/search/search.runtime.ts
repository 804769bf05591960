import type { AppDeps } from "../../app/deps";
import type { Clock } from "../../platform/clock";
import type { Logger } from "../../platform/logger";
import type { SearchCounts, SearchTerm } from "./search.models";
import { createSearchRepository, type SearchLogEntry } from "./search.repository";

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

/**
 * Writes the search log in batches, off the request path: a search answers without waiting for its
 * log row. Entries are flushed when `batchSize` accumulate or `flushMs` after the first, and on close.
 */
export class SearchLogWriter {
  private buffer: SearchLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (entries: SearchLogEntry[]) => Promise<void>,
    private readonly log: Logger,
    private readonly batchSize: number,
    private readonly flushMs: number,
  ) {}

  push(entry: SearchLogEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length >= this.batchSize) {
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Writes what is buffered; resolves when everything pushed so far is stored (or its failure logged). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const entries = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      if (entries.length === 0) return;
      try {
        await this.write(entries);
      } catch (err) {
        this.log.error({ err, entries: entries.length }, "search log write failed");
      }
    });
    return this.flushing;
  }
}

export interface CategoryIndex {
  bySlug: Map<string, { id: string; slug: string; isTop: boolean }>;
  slugById: Map<string, string>;
}

/** The sample's threshold and size, from which estimates are scaled. */
export interface SampleSettings {
  threshold: number;
  sampled: number;
}

/** Per-process state of the search module: caches and the log writer. */
export interface SearchRuntime {
  /** Resolved words (stems, corrections). */
  terms: TtlCache<SearchTerm>;
  /** Counts and facets per words + filters. */
  counts: TtlCache<SearchCounts>;
  /** Slow-changing reference data (one entry each). */
  categories: TtlCache<CategoryIndex>;
  sample: TtlCache<SampleSettings>;
  log: SearchLogWriter;
}

export function createSearchRuntime(deps: Pick<AppDeps, "db" | "clock" | "config" | "log">): SearchRuntime {
  const c = deps.config.search;
  const repo = createSearchRepository(deps);
  return {
    terms: new TtlCache(deps.clock, c.countCacheSeconds, c.countCacheEntries),
    counts: new TtlCache(deps.clock, c.countCacheSeconds, c.countCacheEntries),
    categories: new TtlCache(deps.clock, Math.min(c.countCacheSeconds, 60), 1),
    sample: new TtlCache(deps.clock, Math.min(c.countCacheSeconds, 60), 1),
    log: new SearchLogWriter(
      (entries) => repo.insertSearchLog(entries),
      deps.log,
      c.logBatchSize,
      c.logFlushMs,
    ),
  };
}
