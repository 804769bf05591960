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
import { api } from "./api";

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
    api.get(`/api/conversations?limit=${CONVERSATION_PAGE}`, ConversationPageSchema, signal),
});

export function conversationQueryOptions(id: string) {
  return queryOptions({
    queryKey: messagingKeys.conversation(id),
    queryFn: ({ signal }) =>
      api.get(`/api/conversations/${encodeURIComponent(id)}`, ConversationSchema, signal),
  });
}

/** A thread, newest page first; "older" pages follow `nextCursor`. */
export function messagesQueryOptions(id: string) {
  return infiniteQueryOptions({
    queryKey: messagingKeys.messages(id),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(MESSAGE_PAGE) });
      if (pageParam) params.set("cursor", pageParam);
      return api.get(
        `/api/conversations/${encodeURIComponent(id)}/messages?${params}`,
        MessagePageSchema,
        signal,
      );
    },
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export const notificationListQueryOptions = queryOptions({
  queryKey: messagingKeys.notificationList,
  queryFn: ({ signal }) =>
    api.get(`/api/notifications?limit=${NOTIFICATION_PAGE}`, NotificationPageSchema, signal),
});

export const notificationPreferencesQueryOptions = queryOptions({
  queryKey: messagingKeys.preferences,
  queryFn: ({ signal }) => api.get("/api/notifications/preferences", NotificationPreferencesSchema, signal),
});

export function openConversation(username: string, gigId: string | undefined): Promise<Conversation> {
  return api.post("/api/conversations", gigId ? { username, gigId } : { username }, ConversationSchema);
}

export function sendMessage(
  conversationId: string,
  body: { body: string; fileIds: string[]; orderId?: string },
): Promise<Message> {
  return api.post(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, body, MessageSchema);
}

export function markConversationRead(conversationId: string, upTo: string) {
  return api.post(
    `/api/conversations/${encodeURIComponent(conversationId)}/read`,
    { upTo },
    ConversationReadSchema,
  );
}

export function markNotificationsRead(body: { ids: string[] } | { all: true }) {
  return api.post("/api/notifications/read", body, MarkNotificationsReadSchema);
}

export function updateNotificationPreferences(
  data: { category: NotificationCategory; inApp?: boolean; email?: boolean }[],
) {
  return api.put("/api/notifications/preferences", { data }, NotificationPreferencesSchema);
}

/** Shown under a flagged message when the server sends no text of its own. */
export const OFF_PLATFORM_WARNING =
  "Keep payments and contact on Atelier — this message looks like it shares contact details. " +
  "Deals made off Atelier aren’t protected by escrow or our support.";

/** "99+" past 99, so a badge never grows wider than its circle allows. */
export function badgeCount(count: number): string {
  return count > 99 ? "99+" : String(count);
}
