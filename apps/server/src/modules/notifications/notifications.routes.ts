import {
  MailboxEmailSchema,
  MarkNotificationsReadBodySchema,
  MarkNotificationsReadSchema,
  NotificationListQuerySchema,
  NotificationPageSchema,
  NotificationPreferencesSchema,
  UpdateNotificationPreferencesBodySchema,
} from "@atelier/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { notFound } from "../../platform/errors";
import { requireUser } from "../identity/identity.public";
import { isAdmin } from "../identity/identity.public";
import { mailboxPage } from "./notifications.models";
import * as notifications from "./notifications.usecases";

export function notificationsRoutes(deps: AppDeps) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["notifications"];

    r.get(
      "/api/notifications",
      {
        schema: {
          operationId: "listNotifications",
          tags,
          description:
            "Newest first, with `unreadCount` for the bell. `?unread=true` lists unread ones only.",
          querystring: NotificationListQuerySchema,
          response: { 200: NotificationPageSchema },
        },
      },
      async (request) => {
        const q = request.query;
        return notifications.listNotifications(deps, {
          userId: requireUser(request).id,
          limit: q.limit,
          unreadOnly: q.unread === "true",
          ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
        });
      },
    );

    r.post(
      "/api/notifications/read",
      {
        schema: {
          operationId: "markNotificationsRead",
          tags,
          description:
            "`{ ids }` marks those (ids of other users' notifications are ignored); `{ all: true }` marks all.",
          body: MarkNotificationsReadBodySchema,
          response: { 200: MarkNotificationsReadSchema },
        },
      },
      async (request) =>
        notifications.markNotificationsRead(deps, {
          userId: requireUser(request).id,
          ids: request.body.ids ?? null,
        }),
    );

    r.get(
      "/api/notifications/preferences",
      {
        schema: {
          operationId: "getNotificationPreferences",
          tags,
          response: { 200: NotificationPreferencesSchema },
        },
      },
      async (request) => notifications.getPreferences(deps, { userId: requireUser(request).id }),
    );

    r.put(
      "/api/notifications/preferences",
      {
        schema: {
          operationId: "updateNotificationPreferences",
          tags,
          description:
            "Per category: in-app and e-mail on or off. Categories and fields left out keep their value.",
          body: UpdateNotificationPreferencesBodySchema,
          response: { 200: NotificationPreferencesSchema },
        },
      },
      async (request) =>
        notifications.updatePreferences(deps, {
          userId: requireUser(request).id,
          changes: request.body.data,
        }),
    );

    // The development mailbox shows every e-mail the server wrote: it exists only in test mode or
    // when ATELIER_DEV_MAILBOX=1 opts in (never in production), and only admins see it.
    if (!deps.config.notifications.devMailbox) return;
    // Checked before the query is validated: to anyone else the route answers as if it did not exist.
    const onlyAdmins = (request: FastifyRequest) => {
      const user = request.auth?.user;
      if (!user || !isAdmin(user)) return Promise.reject(notFound());
      return Promise.resolve();
    };

    r.get(
      "/api/dev/mailbox",
      {
        preValidation: onlyAdmins,
        schema: {
          operationId: "devMailboxPage",
          tags: ["development"],
          description: "Admins only (others 404); served in test mode or with ATELIER_DEV_MAILBOX=1.",
        },
      },
      async (_request, reply) => {
        const emails = await notifications.listMailbox(deps, { limit: 200 });
        return reply
          .type("text/html; charset=utf-8")
          .header("Cache-Control", "no-store")
          .send(mailboxPage(emails));
      },
    );

    r.get(
      "/api/dev/mailbox/messages",
      {
        preValidation: onlyAdmins,
        schema: {
          operationId: "devMailboxMessages",
          tags: ["development"],
          description: "Admins only (others 404); served in test mode or with ATELIER_DEV_MAILBOX=1.",
          querystring: z.strictObject({
            to: z.string().max(254).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ data: z.array(MailboxEmailSchema) }) },
        },
      },
      async (request) => ({
        data: await notifications.listMailbox(deps, {
          limit: request.query.limit,
          ...(request.query.to !== undefined ? { to: request.query.to } : {}),
        }),
      }),
    );
  };
}
