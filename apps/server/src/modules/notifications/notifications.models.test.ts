import { describe, expect, it } from "vitest";
import type { DomainEvent, EventType } from "../../platform/events";
import { TRANSITION_NAMES } from "../orders/orders.lifecycle";
import { emailFor, mailboxPage, NOTIFICATION_RULES } from "./notifications.models";

const rule = (type: EventType) => {
  const r = NOTIFICATION_RULES[type];
  if (!r) throw new Error(`no rule for ${type}`);
  return r;
};

const orderEvent = (kind: string, actorId: string | null): DomainEvent => ({
  type: "order.updated",
  userIds: ["usr_buyer", "usr_seller"],
  data: {
    orderId: "ord_1",
    kind,
    status: "in_progress",
    actorId,
    gigTitle: "A logo",
    buyerId: "usr_buyer",
    sellerId: "usr_seller",
  },
});

describe("notification rules", () => {
  it("tells someone of every order transition, never the person who acted", () => {
    for (const kind of [...TRANSITION_NAMES, "placed", "cleared", "tip"]) {
      for (const actor of ["usr_buyer", "usr_seller", null]) {
        const event = orderEvent(kind, actor);
        const recipients = rule("order.updated").recipients(event);
        expect(recipients).not.toContain(actor);
        for (const userId of recipients) {
          const draft = rule("order.updated").render(event, userId, 1);
          expect(draft).toMatchObject({ kind: `order_${kind}`, link: "/orders/ord_1" });
          expect(draft?.title).toMatch(/: A logo$/);
        }
      }
    }
    expect(rule("order.updated").recipients(orderEvent("placed", "usr_buyer"))).toEqual(["usr_seller"]);
    expect(rule("order.updated").recipients(orderEvent("deliver", "usr_seller"))).toEqual(["usr_buyer"]);
    expect(rule("order.updated").recipients(orderEvent("auto_complete", null))).toEqual([
      "usr_buyer",
      "usr_seller",
    ]);
  });

  it("groups messages per conversation and counts them in the title", () => {
    const event: DomainEvent = {
      type: "message.created",
      userIds: ["usr_a", "usr_b"],
      data: {
        conversationId: "cnv_1",
        messageId: "msg_1",
        senderId: "usr_a",
        recipientId: "usr_b",
        senderUsername: "anna",
        orderId: null,
        preview: "hi",
      },
    };
    expect(rule("message.created").recipients(event)).toEqual(["usr_b"]);
    expect(rule("message.created").render(event, "usr_b", 1)).toMatchObject({
      title: "New message from anna",
      body: "hi",
      groupKey: "conversation:cnv_1",
    });
    expect(rule("message.created").render(event, "usr_b", 3)?.title).toBe("3 new messages from anna");
  });

  it("maps reviews and level changes", () => {
    const review: DomainEvent = {
      type: "review.published",
      userIds: ["usr_s"],
      data: { reviewId: "rev_1", orderId: "ord_1", side: "buyer", rating: 5 },
    };
    expect(rule("review.published").render(review, "usr_s", 1)).toMatchObject({
      kind: "review_received",
      body: "Rating: 5 / 5",
    });
    const level: DomainEvent = {
      type: "level.changed",
      userIds: ["usr_s"],
      data: { from: "new", to: "level_1", promoted: true },
    };
    expect(rule("level.changed").recipients(level)).toEqual(["usr_s"]);
    expect(rule("level.changed").render(level, "usr_s", 1)?.title).toBe("Your seller level is now Level 1");
  });
});

describe("e-mails and the mailbox page", () => {
  it("keeps a subject on one line and the body as plain text", () => {
    const mail = emailFor(
      { title: "Hi\r\nBcc: victim@example.org", body: "<b>x</b>", link: "/inbox/cnv_1" },
      "https://atelier.test",
    );
    expect(mail.subject).toBe("Hi Bcc: victim@example.org");
    expect(mail.text).toContain("<b>x</b>");
    expect(mail.text).toContain("https://atelier.test/inbox/cnv_1");
  });

  it("escapes everything on the mailbox page", () => {
    const page = mailboxPage([
      {
        to: "a@b.c",
        subject: "<img src=x onerror=alert(1)>",
        text: "</pre><script>1</script>",
        status: "local",
        createdAt: "now",
      },
    ]);
    expect(page).not.toContain("<script>1</script>");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;script&gt;1&lt;/script&gt;");
  });
});
