import {
  BriefListQuerySchema,
  BriefSchema,
  CreateBriefBodySchema,
  CreateOfferBodySchema,
  OfferSchema,
  pageOf,
} from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import type { FileAccessRule } from "../files/files.public";
import { requireUser } from "../identity/identity.public";
import type { SearchDeps } from "../search/search.usecases";
import { naiveBriefCandidates } from "./negotiation.naive";
import { createNegotiationRepository } from "./negotiation.repository";
import * as negotiation from "./negotiation.usecases";

const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
/** Actions without input still refuse a body with fields (API.md section 0). */
const NoBody = z.strictObject({}).nullish();

/** A brief's files are readable by its buyer and the sellers it was sent to. */
const briefFileRule: FileAccessRule = async (q, viewer, briefId) =>
  viewer.userId !== null && (await createNegotiationRepository(q).isBriefParty(briefId, viewer.userId));

/** API.md section 13: custom offers and briefs (`search`: the search engine that matches briefs). */
export function negotiationRoutes(deps: AppDeps, search: SearchDeps) {
  return (app: FastifyInstance) => {
    deps.fileAccess.register("brief", briefFileRule);
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["negotiation"];

    r.post(
      "/api/conversations/:id/offers",
      {
        schema: {
          operationId: "createOffer",
          tags,
          params: IdParams,
          body: CreateOfferBodySchema,
          response: { 201: OfferSchema },
        },
      },
      async (request, reply) => {
        const seller = requireUser(request);
        const offer = await negotiation.createOffer(deps, {
          seller,
          conversationId: request.params.id,
          body: request.body,
        });
        return reply.status(201).send(offer);
      },
    );

    r.get(
      "/api/offers/:id",
      { schema: { operationId: "getOffer", tags, params: IdParams, response: { 200: OfferSchema } } },
      async (request) =>
        negotiation.getOffer(deps, { viewer: requireUser(request), offerId: request.params.id }),
    );

    for (const action of ["withdraw", "decline"] as const) {
      r.post(
        `/api/offers/:id/${action}`,
        {
          schema: {
            operationId: `${action}Offer`,
            tags,
            params: IdParams,
            body: NoBody,
            response: { 200: OfferSchema },
          },
        },
        async (request) =>
          negotiation.closeOffer(deps, {
            userId: requireUser(request).id,
            offerId: request.params.id,
            action,
          }),
      );
    }

    r.post(
      "/api/briefs",
      {
        schema: {
          operationId: "createBrief",
          tags,
          body: CreateBriefBodySchema,
          response: { 201: BriefSchema },
        },
      },
      async (request, reply) => {
        const brief = await negotiation.createBrief(deps, search, {
          buyer: requireUser(request),
          body: request.body,
        });
        return reply.status(201).send(brief);
      },
    );

    // The matching benchmark's naive plan (bench/match.bench.ts), beside the real one: the same
    // brief, written the same way, its candidates found without the search index. Test mode only.
    if (deps.config.testMode) {
      r.post(
        "/api/test/briefs/naive",
        {
          schema: {
            operationId: "createBriefNaive",
            tags: ["test mode"],
            hide: true,
            body: CreateBriefBodySchema,
            response: { 201: BriefSchema },
          },
        },
        async (request, reply) => {
          const brief = await negotiation.createBrief(
            deps,
            search,
            { buyer: requireUser(request), body: request.body },
            naiveBriefCandidates(deps),
          );
          return reply.status(201).send(brief);
        },
      );
    }

    r.get(
      "/api/briefs",
      {
        schema: {
          operationId: "listBriefs",
          tags,
          querystring: BriefListQuerySchema,
          response: { 200: pageOf(BriefSchema) },
        },
      },
      async (request) => negotiation.listBriefs(deps, { userId: requireUser(request).id, ...request.query }),
    );

    r.get(
      "/api/briefs/inbox",
      {
        schema: {
          operationId: "briefInbox",
          tags,
          querystring: BriefListQuerySchema,
          response: { 200: pageOf(BriefSchema) },
        },
      },
      async (request) => negotiation.briefInbox(deps, { userId: requireUser(request).id, ...request.query }),
    );

    r.get(
      "/api/briefs/:id",
      { schema: { operationId: "getBrief", tags, params: IdParams, response: { 200: BriefSchema } } },
      async (request) =>
        negotiation.getBrief(deps, { viewer: requireUser(request), briefId: request.params.id }),
    );

    r.post(
      "/api/briefs/:id/offers",
      {
        schema: {
          operationId: "answerBrief",
          tags,
          params: IdParams,
          body: CreateOfferBodySchema,
          response: { 201: OfferSchema },
        },
      },
      async (request, reply) => {
        const offer = await negotiation.answerBrief(deps, {
          seller: requireUser(request),
          briefId: request.params.id,
          body: request.body,
        });
        return reply.status(201).send(offer);
      },
    );

    r.post(
      "/api/briefs/:id/close",
      {
        schema: {
          operationId: "closeBrief",
          tags,
          params: IdParams,
          body: NoBody,
          response: { 200: BriefSchema },
        },
      },
      async (request) =>
        negotiation.closeBrief(deps, { viewer: requireUser(request), briefId: request.params.id }),
    );
  };
}
