import type { Db, Queryable } from "../../db/client";
import type { AppState } from "../../platform/deps";
import type { Progress } from "../../platform/progress";
import { silentProgress } from "../../platform/progress";
import {
  createSearchBulkRepository,
  createSearchIndexRepository,
  sampleThreshold,
} from "./search.index-repository";

/**
 * Every committed write of the index is announced on this channel (by the process that wrote it,
 * after commit), so that every other server process stops serving the result pages it cached.
 */
export const SEARCH_INDEX_CHANNEL = "atelier_search_index";

/** The gigs whose documents a committed transaction wrote, or "all" after a rebuild. */
export type IndexWrite = readonly string[] | "all";

/**
 * This app's committed index writes. `count` moves after commit, so a cached page read before the
 * commit (old data) is retired, and one read after it is current. Listeners (the memory engine)
 * re-read the gigs written; the announcer (set by the search engine on PostgreSQL) tells the other
 * processes with a NOTIFY sent after commit, outside the transaction — a NOTIFY inside it would
 * serialise commits on PostgreSQL's notification lock.
 */
export interface IndexWrites {
  readonly count: number;
  listen(listener: (write: IndexWrite) => void): () => void;
  setAnnouncer(fn: (write: IndexWrite) => void): void;
  /** Called after a commit that wrote these documents. */
  committed(write: IndexWrite): void;
}

export function createIndexWrites(): IndexWrites {
  const listeners = new Set<(write: IndexWrite) => void>();
  let announce: (write: IndexWrite) => void = () => undefined;
  let count = 0;
  return {
    get count() {
      return count;
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setAnnouncer(fn) {
      announce = fn;
    },
    committed(write) {
      count++;
      for (const listener of listeners) listener(write);
      announce(write);
    },
  };
}

/** The search module's per-app state (`deps.state.search`), made in the composition root. */
export function createSearchState() {
  return { writes: createIndexWrites() };
}

declare module "../../platform/deps" {
  interface AppState {
    search: ReturnType<typeof createSearchState>;
  }
}

/** What keeping the index in step needs: this app's index-write hub. */
export type IndexDeps = { state: Pick<AppState, "search"> };

function announceIndexWrite(deps: IndexDeps, q: Queryable, write: IndexWrite): void {
  q.afterCommit(() => deps.state.search.writes.committed(write));
}

/**
 * Keeps the search index in step with a gig. The catalog calls this in the same transaction as
 * every change to a gig (create, edit, publish, pause, archive, moderation, rating or order counts):
 * the gig's document is written when the gig is active and its seller not suspended, and removed
 * otherwise, together with its sample row, its tag counts and any new words of the vocabulary.
 */
export async function syncGigSearchDocument(deps: IndexDeps, tx: Queryable, gigId: string): Promise<void> {
  await syncDocuments(deps, tx, [gigId]);
}

/**
 * Re-syncs every gig of a seller: call it in the transaction that suspends or reinstates a seller,
 * changes their level or renames them (their gigs' documents carry those).
 */
export async function syncSellerSearchDocuments(
  deps: IndexDeps,
  tx: Queryable,
  sellerId: string,
): Promise<void> {
  const repo = createSearchIndexRepository({ db: tx });
  const ids = await repo.sellerGigIds(sellerId);
  if (ids.length > 0) await syncDocuments(deps, tx, ids);
}

async function syncDocuments(deps: IndexDeps, tx: Queryable, gigIds: readonly string[]): Promise<void> {
  announceIndexWrite(deps, tx, gigIds);
  const repo = createSearchIndexRepository({ db: tx });
  const before = await repo.documentTags(gigIds);
  const written = new Set(await repo.upsertDocuments(gigIds));
  await repo.deleteDocuments(gigIds.filter((id) => !written.has(id)));
  await repo.syncSample(gigIds);
  if (written.size > 0) await repo.addWords([...written]);
  const after = written.size > 0 ? await repo.documentTags([...written]) : new Map<string, string[]>();
  const added: string[] = [];
  const removed: string[] = [];
  for (const id of gigIds) {
    const old = new Set(before.get(id) ?? []);
    const now = new Set(after.get(id) ?? []);
    for (const tag of now) if (!old.has(tag)) added.push(tag);
    for (const tag of old) if (!now.has(tag)) removed.push(tag);
  }
  await repo.adjustTags(added, removed);
}

export interface RebuildOptions {
  /** Target size of the estimation sample (config.search.sampleSize). */
  sampleSize: number;
  /** Table pages per load statement (about 5 gigs per page): big chunks amortise reading the sellers. */
  chunkBlocks?: number;
  /** Statements in flight at once: 2 on PostgreSQL (two cores), 1 on PGlite (one connection). */
  parallel?: number;
  progress?: (label: string, total: number) => Progress;
  /**
   * The running app's index writes, told "all" when done (its memory engine reloads, its cached pages
   * retire). The CLI's offline rebuild has no app: servers started afterwards load the new index.
   */
  writes?: IndexWrites;
}

async function inParallel<T>(
  items: readonly T[],
  parallel: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
}

/**
 * Rebuilds the whole search index from the gigs table: drops the secondary indexes, loads the
 * documents in chunks, recreates the indexes (in parallel on PostgreSQL), then the vocabulary, tag
 * counts, sample and statistics. Run after bulk loads (the corpus generator) and ranking changes.
 */
export async function rebuildSearchIndex(db: Db, options: RebuildOptions): Promise<{ documents: number }> {
  const repo = createSearchBulkRepository({ db });
  const bar = options.progress ?? silentProgress;
  const parallel = options.parallel ?? (db.kind === "postgres" ? 2 : 1);
  const chunkBlocks = options.chunkBlocks ?? 20_000;
  const memory =
    db.kind === "postgres" ? { work: "256MB", maintenance: "512MB" } : { work: "64MB", maintenance: "128MB" };

  await repo.analyzeSources();
  const indexes = await repo.secondaryIndexes("search_documents");
  await repo.dropIndexes(indexes.map((i) => i.name));
  await repo.truncateIndex();

  const ranges = await repo.blockRanges("gigs", chunkBlocks);
  const load = bar("indexing gigs", ranges.length);
  try {
    await inParallel(ranges, parallel, async (range) => {
      await repo.loadDocumentRange(range, memory.work);
      load.tick();
    });
  } finally {
    load.stop();
  }

  const build = bar("building indexes", indexes.length);
  try {
    // Each build gets its share of memory; GIN builds are the slow ones, so they start first.
    const ordered = [...indexes].sort(
      (a, b) => Number(b.definition.includes("gin")) - Number(a.definition.includes("gin")),
    );
    await inParallel(ordered, parallel, async (index) => {
      await repo.runWithMaintenanceMemory(index.definition, memory.maintenance);
      build.tick();
    });
  } finally {
    build.stop();
  }

  const documents = await repo.documentCount();
  const threshold = sampleThreshold(documents, options.sampleSize);
  const documentRanges = await repo.blockRanges("search_documents", chunkBlocks);
  const words = bar("vocabulary", documentRanges.length);
  const counts = new Map<string, number>();
  try {
    await inParallel(documentRanges, parallel, async (range) => {
      for (const { word, ndoc } of await repo.wordStats(range, threshold))
        counts.set(word, (counts.get(word) ?? 0) + ndoc);
      words.tick();
    });
    const all = [...counts];
    for (let i = 0; i < all.length; i += 50_000) {
      const slice = all.slice(i, i + 50_000);
      await repo.insertWords(
        slice.map(([w]) => w),
        slice.map(([, n]) => n),
      );
    }
  } finally {
    words.stop();
  }
  await repo.loadTags();
  await repo.rebuildSample(threshold);
  await repo.analyze();
  options.writes?.committed("all");
  return { documents };
}
