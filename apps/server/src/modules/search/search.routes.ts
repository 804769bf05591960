import {
  GigCardSchema,
  SearchClickBodySchema,
  SearchGigsQuerySchema,
  SearchGigsResultSchema,
  SearchSuggestQuerySchema,
  SearchSuggestResultSchema,
  SearchSynonymBodySchema,
  SearchSynonymListSchema,
  SearchSynonymParamsSchema,
  SearchSynonymSchema,
} from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { NoContent } from "../../platform/schemas";
import { requireAdmin } from "../identity/identity.public";
import type { SearchEngine } from "./search.engine";
import * as synonyms from "./search.synonyms";
import * as search from "./search.usecases";

export function searchRoutes(deps: AppDeps, engine: SearchEngine) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["search"];
    const { runtime, deps: sdeps } = engine;
    const stop = await engine.start();
    // Outside test mode the memory engine loads at boot, in the background: the first search need
    // not wait for it (tests and the benchmark load it on their first search).
    if (!deps.config.testMode) app.addHook("onReady", async () => engine.warm());
    app.addHook("onClose", stop);

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

    r.get(
      "/api/admin/search/synonyms",
      {
        schema: {
          operationId: "listSearchSynonyms",
          tags: ["admin"],
          response: { 200: SearchSynonymListSchema },
        },
      },
      async (request) => {
        requireAdmin(request);
        return synonyms.listSynonyms(sdeps);
      },
    );

    r.put(
      "/api/admin/search/synonyms/:term",
      {
        schema: {
          operationId: "setSearchSynonyms",
          tags: ["admin"],
          params: SearchSynonymParamsSchema,
          body: SearchSynonymBodySchema,
          response: { 200: SearchSynonymSchema },
        },
      },
      async (request) => {
        const admin = requireAdmin(request);
        return synonyms.setSynonyms(sdeps, {
          adminId: admin.id,
          term: request.params.term,
          synonyms: request.body.synonyms,
        });
      },
    );

    r.delete(
      "/api/admin/search/synonyms/:term",
      {
        schema: {
          operationId: "deleteSearchSynonyms",
          tags: ["admin"],
          params: SearchSynonymParamsSchema,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        const admin = requireAdmin(request);
        await synonyms.deleteSynonyms(sdeps, { adminId: admin.id, term: request.params.term });
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
