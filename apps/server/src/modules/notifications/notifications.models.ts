import type { Notification, NotificationCategory } from "@atelier/contracts";
import type { DomainEvent, EventType } from "../../platform/events";
import type { NotificationRow } from "./notifications.repository";

/** What one user is told about one event. Titles and bodies are plain text (never HTML). */
export interface NotificationDraft {
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  data: Record<string, unknown>;
  /** Unread notifications with the same key are one notification with a growing `count`. */
  groupKey: string | null;
}

/**
 * How a domain event becomes notifications: who hears of it, and what each of them reads.
 * `render` gets the count of the group the notification joins (1 for a new one) and may return
 * null to tell this user nothing.
 */
export interface NotificationRule {
  category: NotificationCategory;
  recipients(event: DomainEvent): string[];
  render(event: DomainEvent, userId: string, count: number): NotificationDraft | null;
}

export const CATEGORIES: readonly NotificationCategory[] = [
  "orders",
  "messages",
  "reviews",
  "account",
  "safety",
];

/** Preferences of a user who changed nothing. Safety warnings show in the app, and are not mailed. */
export const DEFAULT_PREFERENCES: Record<NotificationCategory, { inApp: boolean; email: boolean }> = {
  orders: { inApp: true, email: true },
  messages: { inApp: true, email: true },
  reviews: { inApp: true, email: true },
  account: { inApp: true, email: true },
  safety: { inApp: true, email: false },
};

const str = (data: Record<string, unknown>, key: string, fallback = ""): string => {
  const value = data[key];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : fallback;
};

/** Everyone listed except whoever caused the event (`actorId`, or another named field). */
const allBut =
  (actorKey = "actorId") =>
  (event: DomainEvent): string[] => {
    const actor = str(event.data, actorKey, "");
    return [...new Set(event.userIds)].filter((id) => id !== actor);
  };

const one =
  (key: string) =>
  (event: DomainEvent): string[] => {
    const id = str(event.data, key);
    return id ? [id] : [];
  };

// ---- order.updated: data { orderId, kind, status, actorId, gigTitle, buyerId, sellerId }

type Side = "buyer" | "seller" | "both";

/** One line per order event kind: who is told, and the title (the gig's title is appended). */
const ORDER_TEXT: Record<string, { to: Side; title: string; body?: string }> = {
  placed: {
    to: "seller",
    title: "New order",
    body: "Wait for the buyer's requirements, or start right away.",
  },
  submit_requirements: {
    to: "seller",
    title: "Requirements received",
    body: "The delivery clock has started.",
  },
  start_work: { to: "buyer", title: "Work started" },
  flag_late: { to: "both", title: "Order is late" },
  deliver: {
    to: "buyer",
    title: "Order delivered",
    body: "Review the delivery: accept it or ask for a revision.",
  },
  request_revision: { to: "seller", title: "Revision requested" },
  accept: { to: "seller", title: "Order completed", body: "The buyer accepted your delivery." },
  auto_complete: { to: "both", title: "Order completed" },
  late_cancel: { to: "seller", title: "Order cancelled for lateness" },
  request_cancellation: { to: "both", title: "Cancellation requested" },
  accept_cancellation: { to: "both", title: "Order cancelled" },
  auto_accept_cancellation: { to: "both", title: "Order cancelled" },
  decline_cancellation: { to: "both", title: "Cancellation declined" },
  request_extension: { to: "buyer", title: "Extension requested" },
  accept_extension: { to: "seller", title: "Extension granted" },
  decline_extension: { to: "seller", title: "Extension declined" },
  lapse_extension: { to: "seller", title: "Extension request lapsed" },
  open_dispute: { to: "both", title: "Dispute opened" },
  suspend_dispute: { to: "both", title: "Order paused for review: an account was suspended" },
  resolve_complete: { to: "both", title: "Dispute resolved" },
  resolve_cancel: { to: "both", title: "Dispute resolved" },
  resolve_split: { to: "both", title: "Dispute resolved" },
  admin_cancel: { to: "both", title: "Order cancelled by Atelier" },
  cleared: {
    to: "seller",
    title: "Earnings cleared",
    body: "The order's earnings are now available to withdraw.",
  },
  tip: { to: "seller", title: "You received a tip" },
  // Orders paid in milestones (API.md section 13).
  start_milestones: {
    to: "seller",
    title: "First milestone started",
    body: "The order is paid in milestones.",
  },
  milestone_deliver: {
    to: "buyer",
    title: "Milestone delivered",
    body: "Review the milestone: accept it or ask for a revision.",
  },
  milestone_request_revision: { to: "seller", title: "Milestone revision requested" },
  milestone_accept: {
    to: "seller",
    title: "Milestone accepted",
    body: "Its share is in your pending clearance; the next milestone has started.",
  },
  milestone_auto_accept: { to: "both", title: "Milestone accepted automatically" },
  complete_milestones: { to: "both", title: "Order completed", body: "Every milestone was accepted." },
  milestone_cleared: {
    to: "seller",
    title: "Milestone earnings cleared",
    body: "The milestone's earnings are now available to withdraw.",
  },
};

const orderUpdated: NotificationRule = {
  category: "orders",
  recipients: (event) => {
    const text = ORDER_TEXT[str(event.data, "kind")];
    const to = text?.to ?? "both";
    return allBut()(event).filter(
      (id) =>
        to === "both" ||
        (to === "buyer" && id === str(event.data, "buyerId")) ||
        (to === "seller" && id === str(event.data, "sellerId")),
    );
  },
  render: (event) => {
    const kind = str(event.data, "kind");
    const text = ORDER_TEXT[kind] ?? { to: "both", title: "Order updated" };
    const orderId = str(event.data, "orderId");
    return {
      kind: `order_${kind || "updated"}`,
      title: `${text.title}: ${str(event.data, "gigTitle", "your order")}`,
      body: text.body ?? null,
      link: `/orders/${orderId}`,
      data: { orderId, status: str(event.data, "status") },
      groupKey: null,
    };
  },
};

// ---- message.created: data { conversationId, messageId, senderId, recipientId, senderUsername, preview }

const messageCreated: NotificationRule = {
  category: "messages",
  recipients: one("recipientId"),
  render: (event, _userId, count) => {
    const sender = str(event.data, "senderUsername", "someone");
    const conversationId = str(event.data, "conversationId");
    const preview = (event.data as { preview?: unknown }).preview;
    return {
      kind: "message_received",
      title: count > 1 ? `${count} new messages from ${sender}` : `New message from ${sender}`,
      body: typeof preview === "string" ? preview : null,
      link: `/inbox/${conversationId}`,
      data: { conversationId, messageId: str(event.data, "messageId"), senderUsername: sender },
      groupKey: `conversation:${conversationId}`,
    };
  },
};

// ---- message.flagged: data { conversationId, messageId, senderId, senderUsername }

const messageFlagged: NotificationRule = {
  category: "safety",
  recipients: (event) => [...new Set(event.userIds)],
  render: (event, userId) => {
    const conversationId = str(event.data, "conversationId");
    const sender = str(event.data, "senderUsername", "someone");
    const mine = userId === str(event.data, "senderId");
    return {
      kind: "off_platform_warning",
      title: mine
        ? "Your message seems to share contact or payment details"
        : `A message from ${sender} seems to share contact or payment details`,
      body: mine
        ? "Keep talking and paying on Atelier: repeated attempts to move off the platform are reviewed by our team."
        : "Stay on Atelier: outside it, your order, your money and your files are not protected.",
      link: `/inbox/${conversationId}`,
      data: { conversationId, messageId: str(event.data, "messageId") },
      groupKey: null,
    };
  },
};

// ---- report.opened (to admins): data { reportId, kind, subjectUsername }

const reportOpened: NotificationRule = {
  category: "safety",
  recipients: (event) => [...new Set(event.userIds)],
  render: (event) => ({
    kind: "report_opened",
    title: `Report opened: ${str(event.data, "subjectUsername", "a user")} keeps sharing contact details`,
    body: null,
    link: "/admin/reports",
    data: { reportId: str(event.data, "reportId") },
    groupKey: null,
  }),
};

// ---- review.published (reviews module): data { reviewId, orderId, side, rating }, to the reviewed user;
//      review.created: the same, with authorId, authorUsername and gigTitle when the emitter knows them.

const reviewReceived: NotificationRule = {
  category: "reviews",
  recipients: allBut("authorId"),
  render: (event) => {
    const author = str(event.data, "authorUsername");
    const gig = str(event.data, "gigTitle");
    return {
      kind: "review_received",
      title:
        author && gig
          ? `${author} reviewed ${gig}`
          : author
            ? `${author} reviewed you`
            : "You received a new review",
      body: !str(event.data, "rating") ? null : `Rating: ${str(event.data, "rating")} / 5`,
      link: `/orders/${str(event.data, "orderId")}`,
      data: { reviewId: str(event.data, "reviewId"), orderId: str(event.data, "orderId") },
      groupKey: null,
    };
  },
};

// ---- level.changed: data { userId, from, to }

const LEVEL_NAMES: Record<string, string> = {
  new: "New seller",
  level_1: "Level 1",
  level_2: "Level 2",
  top_rated: "Top Rated",
};

const levelChanged: NotificationRule = {
  category: "account",
  recipients: (event) => [...new Set(event.userIds)],
  render: (event) => {
    const to = str(event.data, "to");
    return {
      kind: "level_changed",
      title: `Your seller level is now ${LEVEL_NAMES[to] ?? to}`,
      body: null,
      link: "/dashboard",
      data: { from: str(event.data, "from") || null, to },
      groupKey: null,
    };
  },
};

// ---- gig.denied (catalog, an admin's moderation decision): data { gigId, gigTitle, reason }, to the seller

const gigDenied: NotificationRule = {
  category: "account",
  recipients: (event) => [...new Set(event.userIds)],
  render: (event) => {
    const gigId = str(event.data, "gigId");
    const reason = str(event.data, "reason");
    return {
      kind: "gig_denied",
      title: `Your gig was not approved: ${str(event.data, "gigTitle", "your gig")}`,
      body: reason
        ? `Reason: ${reason}\nEdit the gig and publish it again when it follows the rules.`
        : "Edit the gig and publish it again when it follows the rules.",
      link: `/seller/gigs/${gigId}/edit`,
      data: { gigId, reason },
      groupKey: null,
    };
  },
};

// ---- offer.updated (negotiation): data { offerId, conversationId, status, actorId, title, … }, to both
//      parties but the actor; made and accepted offers are told by their message and their order.

const OFFER_TEXT: Record<string, string> = {
  withdrawn: "Offer withdrawn",
  declined: "Offer declined",
  expired: "Offer expired",
};

const offerUpdated: NotificationRule = {
  category: "messages",
  recipients: allBut(),
  render: (event) => {
    const status = str(event.data, "status");
    const text = OFFER_TEXT[status];
    if (!text) return null;
    const conversationId = str(event.data, "conversationId");
    return {
      kind: `offer_${status}`,
      title: `${text}: ${str(event.data, "title", "a custom offer")}`,
      body: null,
      link: `/inbox/${conversationId}`,
      data: { offerId: str(event.data, "offerId"), conversationId, status },
      groupKey: null,
    };
  },
};

// ---- brief.matched (negotiation): data { briefId, title, buyerUsername }, to the matched sellers

const briefMatched: NotificationRule = {
  category: "orders",
  recipients: (event) => [...new Set(event.userIds)],
  render: (event) => {
    const briefId = str(event.data, "briefId");
    return {
      kind: "brief_matched",
      title: `A buyer's brief fits your gigs: ${str(event.data, "title", "a new brief")}`,
      body: `${str(event.data, "buyerUsername", "A buyer")} is looking for a seller. Answer with a custom offer.`,
      link: `/seller/briefs/${briefId}`,
      data: { briefId },
      groupKey: null,
    };
  },
};

/**
 * Event type → notification rule: the one table to extend when a module starts emitting an event
 * users should hear of (one line here, plus the rule when the existing ones do not fit).
 */
export const NOTIFICATION_RULES: Readonly<Partial<Record<EventType, NotificationRule>>> = {
  "order.updated": orderUpdated,
  "message.created": messageCreated,
  "message.flagged": messageFlagged,
  "report.opened": reportOpened,
  "review.published": reviewReceived,
  "review.created": reviewReceived,
  "level.changed": levelChanged,
  "gig.denied": gigDenied,
  "offer.updated": offerUpdated,
  "brief.matched": briefMatched,
};

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    category: row.category,
    title: row.title,
    body: row.body,
    link: row.link,
    data: row.data,
    count: row.count,
    readAt: row.read_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** The plain-text e-mail for a notification (no HTML part: nothing a user wrote is interpreted). */
export function emailFor(draft: Pick<NotificationDraft, "title" | "body" | "link">, publicUrl: string) {
  const lines = [draft.title, ""];
  if (draft.body) lines.push(draft.body, "");
  if (draft.link) lines.push(`Open it on Atelier: ${publicUrl}${draft.link}`, "");
  lines.push(
    "—",
    "You get this e-mail because of your notification settings on Atelier.",
    `${publicUrl}/settings/notifications`,
  );
  // Header injection: a subject is one line.
  return { subject: draft.title.replace(/[\r\n]+/g, " ").slice(0, 200), text: lines.join("\n") };
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

/** The development mailbox page: every e-mail in the outbox, escaped (bodies are shown, not interpreted). */
export function mailboxPage(
  emails: readonly { to: string; subject: string; text: string; status: string; createdAt: string }[],
): string {
  const items = emails
    .map(
      (e) => `<article>
  <header><strong>${escapeHtml(e.subject)}</strong><br><small>to ${escapeHtml(e.to)} · ${escapeHtml(e.createdAt)} · ${escapeHtml(e.status)}</small></header>
  <pre>${escapeHtml(e.text)}</pre>
</article>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Atelier development mailbox</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
article{border:1px solid #ddd;border-radius:8px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap;font:inherit;margin:.75rem 0 0}
small{color:#666}</style></head>
<body>
<h1>Development mailbox</h1>
<p>No <code>SMTP_URL</code> is set, so e-mails are kept here instead of being sent. Newest first.</p>
${items || "<p>No e-mails yet.</p>"}
</body>
</html>`;
}
