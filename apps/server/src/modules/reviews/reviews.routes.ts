import {
  OrderReviewsSchema,
  ReviewSummarySchema,
  ReviewBodySchema,
  ReviewResponseBodySchema,
  ReviewSchema,
} from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { requireUser } from "../identity/identity.public";
import * as reviews from "./reviews.usecases";

const Id = z.strictObject({ id: z.string().min(1).max(64) });

export function reviewsRoutes(deps: AppDeps) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["reviews"];

    r.post(
      "/api/orders/:id/reviews",
      {
        schema: {
          operationId: "writeReview",
          tags,
          params: Id,
          body: ReviewBodySchema,
          response: { 201: ReviewSchema },
        },
      },
      async (request, reply) => {
        const review = await reviews.writeReview(deps, {
          orderId: request.params.id,
          viewer: requireUser(request),
          body: request.body,
        });
        return reply.status(201).send(review);
      },
    );

    r.get(
      "/api/orders/:id/reviews",
      { schema: { operationId: "orderReviews", tags, params: Id, response: { 200: OrderReviewsSchema } } },
      async (request) =>
        reviews.orderReviews(deps, { orderId: request.params.id, viewer: requireUser(request) }),
    );

    r.get(
      "/api/users/:username/reviews",
      {
        schema: {
          operationId: "sellerReviews",
          tags,
          params: z.strictObject({ username: z.string().min(1).max(60) }),
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: { 200: z.object({ data: z.array(ReviewSchema), summary: ReviewSummarySchema }) },
        },
      },
      async (request) =>
        reviews.sellerReviews(deps, { username: request.params.username, limit: request.query.limit }),
    );

    r.post(
      "/api/reviews/:id/response",
      {
        schema: {
          operationId: "respondToReview",
          tags,
          params: Id,
          body: ReviewResponseBodySchema,
          response: { 200: ReviewSchema },
        },
      },
      async (request) =>
        reviews.respond(deps, {
          reviewId: request.params.id,
          viewer: requireUser(request),
          text: request.body.text,
        }),
    );
  };
}
