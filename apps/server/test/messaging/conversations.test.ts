import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { insertActiveGig } from "../factories/gigs";
import { advance, expectProblem } from "../orders/orders.helpers";
import { conversationBetween, newParty, send, upload, type Party } from "./messaging.helpers";

let server: TestServer;
let seller: Party;
let buyer: Party;
let stranger: Party;

beforeAll(async () => {
  server = await startTestServer((config) => {
    config.messaging.messagesPerWindow = 8;
  });
  [seller, buyer, stranger] = await Promise.all([
    newParty(server, "seller"),
    newParty(server),
    newParty(server),
  ]);
});
afterAll(() => server.close());

describe("opening conversations (the cold-message rule)", () => {
  it("lets anyone open one with a seller: 201 once, then 200 with the same conversation", async () => {
    const other = await newParty(server);
    const first = await other.client.post("/api/conversations", { username: seller.username });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      participant: { username: seller.username, isSeller: true },
      gig: null,
      lastMessage: null,
      unreadCount: 0,
    });
    const again = await other.client.post("/api/conversations", { username: seller.username });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    // The seller reaches the same conversation from their side, even though the buyer is no seller.
    const back = await seller.client.post("/api/conversations", { username: other.username });
    expect(back.status).toBe(200);
    expect(back.body.id).toBe(first.body.id);
    expect(back.body.participant.username).toBe(other.username);
  });

  it("refuses a new conversation with a user who is not a seller (403)", async () => {
    const lonely = await newParty(server);
    expectProblem(
      await seller.client.post("/api/conversations", { username: lonely.username }),
      403,
      "recipient_not_seller",
    );
    expectProblem(
      await stranger.client.post("/api/conversations", { username: lonely.username }),
      403,
      "recipient_not_seller",
    );
  });

  it("answers 404 for unknown users, 400 for yourself and for unknown fields, 401 when signed out", async () => {
    expectProblem(
      await buyer.client.post("/api/conversations", { username: "nobody_here_at_all" }),
      404,
      "not_found",
    );
    expectProblem(
      await buyer.client.post("/api/conversations", { username: buyer.username }),
      400,
      "validation_failed",
    );
    expectProblem(
      await buyer.client.post("/api/conversations", { username: seller.username, extra: 1 }),
      400,
      "validation_failed",
    );
    expectProblem(
      await server.client().post("/api/conversations", { username: seller.username }),
      401,
      "unauthenticated",
    );
  });

  it("references a gig of either participant, and refuses other gigs", async () => {
    const gigId = await insertActiveGig(server.deps.db, seller.id, { title: "A logo you will love" });
    const someoneElse = await newParty(server, "seller");
    const foreignGig = await insertActiveGig(server.deps.db, someoneElse.id);
    const res = await buyer.client.post("/api/conversations", { username: seller.username, gigId });
    expect([200, 201]).toContain(res.status);
    expect(res.body.gig).toEqual({ id: gigId, title: "A logo you will love" });
    expectProblem(
      await buyer.client.post("/api/conversations", { username: seller.username, gigId: foreignGig }),
      400,
      "validation_failed",
    );
  });
});

describe("messages", () => {
  it("sends, lists newest first with unread counts, and records read receipts", async () => {
    const id = await conversationBetween(buyer, seller);
    const m1 = await send(buyer, id, "Hello! Could you do a logo for my bakery?");
    const m2 = await send(buyer, id, "Budget is $150, deadline 12/05/2026.");
    expect(m2).toMatchObject({
      flags: [],
      warning: null,
      readAt: null,
      body: "Budget is $150, deadline 12/05/2026.",
    });

    const inbox = await seller.client.get("/api/conversations");
    expect(inbox.status).toBe(200);
    const row = inbox.body.data.find((c: { id: string }) => c.id === id);
    expect(row).toMatchObject({
      unreadCount: 2,
      lastMessage: { id: m2.id, sender: { username: buyer.username } },
    });
    expect(inbox.body.unreadTotal).toBeGreaterThanOrEqual(2);

    const page = await seller.client.get(`/api/conversations/${id}/messages`);
    expect(page.body.data.map((m: { id: string }) => m.id).slice(0, 2)).toEqual([m2.id, m1.id]);

    const read = await seller.client.post(`/api/conversations/${id}/read`, { upTo: m1.id });
    expect(read.body).toMatchObject({ conversationId: id, marked: 1, unreadCount: 1 });
    const all = await seller.client.post(`/api/conversations/${id}/read`);
    expect(all.body).toMatchObject({ marked: 1, unreadCount: 0 });

    // The sender sees the receipts.
    const mine = await buyer.client.get(`/api/conversations/${id}/messages`);
    for (const m of mine.body.data.filter((x: { id: string }) => x.id === m1.id || x.id === m2.id)) {
      expect(m.readAt).not.toBeNull();
    }
    // Reading your own messages marks nothing.
    expect((await buyer.client.post(`/api/conversations/${id}/read`)).body.marked).toBe(0);
  });

  it("pages back with the cursor and catches up with after", async () => {
    const other = await newParty(server);
    const id = await conversationBetween(other, seller);
    const sent = [];
    for (let i = 0; i < 5; i += 1) sent.push(await send(other, id, `message ${i}`));
    const first = await other.client.get(`/api/conversations/${id}/messages?limit=2`);
    expect(first.body.data.map((m: { body: string }) => m.body)).toEqual(["message 4", "message 3"]);
    const second = await other.client.get(
      `/api/conversations/${id}/messages?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.data.map((m: { body: string }) => m.body)).toEqual(["message 2", "message 1"]);
    const third = await other.client.get(
      `/api/conversations/${id}/messages?limit=2&cursor=${second.body.nextCursor}`,
    );
    expect(third.body).toMatchObject({ nextCursor: null });
    expect(third.body.data.map((m: { body: string }) => m.body)).toEqual(["message 0"]);

    const after = await other.client.get(`/api/conversations/${id}/messages?after=${sent[1]!.id}&limit=2`);
    expect(after.body.data.map((m: { body: string }) => m.body)).toEqual(["message 2", "message 3"]);
    const rest = await other.client.get(`/api/conversations/${id}/messages?after=${after.body.nextCursor}`);
    expect(rest.body).toMatchObject({ nextCursor: null });
    expect(rest.body.data.map((m: { body: string }) => m.body)).toEqual(["message 4"]);

    expectProblem(
      await other.client.get(`/api/conversations/${id}/messages?cursor=garbage`),
      400,
      "validation_failed",
    );
  });

  it("stores the text as written and returns it as text (no HTML interpretation)", async () => {
    const other = await newParty(server);
    const id = await conversationBetween(other, seller);
    const text = `<script>alert("hi")</script> <b>bold</b> & "quotes" \u{1F600}`;
    const m = await send(other, id, text);
    expect(m.body).toBe(text);
    const res = await other.client.get(`/api/conversations/${id}/messages`);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.body.data[0].body).toBe(text);
  });

  it("validates the body: 1–5000 characters, no NUL, no unknown fields", async () => {
    const id = await conversationBetween(buyer, seller);
    const post = (body: unknown) => buyer.client.post(`/api/conversations/${id}/messages`, body);
    expectProblem(await post({ body: "   " }), 400, "validation_failed");
    expectProblem(await post({ body: "x".repeat(5001) }), 400, "validation_failed");
    expectProblem(await post({ body: "a\u0000b" }), 400, "validation_failed");
    expectProblem(await post({ body: "hi", html: true }), 400, "validation_failed");
    expect((await post({ body: "x".repeat(5000) })).status).toBe(201);
  });

  it("rate-limits each sender (429 with Retry-After), and the window ends", async () => {
    const chatty = await newParty(server);
    const id = await conversationBetween(chatty, seller);
    for (let i = 0; i < 8; i += 1) await send(chatty, id, `quick note ${i}`);
    const limited = await chatty.client.post(`/api/conversations/${id}/messages`, { body: "one more" });
    expectProblem(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Others are not affected.
    expect((await seller.client.post(`/api/conversations/${id}/messages`, { body: "Hi!" })).status).toBe(201);
    await advance(server, 61);
    expect((await chatty.client.post(`/api/conversations/${id}/messages`, { body: "again" })).status).toBe(
      201,
    );
  });
});

describe("privacy", () => {
  it("answers 404 to strangers for the conversation, its messages, posting and reading", async () => {
    const id = await conversationBetween(buyer, seller);
    await send(buyer, id, "Private words");
    expectProblem(await stranger.client.get(`/api/conversations/${id}`), 404, "not_found");
    expectProblem(await stranger.client.get(`/api/conversations/${id}/messages`), 404, "not_found");
    expectProblem(
      await stranger.client.post(`/api/conversations/${id}/messages`, { body: "hi" }),
      404,
      "not_found",
    );
    expectProblem(await stranger.client.post(`/api/conversations/${id}/read`), 404, "not_found");
    expectProblem(await stranger.client.get(`/api/conversations/cnv_doesnotexist`), 404, "not_found");
    const theirs = await stranger.client.get("/api/conversations");
    expect(theirs.body.data.map((c: { id: string }) => c.id)).not.toContain(id);
    // Admins are not participants either: conversations are private.
    const admin = await newParty(server, "admin");
    expectProblem(await admin.client.get(`/api/conversations/${id}/messages`), 404, "not_found");
  });

  it("lets only the two participants read attachments; others get 404", async () => {
    const id = await conversationBetween(buyer, seller);
    const fileId = await upload(buyer, "brief.txt");
    const m = await send(buyer, id, "The brief is attached", { fileIds: [fileId] });
    expect(m).toMatchObject({ files: [{ id: fileId, name: "brief.txt", url: `/api/files/${fileId}` }] });
    // The recipient gets the very bytes the sender uploaded, and so do admins.
    const admin = await newParty(server, "admin");
    for (const reader of [seller, buyer, admin]) {
      const got = await reader.client.get(`/api/files/${fileId}`);
      expect(got.status).toBe(200);
      expect(got.body).toBe("The brief: a logo for a bakery.\n");
      expect((await reader.client.get(`/api/files/${fileId}/meta`)).status).toBe(200);
    }
    for (const outsider of [stranger.client, server.client()]) {
      expectProblem(await outsider.get(`/api/files/${fileId}`), 404, "not_found");
      expectProblem(await outsider.get(`/api/files/${fileId}/meta`), 404, "not_found");
    }
  });

  it("refuses to attach a file someone else uploaded", async () => {
    const id = await conversationBetween(buyer, seller);
    const strangersFile = await upload(stranger, "secret.txt", "not yours\n");
    const res = await buyer.client.post(`/api/conversations/${id}/messages`, {
      body: "see this",
      fileIds: [strangersFile],
    });
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors).toEqual([{ path: "fileIds.0", message: "is not a file you uploaded" }]);
    expectProblem(await seller.client.get(`/api/files/${strangersFile}`), 404, "not_found");
  });
});

describe("the OpenAPI document", () => {
  it("describes conversations, messages, notifications, the timeline, reports and the socket", async () => {
    const res = await server.client().get("/api/openapi.json");
    expect(res.status).toBe(200);
    for (const path of [
      "/api/conversations",
      "/api/conversations/{id}/messages",
      "/api/conversations/{id}/read",
      "/api/notifications",
      "/api/notifications/read",
      "/api/notifications/preferences",
      "/api/orders/{id}/timeline",
      "/api/admin/reports",
      "/api/ws",
    ]) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
  });
});
