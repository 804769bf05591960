import {
  CategoryDetailSchema,
  CategoryTreeSchema,
  CreateGigBodySchema,
  DenyGigBodySchema,
  GigCardSchema,
  GigIdParamsSchema,
  GigImagesBodySchema,
  GigSchema,
  ModerationItemSchema,
  MyGigCardSchema,
  MyGigsQuerySchema,
  pageOf,
  PaginationQuerySchema,
  ReviewSchema,
  ReviewSummarySchema,
  UpdateGigBodySchema,
} from "@atelier/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { requireAdmin, requireSeller, requireUser } from "../identity/identity.public";
import { isAdmin } from "../identity/identity.public";
import { gigNotFound } from "./catalog.errors";
import type { Viewer } from "./catalog.models";
import * as reviews from "../reviews/reviews.usecases";
import * as catalog from "./catalog.usecases";
import { getGigBySellerSlug } from "./catalog.pages.usecases";

const viewerOf = (request: FastifyRequest): Viewer =>
  request.auth
    ? { userId: request.auth.user.id, isAdmin: isAdmin(request.auth.user) }
    : { userId: null, isAdmin: false };

/** A `preValidation` hook that runs an authorisation check; a throw becomes the response. */
const before = (check: (request: FastifyRequest) => unknown) => ({
  preValidation: (request: FastifyRequest) =>
    Promise.resolve().then(() => {
      check(request);
    }),
});

/** Categories, gigs and their moderation queue. */
export function catalogRoutes(deps: AppDeps) {
  // Gallery images are public wherever the gig is; drafts' images only to the owner and admins.
  deps.fileAccess.register("gig", catalog.canViewGig, { public: true });

  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["catalog"];
    const adminTags = ["admin"];
    const gigResponse = { 200: GigSchema };
    // Who may call a route is settled before the body is validated, so that strangers learn nothing
    // from validation errors (admin routes stay a 404 to them).
    const signedIn = before(requireUser);
    const seller = before(requireSeller);
    const admin = before(requireAdmin);

    r.get(
      "/api/categories",
      { schema: { operationId: "listCategories", tags, response: { 200: CategoryTreeSchema } } },
      async () => catalog.listCategories(deps),
    );

    r.get(
      "/api/categories/:slug",
      {
        schema: {
          operationId: "getCategory",
          tags,
          params: z.strictObject({ slug: z.string().min(1).max(80) }),
          response: { 200: CategoryDetailSchema },
        },
      },
      async (request) => catalog.getCategory(deps, { slug: request.params.slug }),
    );

    r.post(
      "/api/gigs",
      {
        ...seller,
        schema: { operationId: "createGig", tags, body: CreateGigBodySchema, response: { 201: GigSchema } },
      },
      async (request, reply) => {
        const sellerId = requireSeller(request).id;
        return reply.status(201).send(await catalog.createGig(deps, { sellerId, body: request.body }));
      },
    );

    r.get(
      "/api/gigs/:id",
      { schema: { operationId: "getGig", tags, params: GigIdParamsSchema, response: gigResponse } },
      async (request) => catalog.getGig(deps, { gigId: request.params.id, viewer: viewerOf(request) }),
    );

    // A gig's reviews follow the gig page's rule: a gig the viewer may not see (a draft, a hidden gig,
    // a suspended seller's) answers exactly as an unknown id does, so the reviews do not reveal it.
    r.get(
      "/api/gigs/:id/reviews",
      {
        schema: {
          operationId: "gigReviews",
          tags: ["reviews"],
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          querystring: PaginationQuerySchema,
          response: {
            200: z.object({
              data: z.array(ReviewSchema),
              nextCursor: z.string().nullable(),
              summary: ReviewSummarySchema,
            }),
          },
        },
      },
      async (request) => {
        const gigId = request.params.id;
        if (!(await catalog.canViewGig(deps.db, viewerOf(request), gigId))) throw gigNotFound();
        return reviews.gigReviews(deps, {
          gigId,
          limit: request.query.limit,
          ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
        });
      },
    );

    r.patch(
      "/api/gigs/:id",
      {
        ...signedIn,
        schema: {
          operationId: "updateGig",
          tags,
          params: GigIdParamsSchema,
          body: UpdateGigBodySchema,
          response: gigResponse,
        },
      },
      async (request) => {
        const user = requireUser(request);
        return catalog.updateGig(deps, { gigId: request.params.id, userId: user.id, body: request.body });
      },
    );

    r.post(
      "/api/gigs/:id/publish",
      {
        ...signedIn,
        schema: { operationId: "publishGig", tags, params: GigIdParamsSchema, response: gigResponse },
      },
      async (request) =>
        catalog.publishGig(deps, { gigId: request.params.id, userId: requireUser(request).id }),
    );

    r.post(
      "/api/gigs/:id/pause",
      {
        ...signedIn,
        schema: { operationId: "pauseGig", tags, params: GigIdParamsSchema, response: gigResponse },
      },
      async (request) =>
        catalog.pauseGig(deps, { gigId: request.params.id, userId: requireUser(request).id }),
    );

    r.delete(
      "/api/gigs/:id",
      {
        ...signedIn,
        schema: { operationId: "archiveGig", tags, params: GigIdParamsSchema, response: gigResponse },
      },
      async (request) =>
        catalog.archiveGig(deps, { gigId: request.params.id, userId: requireUser(request).id }),
    );

    r.put(
      "/api/gigs/:id/images",
      {
        ...signedIn,
        schema: {
          operationId: "setGigImages",
          tags,
          params: GigIdParamsSchema,
          body: GigImagesBodySchema,
          response: gigResponse,
        },
      },
      async (request) =>
        catalog.setGigImages(deps, {
          gigId: request.params.id,
          userId: requireUser(request).id,
          fileIds: request.body.fileIds,
        }),
    );

    r.get(
      "/api/users/:username/gigs",
      {
        schema: {
          operationId: "listUserGigs",
          tags,
          params: z.strictObject({ username: z.string().min(1).max(60) }),
          querystring: PaginationQuerySchema,
          response: { 200: pageOf(GigCardSchema) },
        },
      },
      async (request) =>
        catalog.listSellerGigs(deps, { username: request.params.username, ...request.query }),
    );

    r.get(
      "/api/users/:username/gigs/:slug",
      {
        schema: {
          operationId: "getUserGig",
          tags,
          params: z.strictObject({ username: z.string().min(1).max(60), slug: z.string().min(1).max(200) }),
          response: gigResponse,
        },
      },
      async (request) =>
        getGigBySellerSlug(deps, {
          username: request.params.username,
          slug: request.params.slug,
          viewer: viewerOf(request),
        }),
    );

    r.get(
      "/api/me/gigs",
      {
        ...signedIn,
        schema: {
          operationId: "listMyGigs",
          tags,
          querystring: MyGigsQuerySchema,
          response: { 200: pageOf(MyGigCardSchema) },
        },
      },
      async (request) => catalog.listMyGigs(deps, { userId: requireUser(request).id, ...request.query }),
    );

    r.get(
      "/api/admin/moderation/gigs",
      {
        ...admin,
        schema: {
          operationId: "listModerationGigs",
          tags: adminTags,
          querystring: PaginationQuerySchema,
          response: { 200: pageOf(ModerationItemSchema) },
        },
      },
      async (request) => {
        requireAdmin(request);
        return catalog.listModerationQueue(deps, { viewer: viewerOf(request), ...request.query });
      },
    );

    r.post(
      "/api/admin/gigs/:id/approve",
      {
        ...admin,
        schema: {
          operationId: "approveGig",
          tags: adminTags,
          params: GigIdParamsSchema,
          response: gigResponse,
        },
      },
      async (request) =>
        catalog.approveGig(deps, { gigId: request.params.id, adminId: requireAdmin(request).id }),
    );

    r.post(
      "/api/admin/gigs/:id/deny",
      {
        ...admin,
        schema: {
          operationId: "denyGig",
          tags: adminTags,
          params: GigIdParamsSchema,
          body: DenyGigBodySchema,
          response: gigResponse,
        },
      },
      async (request) =>
        catalog.denyGig(deps, {
          gigId: request.params.id,
          adminId: requireAdmin(request).id,
          reason: request.body.reason,
        }),
    );
  };
}
