import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestServer, type TestServer } from "../harness";
import {
  browserSocket,
  conversationBetween,
  cookieHeader,
  newParty,
  openSocket,
  refusedUpgrade,
  send,
  wsUrl,
  type Party,
} from "../messaging/messaging.helpers";
import { newCast, placeOrder } from "../orders/orders.helpers";

let server: TestServer;
let seller: Party;
let buyer: Party;

beforeAll(async () => {
  server = await startTestServer((config) => {
    config.realtime.heartbeatSeconds = 1;
    config.realtime.reauthSeconds = 1;
    config.realtime.maxSocketsPerUser = 3;
  });
  [seller, buyer] = await Promise.all([newParty(server, "seller"), newParty(server)]);
});
afterAll(() => server.close());

async function tokenOf(p: Party): Promise<string> {
  const res = await p.client.post("/api/auth/tokens", { name: "socket" });
  expect(res.status).toBe(201);
  return res.body.token as string;
}

describe("opening a socket", () => {
  it("refuses a socket without credentials (401) before upgrading", async () => {
    const res = await refusedUpgrade(wsUrl(server));
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ code: "unauthenticated" });
  });

  it("refuses a cookie socket from another origin, or without an Origin (403)", async () => {
    const cookie = cookieHeader(buyer.client);
    const evil = await refusedUpgrade(wsUrl(server), { cookie, origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ code: "origin_not_allowed" });
    const lookalike = await refusedUpgrade(wsUrl(server), { cookie, origin: `${server.url}.evil.example` });
    expect(lookalike.status).toBe(403);
    expect((await refusedUpgrade(wsUrl(server), { cookie })).status).toBe(403);
  });

  it("refuses a wrong token (401) and unknown query parameters (400)", async () => {
    expect((await refusedUpgrade(wsUrl(server, "?token=atl_pat_nope"))).status).toBe(401);
    expect((await refusedUpgrade(wsUrl(server, "?tok=1"))).status).toBe(400);
  });

  it("answers a plain HTTP request with 426", async () => {
    const res = await buyer.client.get("/api/ws");
    expect(res.status).toBe(426);
    expect(res.body).toMatchObject({ code: "upgrade_required" });
  });

  it("accepts the session cookie from the server's own origin, a token, or a bearer header, and says hello", async () => {
    const tab = await browserSocket(server, buyer.client);
    expect(tab.frames[0]).toEqual({ type: "hello", data: { userId: buyer.id, heartbeatSeconds: 1 } });
    const token = await tokenOf(buyer);
    const byQuery = await openSocket(wsUrl(server, `?token=${token}`));
    const byHeader = await openSocket(wsUrl(server), { headers: { authorization: `Bearer ${token}` } });
    expect(byQuery.frames[0]!.data.userId).toBe(buyer.id);
    expect(byHeader.frames[0]!.data.userId).toBe(buyer.id);
    // A fourth socket is over this test's limit of three per user.
    const fourth = new WebSocket(wsUrl(server, `?token=${token}`));
    expect(await new Promise((resolve) => fourth.on("close", resolve))).toBe(4008);
    for (const s of [tab, byQuery, byHeader]) s.close();
    await Promise.all([tab.closed, byQuery.closed, byHeader.closed]);
  });

  it("answers the client's ping with pong", async () => {
    const p = await newParty(server);
    const s = await browserSocket(server, p.client);
    s.ws.send(JSON.stringify({ type: "ping" }));
    await s.next("pong");
    s.close();
  });
});

describe("pushes", () => {
  it("pushes message.created to every open tab of both participants, and notification.created to the recipient", async () => {
    const other = await newParty(server);
    const id = await conversationBetween(other, seller);
    const senderTab1 = await browserSocket(server, other.client);
    const senderTab2 = await browserSocket(server, other.client);
    const recipient = await browserSocket(server, seller.client);
    const stranger = await browserSocket(server, buyer.client);

    const sent = await send(other, id, "Live hello");
    for (const s of [senderTab1, senderTab2, recipient]) {
      const f = await s.next("message.created", (d) => d.messageId === sent.id);
      expect(f.data).toMatchObject({
        conversationId: id,
        message: { id: sent.id, body: "Live hello", sender: { username: other.username } },
      });
    }
    const n = await recipient.next("notification.created", (d) => d.notification.link === `/inbox/${id}`);
    expect(n.data).toMatchObject({ notification: { kind: "message_received" } });
    expect(n.data.unreadCount).toBeGreaterThan(0);

    // Read receipts travel back to the sender.
    await seller.client.post(`/api/conversations/${id}/read`);
    const receipt = await senderTab1.next("conversation.read", (d) => d.conversationId === id);
    expect(receipt.data.readerId).toBe(seller.id);

    await new Promise((r) => setTimeout(r, 200));
    expect(stranger.frames.some((f) => f.type === "message.created" || f.type === "conversation.read")).toBe(
      false,
    );
    for (const s of [senderTab1, senderTab2, recipient, stranger]) s.close();
  });

  it("pushes order.updated to both parties of an order", async () => {
    const cast = await newCast(server);
    const sellerTab = await browserSocket(server, cast.seller.client);
    const buyerTab = await browserSocket(server, cast.buyer.client);
    const order = await placeOrder(cast.buyer, cast.gigId);
    for (const s of [sellerTab, buyerTab]) {
      const f = await s.next("order.updated", (d) => d.orderId === order.id);
      expect(f.data).toMatchObject({ kind: "placed", status: "awaiting_requirements" });
    }
    sellerTab.close();
    buyerTab.close();
  });

  it("lets a client catch up after a reconnect with ?after=", async () => {
    const other = await newParty(server);
    const id = await conversationBetween(other, seller);
    const tab = await browserSocket(server, seller.client);
    const seen = await send(other, id, "before the disconnect");
    await tab.next("message.created", (d) => d.messageId === seen.id);
    tab.close();
    await tab.closed;
    await send(other, id, "missed one");
    await send(other, id, "missed two");
    const again = await browserSocket(server, seller.client);
    const missed = await seller.client.get(`/api/conversations/${id}/messages?after=${seen.id}`);
    expect(missed.body.data.map((m: { body: string }) => m.body)).toEqual(["missed one", "missed two"]);
    const live = await send(other, id, "live again");
    await again.next("message.created", (d) => d.messageId === live.id);
    again.close();
  });
});

describe("heartbeats and credentials", () => {
  it("pings sockets, and closes a socket whose session ended (4001)", async () => {
    const p = await newParty(server);
    const tab = await browserSocket(server, p.client);
    let pings = 0;
    tab.ws.on("ping", () => (pings += 1));
    await new Promise((r) => setTimeout(r, 1500));
    expect(pings).toBeGreaterThanOrEqual(1);
    expect((await p.client.post("/api/auth/logout")).status).toBe(204);
    expect(await tab.closed).toBe(4001);
  });

  it("drops a socket that stops answering pings", async () => {
    const p = await newParty(server);
    const tab = await browserSocket(server, p.client);
    // Stop the client from answering pings (ws answers them by itself otherwise).
    tab.ws.pong = () => undefined;
    const code = await tab.closed;
    expect(code).toBe(1006);
  });
});

// Only PostgreSQL has a LISTEN connection to lose (PGlite listens in-process).
describe.runIf(process.env.DATABASE_URL)("losing the LISTEN connection (PostgreSQL only)", () => {
  it("reconnects, tells open sockets to resync, and pushes again", async () => {
    const other = await newParty(server);
    const id = await conversationBetween(other, seller);
    const tab = await browserSocket(server, seller.client);
    await server.deps.db.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
    );
    await tab.next("resync", () => true, 10_000);
    const sent = await send(other, id, "after the reconnect");
    await tab.next("message.created", (d) => d.messageId === sent.id);
    tab.close();
  });
});
