import type { Queryable } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import { notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { isParticipant, otherParticipant, pairOf, toMessage } from "./messaging.models";
import { createMessagingRepository } from "./messaging.repository";

type Deps = Pick<AppDeps, "config" | "events">;

/** How much of an offer's title a notification quotes. */
const PREVIEW_CHARS = 140;

/**
 * The two participants of a conversation, for a module that puts something into it (an offer):
 * undefined when `userId` is not one of them, so the caller answers 404 to strangers.
 */
export async function conversationParties(
  q: Queryable,
  p: { conversationId: string; userId: string },
): Promise<{ id: string; otherId: string; gigId: string | null } | undefined> {
  const conversation = await createMessagingRepository(q).find(p.conversationId);
  if (!conversation || !isParticipant(conversation, p.userId)) return undefined;
  return {
    id: conversation.id,
    otherId: otherParticipant(conversation, p.userId),
    gigId: conversation.gig_id,
  };
}

/**
 * Opens (or returns) the conversation of a seller with a buyer who invited them: a brief the seller
 * was matched to. The caller has checked the invitation; this is the one path by which a seller
 * starts a conversation with someone who is not a seller (messaging's cold-message rule).
 */
export async function openInvitedConversation(
  tx: Queryable,
  p: { sellerId: string; buyerId: string; gigId: string; now: Date },
): Promise<string> {
  const repo = createMessagingRepository(tx);
  const { userA, userB } = pairOf(p.sellerId, p.buyerId);
  const existing = await repo.findByPair(userA, userB);
  if (existing) return existing.id;
  const inserted = await repo.insertConversation({
    id: newId("cnv"),
    userA,
    userB,
    openedBy: p.sellerId,
    gigId: p.gigId,
    now: p.now,
  });
  const id = inserted?.id ?? (await repo.findByPair(userA, userB))?.id;
  if (!id) throw notFound("conversation");
  return id;
}

/**
 * Posts an offer into its conversation as a message of its own kind (`offerId` set, the title as
 * its text), inside the caller's transaction: the recipient is notified and both sides' open
 * pages receive it live, as any message.
 */
export async function postOfferMessage(
  deps: Deps,
  tx: Queryable,
  p: {
    conversationId: string;
    sender: { id: string; username: string };
    recipientId: string;
    offerId: string;
    text: string;
    now: Date;
  },
): Promise<string> {
  const messageId = newId("msg");
  await createMessagingRepository(tx).insertMessage({
    id: messageId,
    conversationId: p.conversationId,
    senderId: p.sender.id,
    recipientId: p.recipientId,
    body: p.text,
    orderId: null,
    offerId: p.offerId,
    flags: [],
    now: p.now,
  });
  const message = toMessage(
    {
      id: messageId,
      seq: 0,
      conversation_id: p.conversationId,
      sender_id: p.sender.id,
      sender_username: p.sender.username,
      recipient_id: p.recipientId,
      body: p.text,
      order_id: null,
      offer_id: p.offerId,
      flags: [],
      created_at: p.now,
      read_at: null,
    },
    [],
    deps.config.messaging.offPlatformWarning,
  );
  await deps.events.emit(
    tx,
    {
      type: "message.created",
      userIds: [p.sender.id, p.recipientId],
      data: {
        conversationId: p.conversationId,
        messageId,
        senderId: p.sender.id,
        recipientId: p.recipientId,
        senderUsername: p.sender.username,
        orderId: null,
        preview: p.text.slice(0, PREVIEW_CHARS),
        message,
      },
    },
    p.now,
  );
  return messageId;
}
