import type { AppDeps } from "../../platform/deps";
import { perTick } from "../../platform/events";
import { SEARCH_INDEX_CHANNEL, type IndexWrite } from "./search.indexer";
import { indexWritePayload, parseIndexWritePayload } from "./search.memory-engine";
import { createSearchRuntime, type SearchRuntime } from "./search.runtime";
import type { SearchDeps } from "./search.usecases";

/** The search module's per-app state, made once by the composition root and handed to its routes. */
export interface SearchEngine {
  /** What the use-cases take: the shared dependencies and this app's runtime (caches, index, log). */
  deps: SearchDeps;
  runtime: SearchRuntime;
  /** Subscribes to index writes (this process's and others'); resolves to the unsubscribe. */
  start(): Promise<() => Promise<void>>;
  /** Loads the memory index in the background (outside test mode, at boot). */
  warm(): void;
}

/**
 * One NOTIFY per tick however many index writes committed in it, naming the gigs written (memory
 * engines re-read them); failures are logged, not thrown.
 */
function announcer(deps: Pick<AppDeps, "db" | "log">): (write: IndexWrite) => void {
  return perTick((writes: IndexWrite[]) => {
    const ids = writes.includes("all") ? "all" : [...new Set(writes.flatMap((w) => (w === "all" ? [] : w)))];
    deps.db
      .query("SELECT pg_notify($1, $2)", [SEARCH_INDEX_CHANNEL, indexWritePayload(ids)])
      .catch((err: unknown) => deps.log.error({ err }, "search index announcement failed"));
  });
}

export function createSearchEngine(deps: AppDeps): SearchEngine {
  const runtime = createSearchRuntime(deps);
  return {
    runtime,
    deps: { db: deps.db, clock: deps.clock, config: deps.config, log: deps.log, state: deps.state, runtime },
    async start() {
      // Index writes of every process retire cached pages; after a lost connection, so does the reconnect.
      // This process's own writes retire its pages at commit (search.indexer); others hear a NOTIFY,
      // sent after commit and batched per tick. PGlite has no other process to tell.
      // A memory engine re-reads the gigs written here at once and those named by other processes'
      // notifications when they arrive; after a reconnect it reloads everything in the background.
      const unlisten = await deps.db.listen(
        SEARCH_INDEX_CHANNEL,
        (payload) => {
          runtime.pages.changed();
          runtime.memoryPages.changed();
          runtime.memory?.changed(parseIndexWritePayload(payload));
        },
        () => {
          runtime.pages.changed();
          runtime.memoryPages.changed();
          runtime.memory?.changed("all");
        },
      );
      const { writes } = deps.state.search;
      const stopListening = writes.listen((write) => runtime.memory?.changed(write));
      if (deps.db.kind === "postgres") writes.setAnnouncer(announcer(deps));
      return async () => {
        stopListening();
        await unlisten();
        await runtime.log.flush();
      };
    },
    warm() {
      const engine = runtime.memory;
      if (!engine) return;
      engine.current().catch((err: unknown) => deps.log.error({ err }, "search memory index load failed"));
    },
  };
}
