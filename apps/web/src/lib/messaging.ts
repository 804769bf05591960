import {
  ConversationPageSchema,
  ConversationReadSchema,
  ConversationSchema,
  MarkNotificationsReadSchema,
  MessagePageSchema,
  MessageSchema,
  NotificationPageSchema,
  NotificationPreferencesSchema,
  type Conversation,
  type Message,
  type NotificationCategory,
} from "@atelier/contracts";
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, read } from "./api";

/** Query keys of the inbox and the bell; both roots are private to the signed-in user. */
export const messagingKeys = {
  conversations: ["conversations"] as const,
  conversationList: ["conversations", "list"] as const,
  conversation: (id: string) => ["conversations", "detail", id] as const,
  messages: (id: string) => ["conversations", "messages", id] as const,
  notifications: ["notifications"] as const,
  notificationList: ["notifications", "list"] as const,
  preferences: ["notifications", "preferences"] as const,
};

const CONVERSATION_PAGE = 50;
const MESSAGE_PAGE = 30;
const NOTIFICATION_PAGE = 20;

/** The newest conversations with their unread counts, and the inbox badge (`unreadTotal`). */
export const conversationListQueryOptions = queryOptions({
  queryKey: messagingKeys.conversationList,
  queryFn: ({ signal }) =>
    read(
      ConversationPageSchema,
      api.GET("/api/conversations", { params: { query: { limit: CONVERSATION_PAGE } }, signal }),
    ),
});

export function conversationQueryOptions(id: string) {
  return queryOptions({
    queryKey: messagingKeys.conversation(id),
    queryFn: ({ signal }) =>
      read(ConversationSchema, api.GET("/api/conversations/{id}", { params: { path: { id } }, signal })),
  });
}

/** A thread, newest page first; "older" pages follow `nextCursor`. */
export function messagesQueryOptions(id: string) {
  return infiniteQueryOptions({
    queryKey: messagingKeys.messages(id),
    queryFn: ({ pageParam, signal }) =>
      read(
        MessagePageSchema,
        api.GET("/api/conversations/{id}/messages", {
          params: { path: { id }, query: { limit: MESSAGE_PAGE, cursor: pageParam || undefined } },
          signal,
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export const notificationListQueryOptions = queryOptions({
  queryKey: messagingKeys.notificationList,
  queryFn: ({ signal }) =>
    read(
      NotificationPageSchema,
      api.GET("/api/notifications", { params: { query: { limit: NOTIFICATION_PAGE } }, signal }),
    ),
});

export const notificationPreferencesQueryOptions = queryOptions({
  queryKey: messagingKeys.preferences,
  queryFn: ({ signal }) =>
    read(NotificationPreferencesSchema, api.GET("/api/notifications/preferences", { signal })),
});

export function openConversation(username: string, gigId: string | undefined): Promise<Conversation> {
  return read(
    ConversationSchema,
    api.POST("/api/conversations", { body: gigId ? { username, gigId } : { username } }),
  );
}

export function sendMessage(
  conversationId: string,
  body: { body: string; fileIds: string[]; orderId?: string },
): Promise<Message> {
  return read(
    MessageSchema,
    api.POST("/api/conversations/{id}/messages", { params: { path: { id: conversationId } }, body }),
  );
}

export function markConversationRead(conversationId: string, upTo: string) {
  return read(
    ConversationReadSchema,
    api.POST("/api/conversations/{id}/read", { params: { path: { id: conversationId } }, body: { upTo } }),
  );
}

export function markNotificationsRead(body: { ids: string[] } | { all: true }) {
  return read(MarkNotificationsReadSchema, api.POST("/api/notifications/read", { body }));
}

export function updateNotificationPreferences(
  data: { category: NotificationCategory; inApp?: boolean; email?: boolean }[],
) {
  return read(NotificationPreferencesSchema, api.PUT("/api/notifications/preferences", { body: { data } }));
}

/** Shown under a flagged message when the server sends no text of its own. */
export const OFF_PLATFORM_WARNING =
  "Keep payments and contact on Atelier — this message looks like it shares contact details. " +
  "Deals made off Atelier aren’t protected by escrow or our support.";

/** "99+" past 99, so a badge never grows wider than its circle allows. */
export function badgeCount(count: number): string {
  return count > 99 ? "99+" : String(count);
}
