import type { Logger } from "../../platform/logger";
import { MemoryIndex, type IndexedDocument } from "./search.memory-index";
import type { VocabularyWord } from "./search.models";

/** What the memory engine reads from the database (the search repository). */
export interface MemoryIndexSource {
  documentPages(): Promise<number>;
  documentsInPages(fromPage: number, toPage: number | null): Promise<IndexedDocument[]>;
  documentsById(gigIds: readonly string[]): Promise<IndexedDocument[]>;
  vocabulary(): Promise<VocabularyWord[]>;
  vocabularyOfGigs(gigIds: readonly string[]): Promise<VocabularyWord[]>;
}

/**
 * Table pages read per statement while loading (about 7 documents a page). PGlite runs a
 * statement on the Node thread without yielding, so a statement is a pause for every request:
 * small slices keep a reload's pauses short.
 */
const PAGES_PER_STATEMENT = 96;

/**
 * Keeps a `MemoryIndex` in step with `search_documents`, which stays the source of truth.
 *
 * - The index is loaded on the first search (which waits for it), one slice of table pages per
 *   statement.
 * - Committed index writes name their gigs (`changed`): those documents are re-read by id, in one
 *   statement, before the next search answers — a gig published a moment ago is found at once.
 * - A rebuild of the whole index (`changed("all")`) reloads it in the background: searches keep
 *   using the previous index until the new one is complete, and gigs changed meanwhile are
 *   re-read after the swap.
 */
export class MemorySearchEngine {
  private index: MemoryIndex | null = null;
  private firstLoad: Promise<MemoryIndex> | null = null;
  private reloading: Promise<void> | null = null;
  private reloadWanted = false;
  private readonly dirty = new Set<string>();
  /** Gigs changed while a reload reads the table (its copy of them may be older). */
  private changedDuringReload: Set<string> | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly source: MemoryIndexSource,
    private readonly log: Logger,
  ) {}

  /** Index writes committed: these gigs (or every document) are re-read before the next search. */
  changed(gigIds: readonly string[] | "all"): void {
    if (gigIds === "all") {
      this.requestReload();
      return;
    }
    for (const id of gigIds) {
      this.dirty.add(id);
      this.changedDuringReload?.add(id);
    }
  }

  /** The index with every committed write announced so far applied (loads it the first time). */
  async current(): Promise<MemoryIndex> {
    const loaded = this.index ?? (await this.loadFirst());
    while (this.dirty.size > 0 || this.refreshing) {
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = null;
      });
      await this.refreshing;
    }
    return this.index ?? loaded;
  }

  /** Resolves when no reload is running (tests and the benchmark's bookkeeping). */
  async settled(): Promise<void> {
    while (this.reloading) await this.reloading;
  }

  private loadFirst(): Promise<MemoryIndex> {
    this.firstLoad ??= this.build()
      .then((index) => {
        this.index = index;
        if (this.reloadWanted) {
          this.reloadWanted = false;
          this.requestReload();
        }
        return index;
      })
      .catch((err: unknown) => {
        this.firstLoad = null;
        throw err;
      });
    return this.firstLoad;
  }

  private requestReload(): void {
    if (!this.index) {
      // Not loaded yet: the first load reads everything, unless it is already under way.
      if (this.firstLoad) this.reloadWanted = true;
      return;
    }
    if (this.reloading) {
      this.reloadWanted = true;
      return;
    }
    this.reloading = this.reload()
      .catch((err: unknown) => this.log.error({ err }, "search memory index reload failed"))
      .finally(() => {
        this.reloading = null;
        if (this.reloadWanted) {
          this.reloadWanted = false;
          this.requestReload();
        }
      });
  }

  private async reload(): Promise<void> {
    this.changedDuringReload = new Set();
    try {
      const index = await this.build();
      for (const id of this.changedDuringReload) this.dirty.add(id);
      this.index = index;
    } finally {
      this.changedDuringReload = null;
    }
  }

  private async build(): Promise<MemoryIndex> {
    const started = performance.now();
    const index = new MemoryIndex();
    index.addWords(await this.source.vocabulary());
    const pages = await this.source.documentPages();
    // The table may grow while it is read: the last slice is open-ended.
    for (let page = 0; page < Math.max(pages, 1); page += PAGES_PER_STATEMENT) {
      const to = page + PAGES_PER_STATEMENT >= pages ? null : page + PAGES_PER_STATEMENT;
      for (const doc of await this.source.documentsInPages(page, to)) index.upsert(doc);
    }
    index.sortAll();
    this.log.info(
      { documents: index.documents, ms: Math.round(performance.now() - started) },
      "search memory index loaded",
    );
    return index;
  }

  /** Re-reads the changed gigs' documents (absent ones were deleted) and their vocabulary words. */
  private async refresh(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    try {
      const docs = await this.source.documentsById(ids);
      const words = docs.length > 0 ? await this.source.vocabularyOfGigs(docs.map((d) => d.gigId)) : [];
      const index = this.index;
      if (!index) return;
      const found = new Set(docs.map((d) => d.gigId));
      for (const id of ids) if (!found.has(id)) index.remove(id);
      for (const doc of docs) index.upsert(doc);
      index.addWords(words);
      if (index.needsCompaction()) index.compact();
    } catch (err) {
      for (const id of ids) this.dirty.add(id);
      throw err;
    }
  }
}

/**
 * The payload of an index-write notification: the gigs written, comma-separated, or "*" for every
 * document (a rebuild, or more ids than a notification carries).
 */
export function indexWritePayload(gigIds: readonly string[] | "all"): string {
  if (gigIds === "all") return "*";
  const payload = gigIds.join(",");
  // PostgreSQL refuses payloads of 8,000 bytes or more.
  return payload.length > 7000 ? "*" : payload;
}

export function parseIndexWritePayload(payload: string): readonly string[] | "all" {
  if (payload === "*" || payload === "") return "all";
  return payload.split(",");
}
