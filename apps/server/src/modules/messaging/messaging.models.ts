import { parseCursor, SeqCursor, TimeIdCursor } from "../../platform/pagination";
import type { Message } from "@atelier/contracts";
import { fileUrl } from "../files/files.public";
import type { MessageFileRow, MessageRow } from "./messaging.repository";

export const OFF_PLATFORM_FLAG = "off_platform_contact";

/** A pair of users in the order the conversations table keeps them (one row per pair). */
export function pairOf(one: string, other: string): { userA: string; userB: string } {
  return one < other ? { userA: one, userB: other } : { userA: other, userB: one };
}

export function otherParticipant(
  conversation: { user_a_id: string; user_b_id: string },
  userId: string,
): string {
  return conversation.user_a_id === userId ? conversation.user_b_id : conversation.user_a_id;
}

export function isParticipant(
  conversation: { user_a_id: string; user_b_id: string },
  userId: string,
): boolean {
  return conversation.user_a_id === userId || conversation.user_b_id === userId;
}

/** The message as both participants see it; `body` is returned exactly as stored (plain text). */
export function toMessage(row: MessageRow, files: readonly MessageFileRow[], warning: string): Message {
  const flags = row.flags.filter((f): f is typeof OFF_PLATFORM_FLAG => f === OFF_PLATFORM_FLAG);
  return {
    id: row.id,
    conversationId: row.conversation_id,
    sender: { username: row.sender_username },
    body: row.body,
    files: files.map((f) => ({
      id: f.id,
      name: f.name,
      size: Number(f.size),
      contentType: f.content_type,
      url: fileUrl(f.id),
    })),
    flags,
    warning: flags.length > 0 ? warning : null,
    orderId: row.order_id,
    offerId: row.offer_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

/** Groups file rows by the message they are attached to. */
export function filesByMessage(rows: readonly MessageFileRow[]): Map<string, MessageFileRow[]> {
  const map = new Map<string, MessageFileRow[]>();
  for (const row of rows) {
    const list = map.get(row.message_id) ?? [];
    list.push(row);
    map.set(row.message_id, list);
  }
  return map;
}

/**
 * Where the count of flagged messages that may open a report starts: the report window, or the
 * closing of the user's last report if that is later (evidence an admin has judged counts once).
 */
export function reportWindowStart(now: Date, windowSeconds: number, lastClosedAt: Date | null): Date {
  const windowStart = new Date(now.getTime() - windowSeconds * 1000);
  return lastClosedAt && lastClosedAt > windowStart ? lastClosedAt : windowStart;
}

// Cursors are opaque to clients: the platform's one codec (platform/pagination.ts).
export { encodeCursor } from "../../platform/pagination";

/** A time-and-id cursor (newest-first lists), or null when it is not one this server wrote. */
export function decodeTimeCursor(cursor: string): { at: Date; id: string } | null {
  return parseCursor(cursor, TimeIdCursor);
}

/** A sequence cursor (messages). */
export function decodeSeqCursor(cursor: string): number | null {
  return parseCursor(cursor, SeqCursor);
}
