import { z } from "zod";
import { IsoDateTime } from "./common";
import { OrderEventSchema } from "./orders";

const IdSchema = z.string().min(1).max(64);

/** Text that PostgreSQL can store: no NUL characters (everything else is kept as written). */
const StorableText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters");

// ---------------------------------------------------------------------------------------------
// Conversations and messages

export const OpenConversationBodySchema = z.strictObject({
  username: z.string().min(1).max(60),
  /** The gig the conversation is about (a gig of either participant); shown above the thread. */
  gigId: IdSchema.optional(),
});
export type OpenConversationBody = z.infer<typeof OpenConversationBodySchema>;

export const ConversationParamsSchema = z.strictObject({ id: IdSchema });

/** A file attached to a message: readable by the two participants only. */
export const MessageFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  url: z.string(),
});

export const MessageFlagSchema = z.enum(["off_platform_contact"]);

/**
 * A message. `body` is plain text exactly as written: clients render it as text, never as HTML.
 * `readAt` is when the recipient read it (a read receipt), null until then. `warning` is the text
 * both participants are shown under a flagged message.
 */
export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  sender: z.object({ username: z.string() }),
  body: z.string(),
  files: z.array(MessageFileSchema),
  flags: z.array(MessageFlagSchema),
  warning: z.string().nullable(),
  orderId: z.string().nullable(),
  /** A custom offer message: the offer shows as a card (`GET /api/offers/:id`), not as text. */
  offerId: z.string().nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type Message = z.infer<typeof MessageSchema>;

export const SendMessageBodySchema = z.strictObject({
  body: StorableText(5000),
  fileIds: z.array(IdSchema).max(10).default([]),
  /** An order between the two participants: the message also shows in that order's timeline. */
  orderId: IdSchema.optional(),
});
export type SendMessageBody = z.infer<typeof SendMessageBodySchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  /** The other participant. */
  participant: z.object({ username: z.string(), displayName: z.string(), isSeller: z.boolean() }),
  gig: z.object({ id: z.string(), title: z.string() }).nullable(),
  lastMessage: MessageSchema.nullable(),
  /** Messages to the caller that the caller has not read. */
  unreadCount: z.number().int(),
  createdAt: IsoDateTime,
  /** The time of the last message (or of the creation): the inbox is sorted by it, newest first. */
  lastActivityAt: IsoDateTime,
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

export const ConversationPageSchema = z.object({
  data: z.array(ConversationSchema),
  nextCursor: z.string().nullable(),
  /** Unread messages over all the caller's conversations (the inbox badge). */
  unreadTotal: z.number().int(),
});

/**
 * Without `after`: the newest messages first, `nextCursor` pages to older ones.
 * With `after` (a message id): the messages after that one, oldest first (catch-up after a
 * reconnect); `nextCursor` is then the `after` to ask for the next batch.
 */
export const MessageListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
  after: IdSchema.optional(),
});

export const MessagePageSchema = z.object({
  data: z.array(MessageSchema),
  nextCursor: z.string().nullable(),
});

/** Marks the caller's received messages read, all of them or those up to `upTo` (a message id). */
export const MarkConversationReadBodySchema = z.strictObject({ upTo: IdSchema.optional() });

export const ConversationReadSchema = z.object({
  conversationId: z.string(),
  /** How many messages this call marked read. */
  marked: z.number().int(),
  readAt: IsoDateTime,
  unreadCount: z.number().int(),
});

// ---------------------------------------------------------------------------------------------
// Order timeline: the order's events and its messages, in time order

export const TimelineItemSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("event"), at: IsoDateTime, event: OrderEventSchema }),
  z.object({ type: z.literal("message"), at: IsoDateTime, message: MessageSchema }),
]);
export type TimelineItem = z.infer<typeof TimelineItemSchema>;

export const OrderTimelineSchema = z.object({
  orderId: z.string(),
  /** The buyer–seller conversation to post order messages to (with `orderId`), null before the first. */
  conversationId: z.string().nullable(),
  data: z.array(TimelineItemSchema),
});
export type OrderTimeline = z.infer<typeof OrderTimelineSchema>;

// ---------------------------------------------------------------------------------------------
// Notifications

export const NotificationCategorySchema = z.enum(["orders", "messages", "reviews", "account", "safety"]);
export type NotificationCategory = z.infer<typeof NotificationCategorySchema>;

export const NotificationSchema = z.object({
  id: z.string(),
  /** What happened, e.g. `order_delivered`, `message_received`, `off_platform_warning`. */
  kind: z.string(),
  category: NotificationCategorySchema,
  /** Plain text, never HTML. */
  title: z.string(),
  body: z.string().nullable(),
  /** Where the web app should go, e.g. `/orders/ord_…` or `/inbox/cnv_…`. */
  link: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  /** How many events this notification stands for (new messages in one conversation are grouped). */
  count: z.number().int(),
  readAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
  unread: z.enum(["true", "false"]).optional(),
});

export const NotificationPageSchema = z.object({
  data: z.array(NotificationSchema),
  nextCursor: z.string().nullable(),
  /** The bell's badge. */
  unreadCount: z.number().int(),
});

export const MarkNotificationsReadBodySchema = z
  .strictObject({
    ids: z.array(IdSchema).min(1).max(100).optional(),
    all: z.literal(true).optional(),
  })
  .refine((b) => (b.ids === undefined) !== (b.all === undefined), "send either ids or all: true");

export const MarkNotificationsReadSchema = z.object({
  marked: z.number().int(),
  unreadCount: z.number().int(),
});

export const NotificationPreferenceSchema = z.object({
  category: NotificationCategorySchema,
  inApp: z.boolean(),
  email: z.boolean(),
});

export const NotificationPreferencesSchema = z.object({ data: z.array(NotificationPreferenceSchema) });

export const UpdateNotificationPreferencesBodySchema = z.strictObject({
  data: z
    .array(
      z.strictObject({
        category: NotificationCategorySchema,
        inApp: z.boolean().optional(),
        email: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(10),
});

/** An e-mail kept in the development mailbox (no SMTP_URL). */
export const MailboxEmailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(["pending", "sent", "local", "failed"]),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
});

/**
 * Test mode's `GET /api/test/mailbox?to=`: every e-mail the server wrote to an address, newest
 * first, whether or not it has left yet. `sentAt` is when it left, or when it was written while
 * it waits in the outbox.
 */
export const TestMailboxSchema = z.object({
  data: z.array(z.object({ to: z.string(), subject: z.string(), text: z.string(), sentAt: IsoDateTime })),
});
export type TestMailbox = z.infer<typeof TestMailboxSchema>;

// ---------------------------------------------------------------------------------------------
// Real time: frames on GET /api/ws

/** Types of the frames the server pushes; `data` of each is described in API.md section 6. */
export const RealtimeFrameTypeSchema = z.enum([
  "hello",
  "pong",
  "message.created",
  "conversation.read",
  "order.updated",
  "offer.updated",
  "notification.created",
  "resync",
]);
export type RealtimeFrameType = z.infer<typeof RealtimeFrameTypeSchema>;

export const RealtimeFrameSchema = z.object({
  type: RealtimeFrameTypeSchema,
  data: z.record(z.string(), z.unknown()),
});
export type RealtimeFrame = z.infer<typeof RealtimeFrameSchema>;

/** What a client may send: `{ "type": "ping" }`, answered with `{ "type": "pong" }`. */
export const RealtimeClientFrameSchema = z.strictObject({ type: z.literal("ping") });
