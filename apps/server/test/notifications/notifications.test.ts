import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { conversationBetween, newParty, send, type Party } from "../messaging/messaging.helpers";
import { advance, expectProblem, newCast, placeOrder, step } from "../orders/orders.helpers";

let server: TestServer;
let seller: Party;

beforeAll(async () => {
  server = await startTestServer();
  seller = await newParty(server, "seller");
});
afterAll(() => server.close());

async function notificationsOf(p: Party, query = "") {
  const res = await p.client.get(`/api/notifications${query}`);
  expect(res.status).toBe(200);
  return res.body as {
    data: {
      id: string;
      kind: string;
      category: string;
      title: string;
      body: string | null;
      link: string | null;
      count: number;
      readAt: string | null;
    }[];
    unreadCount: number;
    nextCursor: string | null;
  };
}

const VERIFY_EMAIL_SUBJECT = "Confirm your e-mail address";

/** What test mode's mailbox holds for `to` (API.md section 10), after the due outbox work ran. */
async function mailbox(to: string) {
  await advance(server, 0); // runs the outbox jobs that are due
  const res = await server.client().get(`/api/test/mailbox?to=${encodeURIComponent(to)}`);
  expect(res.status).toBe(200);
  const mails = res.body.data as { to: string; subject: string; text: string; sentAt: string }[];
  // Every signup is sent "Confirm your e-mail address" (docs/accounts.md); these tests are about the rest.
  return mails.filter((m) => m.subject !== VERIFY_EMAIL_SUBJECT);
}

/** The parties' sign-up e-mails (verification) are not what the SMTP tests are about: drop them. */
async function forgetSignupEmails(target: TestServer) {
  await target.deps.db.query("DELETE FROM email_outbox");
}

describe("notifications of messages", () => {
  it("groups unread messages of one conversation into one notification and reads it with the conversation", async () => {
    const buyer = await newParty(server);
    const id = await conversationBetween(buyer, seller);
    await send(buyer, id, "Hi there");
    let mine = await notificationsOf(seller);
    const first = mine.data.find((n) => n.kind === "message_received" && n.link === `/inbox/${id}`);
    expect(first).toMatchObject({
      category: "messages",
      title: `New message from ${buyer.username}`,
      body: "Hi there",
      count: 1,
    });

    await send(buyer, id, "Are you available?");
    mine = await notificationsOf(seller);
    const grouped = mine.data.filter((n) => n.link === `/inbox/${id}`);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]).toMatchObject({
      id: first!.id,
      count: 2,
      title: `2 new messages from ${buyer.username}`,
    });
    expect(mine.data[0]!.id).toBe(first!.id);

    await seller.client.post(`/api/conversations/${id}/read`);
    mine = await notificationsOf(seller, "?unread=true");
    expect(mine.data.some((n) => n.link === `/inbox/${id}`)).toBe(false);

    // A new message after reading starts a new notification.
    await send(buyer, id, "Thanks!");
    mine = await notificationsOf(seller, "?unread=true");
    expect(mine.data.filter((n) => n.link === `/inbox/${id}`)).toHaveLength(1);
  });

  it("e-mails once per notification through the outbox, as plain text, to the local mailbox", async () => {
    const buyer = await newParty(server);
    const receiver = await newParty(server, "seller");
    const id = await conversationBetween(buyer, receiver);
    await send(buyer, id, "<b>Hello</b> <script>alert(1)</script>");
    await send(buyer, id, "second message, same notification");
    const mails = await mailbox(receiver.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: receiver.email, subject: `New message from ${buyer.username}` });
    expect(mails[0]!.text).toContain("<b>Hello</b> <script>alert(1)</script>");
    expect(mails[0]!.text).toContain(`/inbox/${id}`);

    // Without SMTP the e-mail is kept ("local"); the development mailbox shows it to admins.
    const admin = await newParty(server, "admin");
    const kept = await admin.client.get(`/api/dev/mailbox/messages?to=${encodeURIComponent(receiver.email)}`);
    expect(kept.status).toBe(200);
    const keptMails = (kept.body.data as { subject: string }[]).filter(
      (m) => m.subject !== VERIFY_EMAIL_SUBJECT,
    );
    expect(keptMails).toMatchObject([{ to: receiver.email, status: "local" }]);
    const page = await admin.client.get("/api/dev/mailbox");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.body).not.toContain("<script>alert(1)</script>");
  });
});

describe("notifications of orders", () => {
  it("tells the other party of each order event, with a link to the order", async () => {
    const cast = await newCast(server);
    const order = await placeOrder(cast.buyer, cast.gigId);
    const forSeller = await notificationsOf(cast.seller);
    expect(forSeller.data[0]).toMatchObject({
      kind: "order_placed",
      category: "orders",
      link: `/orders/${order.id}`,
    });
    expect(forSeller.data[0]!.title).toMatch(/^New order: /);
    // The buyer placed it: nothing for them.
    expect((await notificationsOf(cast.buyer)).data.some((n) => n.kind === "order_placed")).toBe(false);

    await step.requirements(cast, order.id);
    await step.deliver(cast, order.id);
    const forBuyer = await notificationsOf(cast.buyer);
    expect(forBuyer.data[0]).toMatchObject({ kind: "order_deliver", link: `/orders/${order.id}` });
    expect(forBuyer.data[0]!.title).toMatch(/^Order delivered: /);
    const mails = await mailbox(cast.buyer.email);
    expect(mails.some((m) => m.subject.startsWith("Order delivered"))).toBe(true);
  });
});

describe("reading notifications", () => {
  it("marks by ids (ignoring other users' ids) or all, and pages", async () => {
    const buyer = await newParty(server);
    const other = await newParty(server);
    for (const s of [
      await newParty(server, "seller"),
      await newParty(server, "seller"),
      await newParty(server, "seller"),
    ]) {
      const id = await conversationBetween(s, buyer).catch(async () => conversationBetween(buyer, s));
      await send(s, id, "hello from a seller");
    }
    const theirs = await notificationsOf(buyer);
    expect(theirs.unreadCount).toBe(3);
    const page = await notificationsOf(buyer, "?limit=2");
    expect(page.data).toHaveLength(2);
    const rest = await notificationsOf(buyer, `?limit=2&cursor=${page.nextCursor}`);
    expect(rest.data).toHaveLength(1);

    const [a] = theirs.data;
    // Another user cannot mark them.
    expect((await other.client.post("/api/notifications/read", { ids: [a!.id] })).body).toMatchObject({
      marked: 0,
    });
    expect((await buyer.client.post("/api/notifications/read", { ids: [a!.id] })).body).toEqual({
      marked: 1,
      unreadCount: 2,
    });
    expect((await buyer.client.post("/api/notifications/read", { all: true })).body).toEqual({
      marked: 2,
      unreadCount: 0,
    });
    expectProblem(await buyer.client.post("/api/notifications/read", {}), 400, "validation_failed");
    expectProblem(await server.client().get("/api/notifications"), 401, "unauthenticated");
  });
});

describe("preferences", () => {
  it("has defaults, and turning a category off stops its e-mails or its notifications", async () => {
    const quiet = await newParty(server, "seller");
    const prefs = await quiet.client.get("/api/notifications/preferences");
    expect(prefs.body.data).toContainEqual({ category: "messages", inApp: true, email: true });
    expect(prefs.body.data).toContainEqual({ category: "safety", inApp: true, email: false });

    const updated = await quiet.client.put("/api/notifications/preferences", {
      data: [{ category: "messages", email: false }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toContainEqual({ category: "messages", inApp: true, email: false });

    const buyer = await newParty(server);
    const id = await conversationBetween(buyer, quiet);
    await send(buyer, id, "no e-mail for this one");
    expect((await notificationsOf(quiet)).data.some((n) => n.kind === "message_received")).toBe(true);
    expect(await mailbox(quiet.email)).toEqual([]);

    await quiet.client.put("/api/notifications/preferences", {
      data: [{ category: "messages", inApp: false }],
    });
    await quiet.client.post("/api/notifications/read", { all: true });
    await send(buyer, id, "nor a notification");
    expect((await notificationsOf(quiet)).unreadCount).toBe(0);
    expectProblem(
      await quiet.client.put("/api/notifications/preferences", { data: [{ category: "spam", email: true }] }),
      400,
      "validation_failed",
    );
  });
});

interface FakeSmtp {
  port: number;
  received: string[];
  /** Resolves when the next message's data has arrived (before the server answers it). */
  nextData(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A minimal SMTP server that accepts everything and keeps what it received; with `answerDelayMs`
 * it waits that long before accepting a message's data, as a slow mail server does.
 */
function fakeSmtp(answerDelayMs = 0): Promise<FakeSmtp> {
  const received: string[] = [];
  let waiting: (() => void)[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    let buffer = "";
    let message = "";
    socket.write("220 fake ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        if (data) {
          if (line === ".") {
            data = false;
            const done = message;
            message = "";
            for (const notify of waiting) notify();
            waiting = [];
            setTimeout(() => {
              received.push(done);
              socket.write("250 OK queued\r\n");
            }, answerDelayMs);
          } else message += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-fake\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") {
          data = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        port,
        received,
        nextData: () => new Promise((r) => waiting.push(r)),
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

describe("SMTP delivery", () => {
  it("sends the outbox over SMTP when SMTP_URL is set", async () => {
    const smtp = await fakeSmtp();
    const mailing = await startTestServer((config) => {
      config.notifications.smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    });
    try {
      const a = await newParty(mailing);
      const b = await newParty(mailing, "seller");
      await forgetSignupEmails(mailing);
      const id = await conversationBetween(a, b);
      await send(a, id, "Over SMTP, please");
      await advance(mailing, 0);
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toContain(`To: ${b.email}`);
      expect(smtp.received[0]).toContain(`Subject: New message from ${a.username}`);
      expect(smtp.received[0]).toContain("Over SMTP, please");
      expect(smtp.received[0]).toMatch(/Content-Type: text\/plain/i);
      const rows = await mailing.deps.db.query<{ status: string }>("SELECT status FROM email_outbox");
      expect(rows.map((r) => r.status)).toEqual(["sent"]);
    } finally {
      await mailing.close();
      await smtp.close();
    }
  });

  it("sends with no transaction open: the API answers while a slow SMTP server holds the mail", async () => {
    const DELAY_MS = 5000;
    const smtp = await fakeSmtp(DELAY_MS);
    const mailing = await startTestServer((config) => {
      config.notifications.smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
    });
    try {
      const a = await newParty(mailing);
      const b = await newParty(mailing, "seller");
      await forgetSignupEmails(mailing);
      const arrived = smtp.nextData();
      await send(a, await conversationBetween(a, b), "Slowly, please");

      // The clock endpoint runs the outbox drain; the mail server sits on the message's data.
      const draining = advance(mailing, 0);
      await arrived;
      const started = performance.now();
      const [notifications, health] = await Promise.all([
        b.client.get("/api/notifications"), // reads the database
        mailing.client().get("/api/health"),
      ]);
      const [row] = await mailing.deps.db.query<{ status: string }>(
        "SELECT status FROM email_outbox FOR UPDATE NOWAIT", // no drain holds the row
      );
      const elapsed = performance.now() - started;
      expect(notifications.status).toBe(200);
      expect(health.status).toBe(200);
      expect(row?.status).toBe("pending");
      expect(smtp.received).toHaveLength(0); // still being sent
      expect(elapsed).toBeLessThan(DELAY_MS / 2.5);

      await draining;
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toContain(`To: ${b.email}`);
      expect(smtp.received[0]).toContain(`Subject: New message from ${a.username}`);
      const rows = await mailing.deps.db.query<{ status: string; attempts: number }>(
        "SELECT status, attempts FROM email_outbox",
      );
      expect(rows).toEqual([{ status: "sent", attempts: 1 }]);
    } finally {
      await mailing.close();
      await smtp.close();
    }
  });

  it("retries a failing SMTP server with growing delays, then marks the e-mail failed", async () => {
    const smtp = await fakeSmtp();
    await smtp.close(); // nothing listens on that port any more
    const failing = await startTestServer((config) => {
      config.notifications.smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
      config.notifications.emailMaxAttempts = 2;
    });
    try {
      const a = await newParty(failing);
      const b = await newParty(failing, "seller");
      await forgetSignupEmails(failing);
      await send(a, await conversationBetween(a, b), "This will not arrive");
      await advance(failing, 0);
      const status = () =>
        failing.deps.db.query<{ status: string; attempts: number }>(
          "SELECT status, attempts FROM email_outbox",
        );
      expect(await status()).toEqual([{ status: "pending", attempts: 1 }]);
      await advance(failing, 31);
      expect(await status()).toEqual([{ status: "failed", attempts: 2 }]);
    } finally {
      await failing.close();
    }
  });
});

describe("unread counters", () => {
  it("stay equal to the unread notifications through inserts, grouped messages, reads and group reads", async () => {
    const buyer = await newParty(server);
    const receiver = await newParty(server, "seller");
    const id = await conversationBetween(buyer, receiver);
    const counted = async () => {
      const rows = await server.deps.db.query<{ user_id: string; counter: number; actual: number }>(
        `SELECT u.id AS user_id, COALESCE(c.unread, 0) AS counter,
                (SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)::int AS actual
         FROM users u LEFT JOIN notification_counters c ON c.user_id = u.id`,
      );
      return rows.filter((r) => Number(r.counter) !== Number(r.actual));
    };
    await send(buyer, id, "one");
    await send(buyer, id, "two"); // joins the unread group: the count stays
    expect((await notificationsOf(receiver)).unreadCount).toBe(1);
    const cast = await newCast(server);
    await placeOrder(cast.buyer, cast.gigId);
    expect(await counted()).toEqual([]);
    await receiver.client.post(`/api/conversations/${id}/read`); // reads the group
    expect((await notificationsOf(receiver)).unreadCount).toBe(0);
    await send(buyer, id, "three");
    const all = await receiver.client.post("/api/notifications/read", { all: true });
    expect(all.status).toBe(200);
    expect(await counted()).toEqual([]);
  });
});
