import type { NotificationCategory } from "@atelier/contracts";
import { columns, one, type Queryable } from "../../db/client";

export interface NotificationRow {
  id: string;
  seq: number;
  user_id: string;
  kind: string;
  category: NotificationCategory;
  title: string;
  body: string | null;
  link: string | null;
  data: Record<string, unknown>;
  group_key: string | null;
  count: number;
  read_at: Date | null;
  created_at: Date;
}

export interface EmailRow {
  id: string;
  user_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  status: "pending" | "sent" | "local" | "failed";
  attempts: number;
  created_at: Date;
  sent_at: Date | null;
}

/** What a new notification is written with. */
export interface NewNotification {
  id: string;
  userId: string;
  kind: string;
  category: NotificationCategory;
  title: string;
  body: string | null;
  link: string | null;
  data: Record<string, unknown>;
}

const COLUMNS =
  "id, seq, user_id, kind, category, title, body, link, data, group_key, count, read_at, created_at";

/**
 * The user's unread count as it was before the statement: the counter triggers move
 * (migration 0017) run once the statement is done, after RETURNING. +1 after an insert, unchanged
 * after bumping an unread group.
 */
const UNREAD_BEFORE = `COALESCE((SELECT c.unread FROM notification_counters c WHERE c.user_id = notifications.user_id), 0)
  AS unread_before`;

/** The only place the notifications module's SQL lives. */
export function createNotificationsRepository(db: Queryable) {
  return {
    async preferences(userIds: readonly string[]) {
      return db.query<{ user_id: string; category: NotificationCategory; in_app: boolean; email: boolean }>(
        "SELECT user_id, category, in_app, email FROM notification_preferences WHERE user_id = ANY($1::text[])",
        [userIds],
      );
    },

    async savePreference(p: {
      userId: string;
      category: NotificationCategory;
      inApp: boolean;
      email: boolean;
      now: Date;
    }): Promise<void> {
      await db.query(
        `INSERT INTO notification_preferences (user_id, category, in_app, email, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id, category) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at`,
        [p.userId, p.category, p.inApp, p.email, p.now],
      );
    },

    /** The user's unread notification of a group, locked for the rest of the transaction. */
    findOpenGroup: (userId: string, groupKey: string) =>
      one<NotificationRow>(
        db,
        `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND group_key = $2 AND read_at IS NULL FOR UPDATE`,
        [userId, groupKey],
      ),

    /** Inserts a notification; undefined when a concurrent event just opened the same group. */
    insert: (n: NewNotification & { groupKey: string | null; now: Date }) =>
      one<NotificationRow & { unread_before: number }>(
        db,
        `INSERT INTO notifications (id, user_id, kind, category, title, body, link, data, group_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
         ON CONFLICT (user_id, group_key) WHERE read_at IS NULL AND group_key IS NOT NULL DO NOTHING
         RETURNING ${COLUMNS}, ${UNREAD_BEFORE}`,
        [
          n.id,
          n.userId,
          n.kind,
          n.category,
          n.title,
          n.body,
          n.link,
          JSON.stringify(n.data),
          n.groupKey,
          n.now,
        ],
      ),

    /**
     * Notifications that join no group, with their e-mails, in one statement however many: each
     * recipient's preference for the category (or the category's default) decides whether the
     * notification is kept in the app and whether it is mailed; suspended users get nothing.
     * Returns the notifications written; each row's `unread_before` is the user's unread count
     * before the statement (rows of the same statement do not see each other).
     */
    insertUngrouped: (
      rows: readonly (NewNotification & {
        emailId: string;
        subject: string;
        text: string;
        defaults: { inApp: boolean; email: boolean };
      })[],
      now: Date,
    ) =>
      db.query<NotificationRow & { unread_before: number }>(
        `WITH d AS (
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::boolean[])
             WITH ORDINALITY AS d(id, email_id, user_id, kind, category, title, body, link, data, subject, text_body,
                                  default_in_app, default_email, n)
         ), r AS (
           SELECT d.*, u.email AS address, COALESCE(p.in_app, d.default_in_app) AS in_app,
                  COALESCE(p.email, d.default_email) AS email_on
           FROM d JOIN users u ON u.id = d.user_id AND u.suspended_at IS NULL
             LEFT JOIN notification_preferences p ON p.user_id = d.user_id AND p.category = d.category
         ), kept AS (
           INSERT INTO notifications (id, user_id, kind, category, title, body, link, data, group_key, created_at)
           SELECT id, user_id, kind, category, title, body, link, data::jsonb, NULL, $14 FROM r WHERE in_app ORDER BY n
           RETURNING ${COLUMNS}, ${UNREAD_BEFORE}
         ), mailed AS (
           -- One e-mail per notification (or per event, for a user who turned the in-app one off).
           INSERT INTO email_outbox (id, user_id, notification_id, to_address, subject, text_body, status, created_at,
             next_attempt_at)
           SELECT email_id, user_id, CASE WHEN in_app THEN id END, address, subject, text_body, 'pending', $14, $14
           FROM r WHERE email_on ORDER BY n
         )
         SELECT * FROM kept`,
        [
          ...columns(rows, (r) => [
            r.id,
            r.emailId,
            r.userId,
            r.kind,
            r.category,
            r.title,
            r.body,
            r.link,
            JSON.stringify(r.data),
            r.subject,
            r.text,
            r.defaults.inApp,
            r.defaults.email,
          ]),
          now,
        ],
      ),

    /** One more event in an unread group: new text, a higher count, and back to the top of the list. */
    bumpGroup: (
      id: string,
      n: {
        title: string;
        body: string | null;
        link: string | null;
        data: Record<string, unknown>;
        now: Date;
      },
    ) =>
      one<NotificationRow & { unread_before: number }>(
        db,
        `UPDATE notifications SET title = $2, body = $3, link = $4, data = $5::jsonb, created_at = $6, count = count + 1,
           seq = nextval(pg_get_serial_sequence('notifications', 'seq'))
         WHERE id = $1 RETURNING ${COLUMNS}, ${UNREAD_BEFORE}`,
        [id, n.title, n.body, n.link, JSON.stringify(n.data), n.now],
      ),

    list: (userId: string, p: { beforeSeq: number | null; unreadOnly: boolean; limit: number }) =>
      db.query<NotificationRow>(
        `SELECT ${COLUMNS} FROM notifications
         WHERE user_id = $1 AND ($2::bigint IS NULL OR seq < $2) AND (NOT $3 OR read_at IS NULL)
         ORDER BY seq DESC LIMIT $4`,
        [userId, p.beforeSeq, p.unreadOnly, p.limit],
      ),

    async unreadCount(userId: string): Promise<number> {
      // Kept by triggers on every insert, read and deletion of a notification (migration 0017).
      const rows = await db.query<{ n: number }>(
        "SELECT unread AS n FROM notification_counters WHERE user_id = $1",
        [userId],
      );
      return rows[0]?.n ?? 0;
    },

    /** Marks the user's notifications read (ids of other users' notifications change nothing). */
    async markRead(userId: string, ids: readonly string[] | null, now: Date): Promise<number> {
      const rows = await db.query(
        `UPDATE notifications SET read_at = $3
         WHERE user_id = $1 AND read_at IS NULL AND ($2::text[] IS NULL OR id = ANY($2::text[])) RETURNING id`,
        [userId, ids, now],
      );
      return rows.length;
    },

    async markGroupRead(userId: string, groupKey: string, now: Date): Promise<number> {
      const rows = await db.query(
        "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND group_key = $2 AND read_at IS NULL RETURNING id",
        [userId, groupKey, now],
      );
      return rows.length;
    },

    /** Recipients with their address and their preference rows for one category (null: the default). */
    recipients: (userIds: readonly string[], category: NotificationCategory) =>
      db.query<{
        id: string;
        email: string;
        suspended: boolean;
        in_app: boolean | null;
        email_on: boolean | null;
      }>(
        `SELECT u.id, u.email, u.suspended_at IS NOT NULL AS suspended, p.in_app, p.email AS email_on
         FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.category = $2
         WHERE u.id = ANY($1::text[])`,
        [userIds, category],
      ),

    /** Queues e-mails, in one statement however many (deferred: it travels with the transaction). */
    async insertEmails(
      emails: readonly {
        id: string;
        userId: string;
        notificationId: string | null;
        to: string;
        subject: string;
        text: string;
        now: Date;
      }[],
    ): Promise<void> {
      if (emails.length === 0) return;
      await db.defer(
        `INSERT INTO email_outbox (id, user_id, notification_id, to_address, subject, text_body, status, created_at,
           next_attempt_at)
         SELECT id, user_id, notification_id, to_address, subject, text_body, 'pending', created_at, created_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
           WITH ORDINALITY AS e(id, user_id, notification_id, to_address, subject, text_body, created_at, n)
         ORDER BY n`,
        columns(emails, (e) => [e.id, e.userId, e.notificationId, e.to, e.subject, e.text, e.now]),
      );
    },

    /** Pending e-mails that are due, locked (other drains skip them), oldest first. */
    lockDueEmails: (now: Date, limit: number) =>
      db.query<EmailRow>(
        `SELECT id, user_id, to_address, subject, text_body, status, attempts, created_at, sent_at
         FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, seq LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      ),

    /** Claims e-mails for one drain: none is due again before `until` (unless it fails sooner). */
    async claimEmails(ids: readonly string[], until: Date): Promise<void> {
      await db.defer("UPDATE email_outbox SET next_attempt_at = $2 WHERE id = ANY($1::text[])", [ids, until]);
    },

    async emailsDone(ids: readonly string[], status: "sent" | "local", now: Date): Promise<void> {
      await db.defer(
        "UPDATE email_outbox SET status = $2, sent_at = $3, attempts = attempts + 1 WHERE id = ANY($1::text[]) AND status = 'pending'",
        [ids, status, now],
      );
    },

    /** A failed attempt: tried again at `retryAt`, or failed for good when that is null. */
    async emailFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
      await db.defer(
        `UPDATE email_outbox SET attempts = attempts + 1, last_error = $2,
           status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE status END, next_attempt_at = $3
         WHERE id = $1 AND status = 'pending'`,
        [id, error.slice(0, 500), retryAt],
      );
    },

    listEmails: (p: { to: string | null; limit: number }) =>
      db.query<EmailRow>(
        `SELECT id, user_id, to_address, subject, text_body, status, attempts, created_at, sent_at FROM email_outbox
         WHERE ($1::text IS NULL OR lower(to_address) = lower($1)) ORDER BY seq DESC LIMIT $2`,
        [p.to, p.limit],
      ),
  };
}
