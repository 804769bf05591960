import {
  ConversationListQuerySchema,
  ConversationPageSchema,
  ConversationParamsSchema,
  ConversationReadSchema,
  ConversationSchema,
  MarkConversationReadBodySchema,
  MessageListQuerySchema,
  MessagePageSchema,
  MessageSchema,
  OpenConversationBodySchema,
  SendMessageBodySchema,
} from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppDeps } from "../../platform/deps";
import type { FileAccessRule } from "../files/files.public";
import { requireUser } from "../identity/identity.public";
import * as messaging from "./messaging.usecases";

/** Attachments of a message are readable by its sender and its recipient (and admins, by the files module). */
const messageFileRule: FileAccessRule = (q, viewer, messageId) =>
  messaging.canReadMessageFiles(q, viewer.userId, messageId);

export function messagingRoutes(deps: AppDeps) {
  return (app: FastifyInstance) => {
    deps.fileAccess.register("message", messageFileRule);
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["messages"];

    r.post(
      "/api/conversations",
      {
        schema: {
          operationId: "openConversation",
          tags,
          description:
            "The one conversation between the caller and `username`: 201 when created, 200 when it existed. " +
            "Opening a new conversation with a user who is not a seller → 403 `recipient_not_seller` " +
            "(unless the two share an order).",
          body: OpenConversationBodySchema,
          response: { 200: ConversationSchema, 201: ConversationSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const { conversation, created } = await messaging.openConversation(deps, {
          userId: user.id,
          username: request.body.username,
          ...(request.body.gigId !== undefined ? { gigId: request.body.gigId } : {}),
        });
        return reply.status(created ? 201 : 200).send(conversation);
      },
    );

    r.get(
      "/api/conversations",
      {
        schema: {
          operationId: "listConversations",
          tags,
          querystring: ConversationListQuerySchema,
          response: { 200: ConversationPageSchema },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return messaging.listConversations(deps, {
          userId: user.id,
          limit: request.query.limit,
          ...(request.query.cursor !== undefined ? { cursor: request.query.cursor } : {}),
        });
      },
    );

    r.get(
      "/api/conversations/:id",
      {
        schema: {
          operationId: "getConversation",
          tags,
          params: ConversationParamsSchema,
          response: { 200: ConversationSchema },
        },
      },
      async (request) =>
        messaging.getConversation(deps, {
          userId: requireUser(request).id,
          conversationId: request.params.id,
        }),
    );

    r.get(
      "/api/conversations/:id/messages",
      {
        schema: {
          operationId: "listMessages",
          tags,
          description:
            "Newest first; `nextCursor` pages back in time. With `after` (a message id): the messages after it, " +
            "oldest first, for catching up after a reconnect; `nextCursor` is then the next `after`.",
          params: ConversationParamsSchema,
          querystring: MessageListQuerySchema,
          response: { 200: MessagePageSchema },
        },
      },
      async (request) => {
        const q = request.query;
        return messaging.listMessages(deps, {
          userId: requireUser(request).id,
          conversationId: request.params.id,
          limit: q.limit,
          ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
          ...(q.after !== undefined ? { after: q.after } : {}),
        });
      },
    );

    r.post(
      "/api/conversations/:id/messages",
      {
        schema: {
          operationId: "sendMessage",
          tags,
          description:
            "`body` is plain text (1–5000 characters), stored and returned as written. Attach your own uploads " +
            "with `fileIds`; tie the message to an order between the two participants with `orderId`. " +
            "Messages that share contact or payment details are flagged `off_platform_contact`. " +
            "Rate-limited per sender (429 `rate_limited` with Retry-After).",
          params: ConversationParamsSchema,
          body: SendMessageBodySchema,
          response: { 201: MessageSchema },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const message = await messaging.sendMessage(deps, {
          sender: { id: user.id, username: user.username },
          conversationId: request.params.id,
          body: request.body,
        });
        return reply.status(201).send(message);
      },
    );

    r.post(
      "/api/conversations/:id/read",
      {
        schema: {
          operationId: "markConversationRead",
          tags,
          description: "Marks the caller's received messages read (all, or up to `upTo`): the read receipts.",
          params: ConversationParamsSchema,
          body: MarkConversationReadBodySchema.nullish(),
          response: { 200: ConversationReadSchema },
        },
      },
      async (request) =>
        messaging.markConversationRead(deps, {
          userId: requireUser(request).id,
          conversationId: request.params.id,
          ...(request.body?.upTo !== undefined ? { upTo: request.body.upTo } : {}),
        }),
    );
  };
}
