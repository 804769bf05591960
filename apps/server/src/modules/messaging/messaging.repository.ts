import { one, type Queryable } from "../../db/client";

export interface ConversationRow {
  id: string;
  user_a_id: string;
  user_b_id: string;
  opened_by: string;
  gig_id: string | null;
  last_message_id: string | null;
  last_activity_at: Date;
  created_at: Date;
}

/** A conversation as one participant lists it: the other participant, the gig, the unread count. */
export interface ConversationViewRow extends ConversationRow {
  other_username: string;
  other_display_name: string;
  other_is_seller: boolean;
  gig_title: string | null;
  unread_count: number;
}

export interface MessageRow {
  id: string;
  seq: number;
  conversation_id: string;
  sender_id: string;
  sender_username: string;
  recipient_id: string;
  body: string;
  order_id: string | null;
  offer_id: string | null;
  flags: string[];
  created_at: Date;
  read_at: Date | null;
}

export interface MessageFileRow {
  message_id: string;
  id: string;
  name: string;
  size: number;
  content_type: string;
}

export interface CounterpartRow {
  id: string;
  username: string;
  is_seller: boolean;
}

const CONVERSATION_COLUMNS =
  "c.id, c.user_a_id, c.user_b_id, c.opened_by, c.gig_id, c.last_message_id, c.last_activity_at, c.created_at";

const MESSAGE_COLUMNS =
  "m.id, m.seq, m.conversation_id, m.sender_id, s.username AS sender_username, m.recipient_id, m.body, m.order_id, m.offer_id, m.flags, m.created_at, m.read_at";

/** The only place the messaging module's SQL lives (conversations, messages, reports). */
export function createMessagingRepository(db: Queryable) {
  /** One participant's view of conversations: `$1` is the viewer's id. */
  const viewSelect = `
    SELECT ${CONVERSATION_COLUMNS},
           o.username AS other_username, o.display_name AS other_display_name, o.is_seller AS other_is_seller,
           g.title AS gig_title,
           (SELECT count(*)::int FROM messages u
             WHERE u.conversation_id = c.id AND u.recipient_id = $1 AND u.read_at IS NULL) AS unread_count
    FROM conversations c
    JOIN users o ON o.id = CASE WHEN c.user_a_id = $1 THEN c.user_b_id ELSE c.user_a_id END
    LEFT JOIN gigs g ON g.id = c.gig_id`;

  return {
    /** A user who may be messaged: suspended users are as good as absent. */
    findCounterpart: (username: string) =>
      one<CounterpartRow>(
        db,
        "SELECT id, username, is_seller FROM users WHERE username = $1 AND suspended_at IS NULL",
        [username],
      ),

    findGig: (gigId: string) =>
      one<{ id: string; seller_id: string; status: string }>(
        db,
        "SELECT id, seller_id, status FROM gigs WHERE id = $1",
        [gigId],
      ),

    /** Whether the two users are buyer and seller of some order, either way round. */
    async shareAnOrder(one: string, other: string): Promise<boolean> {
      const rows = await db.query<{ found: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM orders WHERE (buyer_id = $1 AND seller_id = $2) OR (buyer_id = $2 AND seller_id = $1)) AS found`,
        [one, other],
      );
      return rows[0]?.found ?? false;
    },

    findOrderParties: (orderId: string) =>
      one<{ buyer_id: string; seller_id: string }>(
        db,
        "SELECT buyer_id, seller_id FROM orders WHERE id = $1",
        [orderId],
      ),

    findByPair: (userA: string, userB: string) =>
      one<ConversationRow>(
        db,
        `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.user_a_id = $1 AND c.user_b_id = $2`,
        [userA, userB],
      ),

    /** Inserts the pair's conversation unless another request just did; undefined when it existed. */
    insertConversation: (c: {
      id: string;
      userA: string;
      userB: string;
      openedBy: string;
      gigId: string | null;
      now: Date;
    }) =>
      one<ConversationRow>(
        db,
        `INSERT INTO conversations (id, user_a_id, user_b_id, opened_by, gig_id, last_activity_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (user_a_id, user_b_id) DO NOTHING
         RETURNING id, user_a_id, user_b_id, opened_by, gig_id, last_message_id, last_activity_at, created_at`,
        [c.id, c.userA, c.userB, c.openedBy, c.gigId, c.now],
      ),

    async setGig(conversationId: string, gigId: string): Promise<void> {
      await db.query("UPDATE conversations SET gig_id = $2 WHERE id = $1", [conversationId, gigId]);
    },

    find: (id: string) =>
      one<ConversationRow>(db, `SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = $1`, [id]),

    /** The conversation as `userId` sees it, or undefined when it is not theirs. */
    findView: (id: string, userId: string) =>
      one<ConversationViewRow>(
        db,
        `${viewSelect} WHERE c.id = $2 AND (c.user_a_id = $1 OR c.user_b_id = $1)`,
        [userId, id],
      ),

    /** The user's conversations, latest activity first, after the `before` cursor. */
    listViews: (userId: string, before: { at: Date; id: string } | null, limit: number) =>
      db.query<ConversationViewRow>(
        `${viewSelect}
         WHERE (c.user_a_id = $1 OR c.user_b_id = $1)
           AND ($2::timestamptz IS NULL OR (c.last_activity_at, c.id) < ($2::timestamptz, $3::text))
         ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $4`,
        [userId, before?.at ?? null, before?.id ?? null, limit],
      ),

    async unreadTotal(userId: string): Promise<number> {
      const rows = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM messages WHERE recipient_id = $1 AND read_at IS NULL",
        [userId],
      );
      return rows[0]?.n ?? 0;
    },

    async insertMessage(m: {
      id: string;
      conversationId: string;
      senderId: string;
      recipientId: string;
      body: string;
      orderId: string | null;
      offerId?: string | null;
      flags: string[];
      now: Date;
    }): Promise<void> {
      await db.query(
        `INSERT INTO messages (id, conversation_id, sender_id, recipient_id, body, order_id, offer_id, flags, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          m.id,
          m.conversationId,
          m.senderId,
          m.recipientId,
          m.body,
          m.orderId,
          m.offerId ?? null,
          m.flags,
          m.now,
        ],
      );
      await db.query("UPDATE conversations SET last_message_id = $2, last_activity_at = $3 WHERE id = $1", [
        m.conversationId,
        m.id,
        m.now,
      ]);
    },

    findMessage: (id: string) =>
      one<MessageRow>(
        db,
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id WHERE m.id = $1`,
        [id],
      ),

    messagesByIds: (ids: readonly string[]) =>
      db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id WHERE m.id = ANY($1::text[]) ORDER BY m.seq`,
        [ids],
      ),

    /** Newest first, older than `beforeSeq` when given. */
    listBefore: (conversationId: string, beforeSeq: number | null, limit: number) =>
      db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id
         WHERE m.conversation_id = $1 AND ($2::bigint IS NULL OR m.seq < $2)
         ORDER BY m.seq DESC LIMIT $3`,
        [conversationId, beforeSeq, limit],
      ),

    /** Oldest first, newer than `afterSeq`. */
    listAfter: (conversationId: string, afterSeq: number, limit: number) =>
      db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id
         WHERE m.conversation_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3`,
        [conversationId, afterSeq, limit],
      ),

    /** The messages about one order, oldest first. */
    listOfOrder: (orderId: string) =>
      db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users s ON s.id = m.sender_id WHERE m.order_id = $1 ORDER BY m.seq`,
        [orderId],
      ),

    filesOf: (messageIds: readonly string[]) =>
      messageIds.length === 0
        ? Promise.resolve([])
        : db.query<MessageFileRow>(
            `SELECT l.subject_id AS message_id, f.id, f.name, f.size, f.content_type
             FROM file_links l JOIN files f ON f.id = l.file_id
             WHERE l.subject_type = 'message' AND l.subject_id = ANY($1::text[])
             ORDER BY f.created_at, f.id`,
            [messageIds],
          ),

    /** Marks `recipientId`'s unread messages of the conversation read, up to `upToSeq` when given. */
    async markRead(conversationId: string, recipientId: string, upToSeq: number | null, now: Date) {
      const rows = await db.query<{ id: string }>(
        `UPDATE messages SET read_at = $4
         WHERE conversation_id = $1 AND recipient_id = $2 AND read_at IS NULL AND ($3::bigint IS NULL OR seq <= $3)
         RETURNING id`,
        [conversationId, recipientId, upToSeq, now],
      );
      return rows.length;
    },

    async unreadIn(conversationId: string, userId: string): Promise<number> {
      const rows = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND recipient_id = $2 AND read_at IS NULL",
        [conversationId, userId],
      );
      return rows[0]?.n ?? 0;
    },

    /** Whether `userId` sent or received the message (file access for attachments). */
    async isMessageParticipant(messageId: string, userId: string): Promise<boolean> {
      const rows = await db.query<{ found: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM messages WHERE id = $1 AND (sender_id = $2 OR recipient_id = $2)) AS found",
        [messageId, userId],
      );
      return rows[0]?.found ?? false;
    },

    // ---- reports

    async flaggedSince(senderId: string, since: Date): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `SELECT id FROM messages WHERE sender_id = $1 AND cardinality(flags) > 0 AND created_at > $2 ORDER BY seq`,
        [senderId, since],
      );
      return rows.map((r) => r.id);
    },

    async lastClosedReportAt(userId: string, kind: string): Promise<Date | null> {
      const rows = await db.query<{ at: Date | null }>(
        "SELECT max(closed_at) AS at FROM reports WHERE subject_user_id = $1 AND kind = $2 AND status = 'closed'",
        [userId, kind],
      );
      return rows[0]?.at ?? null;
    },

    /** Adds evidence to the user's open report; undefined when there is none. */
    appendToOpenReport: (userId: string, kind: string, messageId: string, now: Date) =>
      one<{ id: string }>(
        db,
        `UPDATE reports SET evidence_message_ids = array_append(evidence_message_ids, $3), updated_at = $4
         WHERE subject_user_id = $1 AND kind = $2 AND status = 'open' AND NOT ($3 = ANY(evidence_message_ids))
         RETURNING id`,
        [userId, kind, messageId, now],
      ),

    /**
     * Opens a report, or (when a concurrent request just opened one) merges the evidence into it.
     * Returns whether this call created the report.
     */
    async openReport(r: {
      id: string;
      kind: string;
      userId: string;
      messageIds: readonly string[];
      now: Date;
    }): Promise<{ id: string; created: boolean }> {
      const rows = await db.query<{ id: string; created: boolean }>(
        `INSERT INTO reports (id, kind, subject_type, subject_id, subject_user_id, evidence_message_ids, status, created_at, updated_at)
         VALUES ($1, $2, 'user', $3, $3, $4, 'open', $5, $5)
         ON CONFLICT (kind, subject_user_id) WHERE status = 'open' AND kind = 'off_platform_contact' DO UPDATE SET
           evidence_message_ids = ARRAY(SELECT DISTINCT unnest(reports.evidence_message_ids || EXCLUDED.evidence_message_ids)),
           updated_at = EXCLUDED.updated_at
         RETURNING id, (id = $1) AS created`,
        [r.id, r.kind, r.userId, r.messageIds, r.now],
      );
      const row = rows[0];
      if (!row) throw new Error("report upsert returned nothing");
      return row;
    },

    async adminIds(): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        "SELECT id FROM users WHERE 'admin' = ANY(roles) AND suspended_at IS NULL ORDER BY id LIMIT 100",
      );
      return rows.map((r) => r.id);
    },

    replaceBody: async (id: string, body: string) =>
      (
        await db.query("UPDATE messages SET body = $2, flags = ARRAY[]::text[] WHERE id = $1 RETURNING id", [
          id,
          body,
        ])
      ).length > 0,
  };
}

export type MessagingRepository = ReturnType<typeof createMessagingRepository>;
