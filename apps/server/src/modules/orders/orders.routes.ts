import {
  DeliveryBodySchema,
  DisputeBodySchema,
  ExtensionBodySchema,
  MessageBodySchema,
  MoneySchema,
  OrderEventSchema,
  OrderListQuerySchema,
  OrderSchema,
  PlaceOfferOrderBodySchema,
  PlaceOrderBodySchema,
  QuoteBodySchema,
  QuoteSchema,
  ReasonBodySchema,
  RequirementAnswersBodySchema,
  ResolutionPreviewBodySchema,
  ResolutionPreviewSchema,
  ResolveDisputeBodySchema,
  TipBodySchema,
  TipQuoteBodySchema,
  TipQuoteSchema,
} from "@atelier/contracts";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { notFound } from "../../platform/errors";
import type { IdempotentResult } from "../../platform/idempotency";
import { validateIdempotencyKey } from "../../platform/idempotency";
import type { FileAccessRule, FilePreviewRule } from "../files/files.public";
import { requireAdmin, requireUser } from "../identity/identity.public";
import type { MilestoneTransitionName, TransitionName } from "./orders.lifecycle";
import type { OffersPort } from "./orders.offers";
import * as orders from "./orders.usecases";

const OrderParams = z.strictObject({ id: z.string().min(1).max(64) });
const MilestoneParams = z.strictObject({
  id: z.string().min(1).max(64),
  milestoneId: z.string().min(1).max(64),
});
const RequestParams = z.strictObject({ id: z.string().min(1).max(64), requestId: z.string().min(1).max(64) });
/**
 * Actions without input still refuse a body with fields: `{ "status": "completed" }` sent to
 * /accept must be an error, not silently ignored (API.md section 0: unknown fields → 400).
 */
const NoBody = z.strictObject({}).nullish();

/** A tip, as `POST /api/orders/:id/tips` answers it (201). */
const TipSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  amount: MoneySchema,
  serviceFee: MoneySchema,
  total: MoneySchema,
  createdAt: z.string(),
});

function sendIdempotent(reply: FastifyReply, result: IdempotentResult) {
  if (result.replayed) void reply.header("Idempotent-Replayed", "true");
  if (result.status >= 400) void reply.type("application/problem+json; charset=utf-8");
  else if (result.json !== undefined) void reply.type("application/json; charset=utf-8");
  return reply.status(result.status).send(result.json ?? result.body);
}

/** Files linked to an order (requirement attachments, deliveries) are readable by its buyer and seller. */
const orderFileRule: FileAccessRule = (q, viewer, orderId) =>
  orders.canReadOrderFiles(q, viewer.userId, orderId);

/** A protected delivery's images and PDFs reach the buyer as watermarked previews until the order completes. */
const orderPreviewRule: FilePreviewRule = (q, viewer, orderId) =>
  orders.seesOrderPreviews(q, viewer.userId, orderId);

/**
 * `offers`: custom offers, for `POST /api/orders { offerId }` (the negotiation module sits above
 * orders, so the composition root passes its implementation in). Without it offers are unknown (404).
 */
export function ordersRoutes(deps: AppDeps, ports: { offers?: OffersPort } = {}) {
  return (app: FastifyInstance) => {
    deps.fileAccess.register("order", orderFileRule);
    deps.fileAccess.registerPreview("order", orderPreviewRule);
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["orders"];

    r.post(
      "/api/orders/quote",
      { schema: { operationId: "quoteOrder", tags, body: QuoteBodySchema, response: { 200: QuoteSchema } } },
      // Public: visitors see the all-in price (UI.md) before they sign in; nothing private is read.
      async (request) => orders.quote(deps, { body: request.body }),
    );

    r.post(
      "/api/orders",
      {
        schema: {
          operationId: "placeOrder",
          tags,
          // A gig's package, or a custom offer (API.md section 13).
          body: z.union([PlaceOrderBodySchema, PlaceOfferOrderBodySchema]),
          response: { 201: OrderSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const key = validateIdempotencyKey(request.headers["idempotency-key"]);
        const body = request.body;
        if ("offerId" in body) {
          if (!ports.offers) throw notFound("offer");
          return sendIdempotent(
            reply,
            await orders.placeOfferOrder(deps, {
              buyer: user,
              body,
              idempotencyKey: key,
              offers: ports.offers,
            }),
          );
        }
        return sendIdempotent(
          reply,
          await orders.placeOrder(deps, { buyer: user, body, idempotencyKey: key }),
        );
      },
    );

    r.get(
      "/api/orders",
      {
        schema: {
          operationId: "listOrders",
          tags,
          querystring: OrderListQuerySchema,
          response: { 200: z.object({ data: z.array(OrderSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const q = request.query;
        return orders.listOrders(deps, {
          viewer: user,
          role: q.role,
          limit: q.limit,
          ...(q.status ? { status: q.status } : {}),
          ...(q.cursor ? { cursor: q.cursor } : {}),
        });
      },
    );

    r.get(
      "/api/orders/:id",
      { schema: { operationId: "getOrder", tags, params: OrderParams, response: { 200: OrderSchema } } },
      async (request) => orders.getOrder(deps, { orderId: request.params.id, viewer: requireUser(request) }),
    );

    r.get(
      "/api/orders/:id/events",
      {
        schema: {
          operationId: "listOrderEvents",
          tags,
          params: OrderParams,
          response: { 200: z.object({ data: z.array(OrderEventSchema) }) },
        },
      },
      async (request) => ({
        data: await orders.listEvents(deps, { orderId: request.params.id, viewer: requireUser(request) }),
      }),
    );

    /** One route per person-taken transition; the body schema decides the transition's input. */
    const simple = <S extends z.ZodType>(
      path: string,
      name: TransitionName,
      body: S | undefined,
      toInput: (b: z.infer<S>) => orders.TransitionInput,
    ) =>
      r.post(
        path,
        {
          schema: {
            operationId: name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()),
            tags,
            params: OrderParams,
            body: body ?? NoBody,
            response: { 200: OrderSchema },
          },
        },
        async (request) =>
          orders.act(deps, {
            orderId: request.params.id,
            name,
            viewer: requireUser(request),
            input: body ? toInput(request.body as z.infer<S>) : {},
          }),
      );

    simple("/api/orders/:id/requirements", "submit_requirements", RequirementAnswersBodySchema, (b) => ({
      answers: b.answers,
    }));
    simple("/api/orders/:id/start", "start_work", undefined, () => ({}));
    simple("/api/orders/:id/deliveries", "deliver", DeliveryBodySchema, (b) => ({
      message: b.message,
      fileIds: b.fileIds,
      aiUse: b.aiUse,
      aiTools: b.aiTools,
    }));
    simple("/api/orders/:id/revision-requests", "request_revision", MessageBodySchema, (b) => ({
      message: b.message,
    }));
    simple("/api/orders/:id/accept", "accept", undefined, () => ({}));
    simple("/api/orders/:id/cancel", "late_cancel", undefined, () => ({}));
    simple("/api/orders/:id/cancellation-requests", "request_cancellation", ReasonBodySchema, (b) => ({
      reason: b.reason,
    }));
    simple("/api/orders/:id/extension-requests", "request_extension", ExtensionBodySchema, (b) => ({
      days: b.days,
      reason: b.reason,
    }));
    simple("/api/orders/:id/disputes", "open_dispute", DisputeBodySchema, (b) => ({
      reason: b.reason,
      ...(b.category ? { category: b.category } : {}),
    }));

    /** A milestone's routes (API.md section 13): one per person-taken row of the milestone table. */
    const milestone = <S extends z.ZodType>(
      route: "deliveries" | "accept" | "revision-requests",
      name: MilestoneTransitionName,
      operationId: string,
      body: S | undefined,
      toInput: (b: z.infer<S>) => orders.MilestoneInput,
    ) =>
      r.post(
        `/api/orders/:id/milestones/:milestoneId/${route}`,
        {
          schema: {
            operationId,
            tags,
            params: MilestoneParams,
            body: body ?? NoBody,
            response: { 200: OrderSchema },
          },
        },
        async (request, reply) => {
          const key = request.headers["idempotency-key"];
          const result = await orders.actMilestone(deps, {
            orderId: request.params.id,
            milestoneId: request.params.milestoneId,
            name,
            viewer: requireUser(request),
            input: body ? toInput(request.body as z.infer<S>) : {},
            // Accepting moves money: a key makes a retry replay the first answer.
            ...(name === "accept" && key !== undefined
              ? { idempotencyKey: validateIdempotencyKey(key) }
              : {}),
          });
          return sendIdempotent(reply, result);
        },
      );
    milestone("deliveries", "deliver", "deliverMilestone", DeliveryBodySchema, (b) => ({
      message: b.message,
      fileIds: b.fileIds,
      aiUse: b.aiUse,
      aiTools: b.aiTools,
    }));
    milestone("accept", "accept", "acceptMilestone", undefined, () => ({}));
    milestone(
      "revision-requests",
      "request_revision",
      "requestMilestoneRevision",
      MessageBodySchema,
      (b) => ({
        message: b.message,
      }),
    );

    const answer = (path: string, name: TransitionName) =>
      r.post(
        path,
        {
          schema: {
            operationId: name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()),
            tags,
            params: RequestParams,
            body: NoBody,
            response: { 200: OrderSchema },
          },
        },
        async (request) =>
          orders.act(deps, {
            orderId: request.params.id,
            name,
            viewer: requireUser(request),
            input: { requestId: request.params.requestId },
          }),
      );
    answer("/api/orders/:id/cancellation-requests/:requestId/accept", "accept_cancellation");
    answer("/api/orders/:id/cancellation-requests/:requestId/decline", "decline_cancellation");
    answer("/api/orders/:id/extension-requests/:requestId/accept", "accept_extension");
    answer("/api/orders/:id/extension-requests/:requestId/decline", "decline_extension");

    r.post(
      "/api/orders/:id/tips/quote",
      {
        schema: {
          operationId: "quoteTip",
          tags,
          description:
            "What a tip costs the buyer before paying: the amount, the service fee on it and the total " +
            "(the same figures `POST /api/orders/:id/tips` charges). Moves no money.",
          params: OrderParams,
          body: TipQuoteBodySchema,
          response: { 200: TipQuoteSchema },
        },
      },
      async (request) =>
        orders.quoteTip(deps, {
          orderId: request.params.id,
          viewer: requireUser(request),
          amount: request.body.amount,
        }),
    );

    r.post(
      "/api/orders/:id/tips",
      {
        schema: {
          operationId: "tipOrder",
          tags,
          params: OrderParams,
          body: TipBodySchema,
          response: { 201: TipSchema },
        },
      },
      async (request, reply) => {
        const key = validateIdempotencyKey(request.headers["idempotency-key"]);
        const result = await orders.tip(deps, {
          orderId: request.params.id,
          viewer: requireUser(request),
          amount: request.body.amount,
          payment: request.body.payment,
          idempotencyKey: key,
        });
        return sendIdempotent(reply, result);
      },
    );

    r.post(
      "/api/admin/disputes/:id/resolve",
      {
        schema: {
          operationId: "resolveDispute",
          tags: ["admin"],
          params: OrderParams,
          body: ResolveDisputeBodySchema,
          response: { 200: OrderSchema },
        },
      },
      async (request) => {
        const admin = requireAdmin(request);
        const b = request.body;
        const name: TransitionName =
          b.outcome === "complete"
            ? "resolve_complete"
            : b.outcome === "cancel"
              ? "resolve_cancel"
              : "resolve_split";
        return orders.act(deps, {
          orderId: request.params.id,
          name,
          viewer: admin,
          input: {
            ...(b.buyerRefundPercent !== undefined ? { buyerRefundPercent: b.buyerRefundPercent } : {}),
            ...(b.fault ? { fault: b.fault } : {}),
            // The note is the resolution's, shown to both parties; a cancellation also gives it as its reason.
            ...(b.note ? { note: b.note, reason: b.note } : {}),
          },
        });
      },
    );

    r.post(
      "/api/admin/disputes/:id/preview",
      {
        schema: {
          operationId: "previewDisputeResolution",
          tags: ["admin"],
          description:
            "What a decision would move, without moving it: the buyer's refund as credits and the " +
            "seller's earnings, to the cent, as `resolve` would post them. The admin page confirms with these.",
          params: OrderParams,
          body: ResolutionPreviewBodySchema,
          response: { 200: ResolutionPreviewSchema },
        },
      },
      async (request) => {
        requireAdmin(request);
        const b = request.body;
        return orders.previewResolution(deps, {
          orderId: request.params.id,
          outcome: b.outcome,
          ...(b.buyerRefundPercent !== undefined ? { buyerRefundPercent: b.buyerRefundPercent } : {}),
        });
      },
    );

    r.get(
      "/api/admin/disputes",
      {
        schema: {
          operationId: "listDisputes",
          tags: ["admin"],
          response: { 200: z.object({ data: z.array(OrderSchema) }) },
        },
      },
      async (request) => {
        const admin = requireAdmin(request);
        return { data: await orders.listDisputed(deps, { viewer: admin }) };
      },
    );
  };
}
