import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/app/config";
import { startTestServer, type TestServer } from "../harness";
import { conversationBetween, newParty, send, type Party } from "../messaging/messaging.helpers";
import { advance, expectProblem } from "../orders/orders.helpers";

/**
 * The development mailbox holds every e-mail the server wrote (private messages, links of password
 * resets): it exists only in test mode or when ATELIER_DEV_MAILBOX=1 opts in, and only admins see
 * it. Test mode has its own `GET /api/test/mailbox?to=` (API.md section 10).
 */

/** What `npm start` runs with: no NODE_ENV, no SMTP_URL, no test mode. */
const NPM_START_ENV = { ATELIER_SEED_DEMO: "0" };

describe("the development mailbox's configuration", () => {
  it("is off for npm start, on in test mode or when opted in, and refused in production", () => {
    expect(loadConfig(NPM_START_ENV).notifications.devMailbox).toBe(false);
    expect(loadConfig({ ...NPM_START_ENV, ATELIER_TEST_MODE: "1" }).notifications.devMailbox).toBe(true);
    expect(loadConfig({ ...NPM_START_ENV, ATELIER_DEV_MAILBOX: "1" }).notifications.devMailbox).toBe(true);
    expect(loadConfig({ ...NPM_START_ENV, ATELIER_DEV_MAILBOX: "0" }).notifications.devMailbox).toBe(false);
    expect(loadConfig({ NODE_ENV: "production" }).notifications.devMailbox).toBe(false);
    expect(() => loadConfig({ NODE_ENV: "production", ATELIER_DEV_MAILBOX: "1" })).toThrow(
      /ATELIER_DEV_MAILBOX/,
    );
  });
});

/** A user with one e-mail waiting in the outbox: a message from someone else. */
/** Every signup is sent "Confirm your e-mail address" (docs/accounts.md); these tests are about the rest. */
const VERIFY_EMAIL_SUBJECT = "Confirm your e-mail address";
function withoutSignupMail<T extends { subject: string }>(mails: T[]): T[] {
  return mails.filter((m) => m.subject !== VERIFY_EMAIL_SUBJECT);
}

async function withMail(server: TestServer): Promise<{ sender: Party; receiver: Party }> {
  const sender = await newParty(server);
  const receiver = await newParty(server, "seller");
  await send(sender, await conversationBetween(sender, receiver), "The private text of a message");
  await advance(server, 0); // the outbox drain keeps it
  return { sender, receiver };
}

describe("in the npm start configuration", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((config) => {
      config.notifications = loadConfig(NPM_START_ENV).notifications;
    });
  });
  afterAll(() => server.close());

  it("does not exist: anonymous visitors, members and admins get 404", async () => {
    const { receiver } = await withMail(server);
    const member = await newParty(server);
    const admin = await newParty(server, "admin");
    for (const client of [server.client(), member.client, receiver.client, admin.client]) {
      for (const path of ["/api/dev/mailbox", "/api/dev/mailbox/messages"]) {
        const res = await client.get(path);
        expectProblem(res, 404, "not_found");
        expect(JSON.stringify(res.body)).not.toContain("private text");
      }
    }
  });
});

describe("when opted in with ATELIER_DEV_MAILBOX=1", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer((config) => {
      config.notifications = loadConfig({ ...NPM_START_ENV, ATELIER_DEV_MAILBOX: "1" }).notifications;
    });
  });
  afterAll(() => server.close());

  it("answers 404 to anyone but admins, before reading the query", async () => {
    const { receiver } = await withMail(server);
    const member = await newParty(server);
    for (const client of [server.client(), member.client, receiver.client]) {
      expectProblem(await client.get("/api/dev/mailbox"), 404, "not_found");
      expectProblem(await client.get("/api/dev/mailbox/messages"), 404, "not_found");
      expectProblem(await client.get("/api/dev/mailbox/messages?limit=nope"), 404, "not_found");
    }
  });

  it("shows admins every e-mail, as a list and as a page", async () => {
    const { sender, receiver } = await withMail(server);
    const admin = await newParty(server, "admin");
    const list = await admin.client.get(`/api/dev/mailbox/messages?to=${encodeURIComponent(receiver.email)}`);
    expect(list.status).toBe(200);
    const listed = withoutSignupMail(list.body.data as { subject: string; text: string }[]);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      to: receiver.email,
      subject: `New message from ${sender.username}`,
      status: "local",
    });
    expect(listed[0]!.text).toContain("The private text of a message");
    const page = await admin.client.get("/api/dev/mailbox");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body).toContain(`New message from ${sender.username}`);
  });
});

describe("GET /api/test/mailbox (test mode)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("returns every e-mail written to the address, newest first, sent or not yet", async () => {
    const sender = await newParty(server);
    const receiver = await newParty(server, "seller");
    const id = await conversationBetween(sender, receiver);
    await send(sender, id, "First message");
    // Reading the conversation closes its notification: the next message mails again.
    await receiver.client.post(`/api/conversations/${id}/read`);
    await send(sender, id, "Second message");

    // Case does not matter; e-mails are listed whether the outbox drain has taken them yet or not.
    const res = await server
      .client()
      .get(`/api/test/mailbox?to=${encodeURIComponent(receiver.email.toUpperCase())}`);
    expect(res.status).toBe(200);
    const data = withoutSignupMail(
      res.body.data as { to: string; subject: string; text: string; sentAt: string }[],
    );
    expect(data.map((m) => m.text.includes("Second message"))).toEqual([true, false]);
    expect(data.map((m) => m.text.includes("First message"))).toEqual([false, true]);
    for (const m of data) {
      expect(Object.keys(m).sort()).toEqual(["sentAt", "subject", "text", "to"]);
      expect(m).toMatchObject({ to: receiver.email, subject: `New message from ${sender.username}` });
      expect(Number.isNaN(Date.parse(m.sentAt))).toBe(false);
    }

    const none = await server.client().get(`/api/test/mailbox?to=${encodeURIComponent(sender.email)}`);
    expect(withoutSignupMail(none.body.data as { subject: string }[])).toEqual([]);
    expectProblem(await server.client().get("/api/test/mailbox"), 400, "validation_failed");
  });
});
