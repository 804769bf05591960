import {
  GigCardSchema,
  SearchClickBodySchema,
  SearchGigsQuerySchema,
  SearchGigsResultSchema,
  SearchSuggestQuerySchema,
  SearchSuggestResultSchema,
} from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { NoContent } from "../../platform/schemas";
import { perTick } from "../../platform/events";
import {
  onIndexWrite,
  SEARCH_INDEX_CHANNEL,
  setIndexWriteAnnouncer,
  type IndexWrite,
} from "./search.indexer";
import { indexWritePayload, parseIndexWritePayload } from "./search.memory-engine";
import { createSearchRuntime } from "./search.runtime";
import * as search from "./search.usecases";

/**
 * One NOTIFY per tick however many index writes committed in it, naming the gigs written (memory
 * engines re-read them); failures are logged, not thrown.
 */
function announcer(deps: AppDeps): (write: IndexWrite) => void {
  return perTick((writes: IndexWrite[]) => {
    const ids = writes.includes("all") ? "all" : [...new Set(writes.flatMap((w) => (w === "all" ? [] : w)))];
    deps.db
      .query("SELECT pg_notify($1, $2)", [SEARCH_INDEX_CHANNEL, indexWritePayload(ids)])
      .catch((err: unknown) => deps.log.error({ err }, "search index announcement failed"));
  });
}

export function searchRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["search"];
    const runtime = createSearchRuntime(deps);
    const sdeps = { ...deps, runtime };
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
    const stopListening = onIndexWrite((write) => runtime.memory?.changed(write));
    if (deps.db.kind === "postgres") setIndexWriteAnnouncer(announcer(deps));
    // Outside test mode the memory engine loads at boot, in the background: the first search need
    // not wait for it (tests and the benchmark load it on their first search).
    if (runtime.memory && !deps.config.testMode) {
      const engine = runtime.memory;
      app.addHook("onReady", async () => {
        engine.current().catch((err: unknown) => deps.log.error({ err }, "search memory index load failed"));
      });
    }
    app.addHook("onClose", async () => {
      stopListening();
      await unlisten();
      await runtime.log.flush();
    });

    r.get(
      "/api/search/gigs",
      {
        schema: {
          operationId: "searchGigs",
          tags,
          querystring: SearchGigsQuerySchema,
          response: { 200: SearchGigsResultSchema },
        },
      },
      async (request) =>
        search.searchGigs(sdeps, { query: request.query, userId: request.auth?.user.id ?? null }),
    );

    r.get(
      "/api/search/suggest",
      {
        schema: {
          operationId: "suggestSearch",
          tags,
          querystring: SearchSuggestQuerySchema,
          response: { 200: SearchSuggestResultSchema },
        },
      },
      async (request) => ({ data: await search.suggest(sdeps, { q: request.query.q }) }),
    );

    r.post(
      "/api/search/clicks",
      {
        schema: {
          operationId: "logSearchClick",
          tags,
          body: SearchClickBodySchema,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await search.logClick(sdeps, { body: request.body, userId: request.auth?.user.id ?? null });
        return reply.status(204).send(null);
      },
    );

    // The benchmark compares against the naive plan through HTTP; it never exists outside test mode.
    if (deps.config.testMode) {
      r.get(
        "/api/test/search/naive",
        {
          schema: {
            operationId: "naiveSearchGigs",
            tags: ["test mode"],
            hide: true,
            querystring: SearchGigsQuerySchema.safeExtend({
              offset: z.coerce.number().int().min(0).max(100_000).default(0),
            }),
            response: { 200: z.object({ data: z.array(GigCardSchema), total: z.number().int() }) },
          },
        },
        async (request) => {
          const { offset, ...query } = request.query;
          return search.naiveSearchGigs(sdeps, { query, offset });
        },
      );
      r.post(
        "/api/test/search/flush-log",
        { schema: { operationId: "flushSearchLog", tags: ["test mode"], hide: true } },
        async (_request, reply) => {
          await runtime.log.flush();
          return reply.status(204).send();
        },
      );
    }
  };
}
