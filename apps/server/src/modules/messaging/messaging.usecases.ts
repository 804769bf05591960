import type { Conversation, Message, SendMessageBody } from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import type { Queryable } from "../../db/client";
import { conflict, forbidden, notFound, rateLimited, validationFailed } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { hitBucket } from "../../platform/rate-limit";
import { findOwnedFiles, linkFiles } from "../files/files.public";
import {
  decodeSeqCursor,
  decodeTimeCursor,
  encodeCursor,
  filesByMessage,
  isParticipant,
  OFF_PLATFORM_FLAG,
  otherParticipant,
  pairOf,
  reportWindowStart,
  toMessage,
} from "./messaging.models";
import { detectOffPlatform } from "./messaging.offplatform";
import { createMessagingRepository, type ConversationViewRow, type MessageRow } from "./messaging.repository";

import { mergeTimeline, type OrderEvent } from "./messaging.timeline";

export type { OrderEvent };

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "events">;

/** NOTIFY payloads are capped (8000 bytes): a long message travels as ids, and clients fetch it. */
const MAX_PUSHED_MESSAGE_BYTES = 6000;
/** How much of a message a notification (and its e-mail) quotes. */
const PREVIEW_CHARS = 140;

async function messagesWithFiles(
  q: Queryable,
  rows: readonly MessageRow[],
  warning: string,
): Promise<Message[]> {
  const files = filesByMessage(await createMessagingRepository(q).filesOf(rows.map((r) => r.id)));
  return rows.map((row) => toMessage(row, files.get(row.id) ?? [], warning));
}

async function toConversations(
  q: Queryable,
  views: readonly ConversationViewRow[],
  warning: string,
): Promise<Conversation[]> {
  const lastIds = views.map((v) => v.last_message_id).filter((id): id is string => id !== null);
  const last = new Map(
    (await messagesWithFiles(q, await createMessagingRepository(q).messagesByIds(lastIds), warning)).map(
      (m) => [m.id, m],
    ),
  );
  return views.map((v) => ({
    id: v.id,
    participant: {
      username: v.other_username,
      displayName: v.other_display_name,
      isSeller: v.other_is_seller,
    },
    gig: v.gig_id && v.gig_title !== null ? { id: v.gig_id, title: v.gig_title } : null,
    lastMessage: (v.last_message_id && last.get(v.last_message_id)) || null,
    unreadCount: v.unread_count,
    createdAt: v.created_at.toISOString(),
    lastActivityAt: v.last_activity_at.toISOString(),
  }));
}

async function conversationFor(
  q: Queryable,
  conversationId: string,
  userId: string,
  warning: string,
): Promise<Conversation> {
  const view = await createMessagingRepository(q).findView(conversationId, userId);
  if (!view) throw notFound("conversation");
  const [conversation] = await toConversations(q, [view], warning);
  if (!conversation) throw notFound("conversation");
  return conversation;
}

/**
 * Opens (or returns) the one conversation between the caller and `username`. Anyone may open one
 * with a seller; opening one with a user who is not a seller is refused (403) unless the two already
 * share an order. An existing conversation is returned whoever the other user is.
 */
export async function openConversation(
  deps: Deps,
  p: { userId: string; username: string; gigId?: string },
): Promise<{ conversation: Conversation; created: boolean }> {
  const now = deps.clock.now();
  const warning = deps.config.messaging.offPlatformWarning;
  const other = await createMessagingRepository(deps.db).findCounterpart(p.username);
  if (!other) throw notFound("user");
  if (other.id === p.userId)
    throw validationFailed([{ path: "username", message: "is you: you cannot message yourself" }]);
  const { userA, userB } = pairOf(p.userId, other.id);

  let gigId: string | null = null;
  if (p.gigId !== undefined) {
    const gig = await createMessagingRepository(deps.db).findGig(p.gigId);
    const visible = gig && (gig.status === "active" || gig.seller_id === p.userId);
    if (!gig || !visible || (gig.seller_id !== other.id && gig.seller_id !== p.userId)) {
      throw validationFailed([{ path: "gigId", message: "is not a gig of either participant" }]);
    }
    gigId = gig.id;
  }

  const existing = await createMessagingRepository(deps.db).findByPair(userA, userB);
  if (existing) {
    if (gigId && existing.gig_id !== gigId)
      await createMessagingRepository(deps.db).setGig(existing.id, gigId);
    return { conversation: await conversationFor(deps.db, existing.id, p.userId, warning), created: false };
  }

  if (!other.is_seller && !(await createMessagingRepository(deps.db).shareAnOrder(p.userId, other.id))) {
    throw forbidden("You can only start a conversation with a seller.", "recipient_not_seller");
  }
  const cfg = deps.config.messaging;
  const bucket = await hitBucket(deps.db, `conversations:${p.userId}`, cfg.newConversationWindowSeconds, now);
  if (bucket.count > cfg.newConversationsPerWindow) {
    throw rateLimited(bucket.resetsIn, "You have started too many conversations; try again later.");
  }
  const inserted = await createMessagingRepository(deps.db).insertConversation({
    id: newId("cnv"),
    userA,
    userB,
    openedBy: p.userId,
    gigId,
    now,
  });
  // A concurrent request of the pair may have inserted it first: theirs is the conversation.
  const id = inserted?.id ?? (await createMessagingRepository(deps.db).findByPair(userA, userB))?.id;
  if (!id) throw conflict("The conversation could not be opened; try again.");
  return {
    conversation: await conversationFor(deps.db, id, p.userId, warning),
    created: inserted !== undefined,
  };
}

/** The caller's conversations, latest activity first, with the last message and unread counts. */
export async function listConversations(deps: Deps, p: { userId: string; limit: number; cursor?: string }) {
  const before = p.cursor === undefined ? null : decodeTimeCursor(p.cursor);
  if (p.cursor !== undefined && !before)
    throw validationFailed([{ path: "cursor", message: "is not a valid cursor" }]);
  const views = await createMessagingRepository(deps.db).listViews(p.userId, before, p.limit + 1);
  const page = views.slice(0, p.limit);
  const last = page.at(-1);
  return {
    data: await toConversations(deps.db, page, deps.config.messaging.offPlatformWarning),
    nextCursor:
      views.length > p.limit && last ? encodeCursor([last.last_activity_at.toISOString(), last.id]) : null,
    unreadTotal: await createMessagingRepository(deps.db).unreadTotal(p.userId),
  };
}

/** One conversation of the caller (404 for anyone else). */
export async function getConversation(
  deps: Deps,
  p: { userId: string; conversationId: string },
): Promise<Conversation> {
  return conversationFor(deps.db, p.conversationId, p.userId, deps.config.messaging.offPlatformWarning);
}

async function participantConversation(q: Queryable, conversationId: string, userId: string) {
  const conversation = await createMessagingRepository(q).find(conversationId);
  if (!conversation || !isParticipant(conversation, userId)) throw notFound("conversation");
  return conversation;
}

/**
 * A page of the conversation's messages: newest first (then `nextCursor` pages back in time), or,
 * with `after`, the messages that followed that one, oldest first (catch-up after a reconnect).
 */
export async function listMessages(
  deps: Deps,
  p: { userId: string; conversationId: string; limit: number; cursor?: string; after?: string },
): Promise<{ data: Message[]; nextCursor: string | null }> {
  const conversation = await participantConversation(deps.db, p.conversationId, p.userId);
  const warning = deps.config.messaging.offPlatformWarning;
  if (p.after !== undefined) {
    const anchor = await createMessagingRepository(deps.db).findMessage(p.after);
    if (!anchor || anchor.conversation_id !== conversation.id) {
      throw validationFailed([{ path: "after", message: "is not a message of this conversation" }]);
    }
    const rows = await createMessagingRepository(deps.db).listAfter(conversation.id, anchor.seq, p.limit + 1);
    const page = rows.slice(0, p.limit);
    const last = page.at(-1);
    return {
      data: await messagesWithFiles(deps.db, page, warning),
      nextCursor: rows.length > p.limit && last ? last.id : null,
    };
  }
  const beforeSeq = p.cursor === undefined ? null : decodeSeqCursor(p.cursor);
  if (p.cursor !== undefined && beforeSeq === null)
    throw validationFailed([{ path: "cursor", message: "is not a valid cursor" }]);
  const rows = await createMessagingRepository(deps.db).listBefore(conversation.id, beforeSeq, p.limit + 1);
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  return {
    data: await messagesWithFiles(deps.db, page, warning),
    nextCursor: rows.length > p.limit && last ? encodeCursor([last.seq]) : null,
  };
}

/**
 * Sends a message: rate-limited per sender, attachments must be the sender's own uploads, an
 * `orderId` must name an order between the two participants. A message that looks like an attempt
 * to move off the platform is flagged (both sides see the warning), and the sender's third flagged
 * message within the report window opens an admin report.
 */
export async function sendMessage(
  deps: Deps,
  p: { sender: { id: string; username: string }; conversationId: string; body: SendMessageBody },
): Promise<Message> {
  const cfg = deps.config.messaging;
  const now = deps.clock.now();
  const detection = detectOffPlatform(p.body.body);
  const flags = detection.flagged ? [OFF_PLATFORM_FLAG] : [];
  const senderId = p.sender.id;

  return deps.db.transaction(async (tx) => {
    // Not found before rate-limited: a stranger learns nothing. A refused send rolls its count back.
    const conversation = await participantConversation(tx, p.conversationId, senderId);
    const bucket = await hitBucket(tx, `messages:${senderId}`, cfg.messageWindowSeconds, now);
    if (bucket.count > cfg.messagesPerWindow) {
      throw rateLimited(
        bucket.resetsIn,
        `At most ${cfg.messagesPerWindow} messages per minute; try again shortly.`,
      );
    }
    const recipientId = otherParticipant(conversation, senderId);

    const fileIds = [...new Set(p.body.fileIds)];
    const files = await findOwnedFiles(tx, senderId, fileIds);
    if (files.length < fileIds.length) {
      const owned = new Set(files.map((f) => f.id));
      throw validationFailed(
        p.body.fileIds
          .map((id, i) => ({ id, i }))
          .filter(({ id }) => !owned.has(id))
          .map(({ i }) => ({ path: `fileIds.${i}`, message: "is not a file you uploaded" })),
      );
    }

    let orderId: string | null = null;
    if (p.body.orderId !== undefined) {
      const parties = await createMessagingRepository(tx).findOrderParties(p.body.orderId);
      const pair = parties ? pairOf(parties.buyer_id, parties.seller_id) : null;
      if (!pair || pair.userA !== conversation.user_a_id || pair.userB !== conversation.user_b_id) {
        throw validationFailed([
          { path: "orderId", message: "is not an order between the two participants" },
        ]);
      }
      orderId = p.body.orderId;
    }

    const messageId = newId("msg");
    await createMessagingRepository(tx).insertMessage({
      id: messageId,
      conversationId: conversation.id,
      senderId,
      recipientId,
      body: p.body.body,
      orderId,
      flags,
      now,
    });
    await linkFiles(tx, fileIds, { type: "message", id: messageId }, now);
    const message = toMessage(
      {
        id: messageId,
        seq: 0,
        conversation_id: conversation.id,
        sender_id: senderId,
        sender_username: p.sender.username,
        recipient_id: recipientId,
        body: p.body.body,
        order_id: orderId,
        offer_id: null,
        flags,
        created_at: now,
        read_at: null,
      },
      files.map((f) => ({
        message_id: messageId,
        id: f.id,
        name: f.name,
        size: f.size,
        content_type: f.contentType,
      })),
      cfg.offPlatformWarning,
    );

    const pushed = Buffer.byteLength(JSON.stringify(message)) <= MAX_PUSHED_MESSAGE_BYTES;
    await deps.events.emit(
      tx,
      {
        type: "message.created",
        userIds: [senderId, recipientId],
        data: {
          conversationId: conversation.id,
          messageId,
          senderId,
          recipientId,
          senderUsername: p.sender.username,
          orderId,
          // Flagged text is not quoted in notifications or e-mails: it may hold contact details.
          preview: detection.flagged ? null : p.body.body.slice(0, PREVIEW_CHARS),
          ...(pushed ? { message } : {}),
        },
      },
      now,
    );
    if (detection.flagged) await escalate(deps, tx, { senderId, recipientId, message, now });
    return message;
  });
}

/** Warns both sides of a flagged message and opens (or feeds) the sender's admin report. */
async function escalate(
  deps: Deps,
  tx: Queryable,
  p: { senderId: string; recipientId: string; message: Message; now: Date },
): Promise<void> {
  const cfg = deps.config.messaging;
  await deps.events.emit(
    tx,
    {
      type: "message.flagged",
      userIds: [p.senderId, p.recipientId],
      data: {
        conversationId: p.message.conversationId,
        messageId: p.message.id,
        senderId: p.senderId,
        senderUsername: p.message.sender.username,
      },
    },
    p.now,
  );
  if (
    await createMessagingRepository(tx).appendToOpenReport(p.senderId, OFF_PLATFORM_FLAG, p.message.id, p.now)
  )
    return;
  const since = reportWindowStart(
    p.now,
    cfg.reportWindowSeconds,
    await createMessagingRepository(tx).lastClosedReportAt(p.senderId, OFF_PLATFORM_FLAG),
  );
  const evidence = await createMessagingRepository(tx).flaggedSince(p.senderId, since);
  if (evidence.length < cfg.reportThreshold) return;
  const report = await createMessagingRepository(tx).openReport({
    id: newId("rpt"),
    kind: OFF_PLATFORM_FLAG,
    userId: p.senderId,
    messageIds: evidence,
    now: p.now,
  });
  if (!report.created) return;
  await deps.events.emit(
    tx,
    {
      type: "report.opened",
      userIds: await createMessagingRepository(tx).adminIds(),
      data: { reportId: report.id, kind: OFF_PLATFORM_FLAG, subjectUsername: p.message.sender.username },
    },
    p.now,
  );
}

/** Marks the caller's received messages read (all, or up to `upTo`); the sender sees the receipts live. */
export async function markConversationRead(
  deps: Deps,
  p: { userId: string; conversationId: string; upTo?: string },
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const conversation = await participantConversation(tx, p.conversationId, p.userId);
    let upToSeq: number | null = null;
    if (p.upTo !== undefined) {
      const anchor = await createMessagingRepository(tx).findMessage(p.upTo);
      if (!anchor || anchor.conversation_id !== conversation.id) {
        throw validationFailed([{ path: "upTo", message: "is not a message of this conversation" }]);
      }
      upToSeq = anchor.seq;
    }
    const marked = await createMessagingRepository(tx).markRead(conversation.id, p.userId, upToSeq, now);
    if (marked > 0) {
      await deps.events.emit(
        tx,
        {
          type: "conversation.read",
          userIds: [p.userId, otherParticipant(conversation, p.userId)],
          data: {
            conversationId: conversation.id,
            readerId: p.userId,
            readAt: now.toISOString(),
            upTo: p.upTo ?? null,
          },
        },
        now,
      );
    }
    return {
      conversationId: conversation.id,
      marked,
      readAt: now.toISOString(),
      unreadCount: await createMessagingRepository(tx).unreadIn(conversation.id, p.userId),
    };
  });
}

/** The messages posted about an order, oldest first (the caller has checked who may see the order). */
export async function listOrderMessages(
  deps: Pick<Deps, "db" | "config">,
  p: { orderId: string },
): Promise<Message[]> {
  return messagesWithFiles(
    deps.db,
    await createMessagingRepository(deps.db).listOfOrder(p.orderId),
    deps.config.messaging.offPlatformWarning,
  );
}

/** The id of the conversation between an order's buyer and seller, if they have one. */
export async function conversationIdOfOrder(
  deps: Pick<Deps, "db">,
  p: { orderId: string },
): Promise<string | null> {
  const parties = await createMessagingRepository(deps.db).findOrderParties(p.orderId);
  if (!parties) return null;
  const { userA, userB } = pairOf(parties.buyer_id, parties.seller_id);
  return (await createMessagingRepository(deps.db).findByPair(userA, userB))?.id ?? null;
}

/** Whether `userId` may read files attached to the message (its sender and its recipient). */
export function canReadMessageFiles(
  q: Queryable,
  userId: string | null,
  messageId: string,
): Promise<boolean> {
  return userId === null
    ? Promise.resolve(false)
    : createMessagingRepository(q).isMessageParticipant(messageId, userId);
}

// ---- evidence for the admin report queue (the safety module)

/** Messages by id as report evidence, oldest first; unknown ids are left out. */
export async function reportEvidence(q: Queryable, messageIds: readonly string[]) {
  const rows = await createMessagingRepository(q).messagesByIds([...new Set(messageIds)]);
  return rows
    .sort((a, b) => a.seq - b.seq)
    .map((m) => ({
      messageId: m.id,
      conversationId: m.conversation_id,
      senderId: m.sender_id,
      recipientId: m.recipient_id,
      senderUsername: m.sender_username,
      body: m.body,
      flags: m.flags.filter((f): f is typeof OFF_PLATFORM_FLAG => f === OFF_PLATFORM_FLAG),
      createdAt: m.created_at.toISOString(),
    }));
}

/**
 * Replaces a message's text by an admin's removal notice (a report resolved by `remove`); the
 * message keeps its place in the conversation. Returns whether the message exists.
 */
export async function removeMessage(q: Queryable, p: { messageId: string; notice: string }) {
  return createMessagingRepository(q).replaceBody(p.messageId, p.notice);
}

/**
 * The order page's timeline from the order's events, which the caller read with the viewer's access
 * checked (orders' `listEvents` answers 404 to anyone but participants and admins). Messaging does not
 * import orders: the dependency goes orders → messaging. `conversationId` is where the participants
 * post order messages (with `orderId`).
 */
export async function orderTimeline(
  deps: Pick<Deps, "db" | "config">,
  p: { orderId: string; events: readonly OrderEvent[] },
) {
  const messages = await listOrderMessages(deps, { orderId: p.orderId });
  const conversationId = await conversationIdOfOrder(deps, { orderId: p.orderId });
  return { orderId: p.orderId, conversationId, data: mergeTimeline(p.events, messages) };
}
