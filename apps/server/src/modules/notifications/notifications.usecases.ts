import type { NotificationCategory } from "@atelier/contracts";
import { decodeCursor, SeqCursor, toPage } from "../../platform/pagination";
import type { AppDeps } from "../../platform/deps";
import type { Queryable } from "../../db/client";
import type { DomainEvent, EventOf } from "../../platform/events";
import { newId } from "../../platform/ids";
import type { Mailer } from "./notifications.mailer";
import {
  CATEGORIES,
  DEFAULT_PREFERENCES,
  emailFor,
  NOTIFICATION_RULES,
  toNotification,
  type NotificationDraft,
  type NotificationRule,
} from "./notifications.models";
import { createNotificationsRepository, type NotificationRow } from "./notifications.repository";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "events">;
type Preferences = Record<NotificationCategory, { inApp: boolean; email: boolean }>;

async function preferencesOf(q: Queryable, userIds: readonly string[]): Promise<Map<string, Preferences>> {
  const map = new Map<string, Preferences>(userIds.map((id) => [id, structuredClone(DEFAULT_PREFERENCES)]));
  for (const row of await createNotificationsRepository(q).preferences(userIds)) {
    const prefs = map.get(row.user_id);
    if (prefs && CATEGORIES.includes(row.category))
      prefs[row.category] = { inApp: row.in_app, email: row.email };
  }
  return map;
}

/** Creates the notification, or adds the event to the user's unread notification of the same group. */
async function upsertNotification(
  tx: Queryable,
  rule: NotificationRule,
  event: DomainEvent,
  userId: string,
  at: Date,
): Promise<{ row: NotificationRow; draft: NotificationDraft; created: boolean; unread: number } | null> {
  const first = rule.render(event, userId, 1);
  if (!first) return null;
  const bump = async (existing: NotificationRow) => {
    const draft = rule.render(event, userId, existing.count + 1) ?? first;
    const row = await createNotificationsRepository(tx).bumpGroup(existing.id, { ...draft, now: at });
    return row ? { row, draft, created: false, unread: row.unread_before } : null;
  };
  if (first.groupKey) {
    const existing = await createNotificationsRepository(tx).findOpenGroup(userId, first.groupKey);
    if (existing) return bump(existing);
  }
  const row = await createNotificationsRepository(tx).insert({
    id: newId("ntf"),
    userId,
    category: rule.category,
    ...first,
    now: at,
  });
  if (row) return { row, draft: first, created: true, unread: row.unread_before + 1 };
  // A concurrent event opened the group between our look and our insert: join it.
  const existing = first.groupKey
    ? await createNotificationsRepository(tx).findOpenGroup(userId, first.groupKey)
    : undefined;
  return existing ? bump(existing) : null;
}

/**
 * The in-transaction subscriber for every event type of NOTIFICATION_RULES: writes each recipient's
 * notification (per their preferences), queues the e-mail for new ones, and pushes
 * `notification.created` to the recipient's open tabs when the transaction commits. The events of a
 * batch (one per order of a group-committed checkout) cost one read of the recipients, one insert
 * of the notifications that join no group and one of the e-mails, whatever their number.
 */
export async function notifyEvents(
  deps: Pick<Deps, "config" | "events">,
  tx: Queryable,
  events: readonly DomainEvent[],
  at: Date,
) {
  const pairs = events.flatMap((event) => {
    const rule = NOTIFICATION_RULES[event.type];
    return rule ? [...new Set(rule.recipients(event))].map((userId) => ({ event, rule, userId })) : [];
  });
  if (pairs.length === 0) return;
  const created: DomainEvent[] = [];
  const announce = (row: NotificationRow, unread: number) => created.push(createdEvent(row, unread));

  // Notifications that join no group: written with their e-mails in one statement, preferences and
  // suspensions applied by the database (no read first).
  const drafts = pairs.flatMap(({ event, rule, userId }) => {
    const draft = rule.render(event, userId, 1);
    return draft ? [{ rule, userId, draft, event }] : [];
  });
  const ungrouped = drafts.filter((d) => !d.draft.groupKey);
  if (ungrouped.length > 0) {
    // Sent without waiting for the answer (it may travel with the COMMIT); the pushes it feeds go
    // out once the transaction has committed. A failure is the transaction's to report.
    const written = createNotificationsRepository(tx).insertUngrouped(
      ungrouped.map(({ rule, userId, draft }) => {
        const { subject, text } = emailFor(draft, deps.config.notifications.publicUrl);
        return {
          id: newId("ntf"),
          emailId: newId("eml"),
          userId,
          category: rule.category,
          ...draft,
          subject,
          text,
          defaults: DEFAULT_PREFERENCES[rule.category],
        };
      }),
      at,
    );
    written.catch(() => undefined);
    tx.afterCommit(() => {
      void written.then(
        (rows) => {
          const pushes: DomainEvent[] = [];
          const earlier = new Map<string, number>();
          for (const row of rows.sort((a, b) => Number(a.seq) - Number(b.seq))) {
            // Rows of one statement do not see each other: the k-th for a user comes after k others.
            const k = earlier.get(row.user_id) ?? 0;
            earlier.set(row.user_id, k + 1);
            pushes.push(createdEvent(row, row.unread_before + k + 1));
          }
          deps.events.publishCommitted(pushes);
        },
        () => undefined,
      );
    });
  }

  // Grouped ones (messages of one conversation) join the user's unread group, one by one.
  const grouped = drafts.filter((d) => d.draft.groupKey);
  if (grouped.length > 0) {
    const addresses = new Map<
      string,
      Awaited<ReturnType<ReturnType<typeof createNotificationsRepository>["recipients"]>>[number]
    >();
    for (const category of new Set(grouped.map((g) => g.rule.category))) {
      const userIds = [...new Set(grouped.filter((g) => g.rule.category === category).map((g) => g.userId))];
      for (const row of await createNotificationsRepository(tx).recipients(userIds, category))
        addresses.set(`${category}:${row.id}`, row);
    }
    const emails: EmailDraft[] = [];
    for (const { event, rule, userId, draft } of grouped) {
      const address = addresses.get(`${rule.category}:${userId}`);
      if (!address || address.suspended) continue;
      const defaults = DEFAULT_PREFERENCES[rule.category];
      const pref = { inApp: address.in_app ?? defaults.inApp, email: address.email_on ?? defaults.email };
      if (!pref.inApp) {
        if (pref.email) emails.push({ userId, to: address.email, draft, notificationId: null });
        continue;
      }
      const result = await upsertNotification(tx, rule, event, userId, at);
      if (!result) continue;
      // One e-mail per notification: a group of messages mails once until the user reads it.
      if (pref.email && result.created) {
        emails.push({ userId, to: address.email, draft: result.draft, notificationId: result.row.id });
      }
      announce(result.row, result.unread);
    }
    await createNotificationsRepository(tx).insertEmails(
      emails.map((e) => {
        const { subject, text } = emailFor(e.draft, deps.config.notifications.publicUrl);
        return {
          id: newId("eml"),
          userId: e.userId,
          notificationId: e.notificationId,
          to: e.to,
          subject,
          text,
          now: at,
        };
      }),
    );
  }
  if (created.length > 0) await deps.events.emitMany(tx, created, at);
}

/** The live push of a new notification, with the user's unread count after it. */
function createdEvent(row: NotificationRow, unread: number): DomainEvent {
  return {
    type: "notification.created",
    userIds: [row.user_id],
    data: { notification: toNotification(row), unreadCount: unread },
  };
}

interface EmailDraft {
  userId: string;
  to: string;
  draft: NotificationDraft;
  notificationId: string | null;
}

/** Reading a conversation also reads its "new messages" notification. */
export async function onConversationRead(
  tx: Queryable,
  events: readonly EventOf<"conversation.read">[],
  at: Date,
): Promise<void> {
  for (const event of events) {
    const { readerId, conversationId } = event.data;
    if (typeof readerId !== "string" || typeof conversationId !== "string") continue;
    await createNotificationsRepository(tx).markGroupRead(readerId, `conversation:${conversationId}`, at);
  }
}

/** How many e-mails one drain transaction takes when they are only kept (no SMTP). */
const OUTBOX_BATCH = 100;
/**
 * How many e-mails one claim takes for SMTP, and for how long they are its own: sent one by one
 * (each bounded by the mailer's timeouts, 40 s at worst), a batch leaves well inside its claim.
 */
const SMTP_BATCH = 10;
const SMTP_CLAIM_SECONDS = 600;

/**
 * Drains the e-mail outbox (run by the job runner on every tick): due e-mails in batches, delivered
 * over SMTP or, without SMTP_URL, only kept in the outbox table (where the development mailbox reads
 * them). A failed delivery is tried again with a growing delay (30 s, 60 s, … at most an hour), then
 * marked failed. Returns how many it handled.
 *
 * SMTP never runs inside a transaction: a short one claims a batch (moves its next attempt past the
 * claim, so other drains leave it alone) and commits; the e-mails are then sent with nothing open
 * (on PGlite an open transaction holds the only connection, so every request would wait behind a
 * slow mail server), and each outcome is written on its own. A process that dies mid-batch leaves
 * its claimed e-mails pending: another drain sends them once the claim runs out (at least once).
 */
export async function drainOutbox(
  deps: Pick<Deps, "db" | "config" | "clock">,
  mailer: Mailer | undefined,
): Promise<number> {
  let handled = 0;
  for (;;) {
    const now = deps.clock.now();
    if (!mailer) {
      const n = await deps.db.transaction(async (tx) => {
        const emails = await createNotificationsRepository(tx).lockDueEmails(now, OUTBOX_BATCH);
        if (emails.length > 0)
          await createNotificationsRepository(tx).emailsDone(
            emails.map((e) => e.id),
            "local",
            now,
          );
        return emails.length;
      });
      handled += n;
      if (n < OUTBOX_BATCH) return handled;
      continue;
    }
    const claimed = await deps.db.transaction(async (tx) => {
      const emails = await createNotificationsRepository(tx).lockDueEmails(now, SMTP_BATCH);
      if (emails.length > 0)
        await createNotificationsRepository(tx).claimEmails(
          emails.map((e) => e.id),
          new Date(now.getTime() + SMTP_CLAIM_SECONDS * 1000),
        );
      return emails;
    });
    for (const email of claimed) {
      try {
        await mailer.send({ to: email.to_address, subject: email.subject, text: email.text_body });
        await createNotificationsRepository(deps.db).emailsDone([email.id], "sent", deps.clock.now());
      } catch (error) {
        const failedAt = deps.clock.now();
        const attempt = email.attempts + 1;
        const retryAt =
          attempt >= deps.config.notifications.emailMaxAttempts
            ? null
            : new Date(failedAt.getTime() + Math.min(3600, 30 * 2 ** (attempt - 1)) * 1000);
        await createNotificationsRepository(deps.db).emailFailed(
          email.id,
          error instanceof Error ? error.message : String(error),
          retryAt,
        );
      }
    }
    handled += claimed.length;
    if (claimed.length < SMTP_BATCH) return handled;
  }
}

/** The caller's notifications, newest first, with the unread count (the bell's badge). */
export async function listNotifications(
  deps: Pick<Deps, "db">,
  p: { userId: string; limit: number; cursor?: string; unreadOnly: boolean },
) {
  const beforeSeq = p.cursor !== undefined ? decodeCursor(p.cursor, SeqCursor) : null;
  const rows = await createNotificationsRepository(deps.db).list(p.userId, {
    beforeSeq,
    unreadOnly: p.unreadOnly,
    limit: p.limit + 1,
  });
  return {
    ...toPage(rows, p.limit, toNotification, (last) => [last.seq]),
    unreadCount: await createNotificationsRepository(deps.db).unreadCount(p.userId),
  };
}

/** Marks some (or all) of the caller's notifications read; other users' ids are ignored. */
export async function markNotificationsRead(
  deps: Pick<Deps, "db" | "clock">,
  p: { userId: string; ids: readonly string[] | null },
) {
  const marked = await createNotificationsRepository(deps.db).markRead(p.userId, p.ids, deps.clock.now());
  return { marked, unreadCount: await createNotificationsRepository(deps.db).unreadCount(p.userId) };
}

/** The caller's preferences for every category (defaults where unchanged). */
export async function getPreferences(deps: Pick<Deps, "db">, p: { userId: string }) {
  const prefs = (await preferencesOf(deps.db, [p.userId])).get(p.userId) ?? DEFAULT_PREFERENCES;
  return { data: CATEGORIES.map((category) => ({ category, ...prefs[category] })) };
}

/** Changes some categories' preferences; fields left out keep their value. */
export async function updatePreferences(
  deps: Pick<Deps, "db" | "clock">,
  p: {
    userId: string;
    changes: readonly { category: NotificationCategory; inApp?: boolean; email?: boolean }[];
  },
) {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const current =
      (await preferencesOf(tx, [p.userId])).get(p.userId) ?? structuredClone(DEFAULT_PREFERENCES);
    for (const change of p.changes) {
      const next = {
        inApp: change.inApp ?? current[change.category].inApp,
        email: change.email ?? current[change.category].email,
      };
      current[change.category] = next;
      await createNotificationsRepository(tx).savePreference({
        userId: p.userId,
        category: change.category,
        ...next,
        now,
      });
    }
  });
  return getPreferences(deps, p);
}

/** The development mailbox: e-mails in the outbox, newest first (optionally to one address). */
export async function listMailbox(deps: Pick<Deps, "db">, p: { to?: string; limit: number }) {
  const rows = await createNotificationsRepository(deps.db).listEmails({ to: p.to ?? null, limit: p.limit });
  return rows.map((e) => ({
    id: e.id,
    to: e.to_address,
    subject: e.subject,
    text: e.text_body,
    status: e.status,
    createdAt: e.created_at.toISOString(),
    sentAt: e.sent_at?.toISOString() ?? null,
  }));
}

/**
 * Test mode's mailbox: every e-mail written to `to` (case-insensitive), newest first, whether it has
 * left yet or not (tests need not wait for the outbox drain).
 */
export async function listTestMailbox(deps: Pick<Deps, "db">, p: { to: string; limit: number }) {
  const rows = await createNotificationsRepository(deps.db).listEmails({ to: p.to, limit: p.limit });
  return rows.map((e) => ({
    to: e.to_address,
    subject: e.subject,
    text: e.text_body,
    sentAt: (e.sent_at ?? e.created_at).toISOString(),
  }));
}
