import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertActiveGig } from "../factories/gigs";
import { startTestServer, type TestServer } from "../harness";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const DAY = 86400;

describe("an order from checkout to withdrawal", () => {
  it("moves the money through escrow, clearing and withdrawal, and the ledger balances", async () => {
    const seller = server.client();
    const sellerUser = await seller.signupSeller();
    const buyer = server.client();
    await buyer.signup();
    const gigId = await insertActiveGig(server.deps.db, sellerUser.id);

    const quote = await buyer.post("/api/orders/quote", { gigId, tier: "basic", extraIds: [], quantity: 1 });
    expect(quote.status).toBe(200);
    expect(quote.body).toEqual({
      subtotal: { amount: 5000, currency: "USD" },
      serviceFee: { amount: 575, currency: "USD" },
      total: { amount: 5575, currency: "USD" },
      deliveryDays: 3,
      sellerEarnings: { amount: 4000, currency: "USD" },
      licence: { kind: "personal", price: { amount: 0, currency: "USD" } },
    });

    const placed = await buyer.post(
      "/api/orders",
      { gigId, tier: "basic", extraIds: [], quantity: 1, payment: { method: "card", token: "tok_visa" } },
      { "idempotency-key": "k1" },
    );
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe("awaiting_requirements");
    const orderId: string = placed.body.id;

    const replay = await buyer.post(
      "/api/orders",
      { gigId, tier: "basic", extraIds: [], quantity: 1, payment: { method: "card", token: "tok_visa" } },
      { "idempotency-key": "k1" },
    );
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(placed.body);

    const req = await buyer.post(`/api/orders/${orderId}/requirements`, {
      answers: [{ requirementId: "req_brand", text: "Acme" }],
    });
    expect(req.status).toBe(200);
    expect(req.body.status).toBe("in_progress");
    expect(req.body.dueAt).not.toBeNull();

    const delivered = await seller.post(`/api/orders/${orderId}/deliveries`, {
      aiUse: "none",
      message: "Here it is",
      fileIds: [],
    });
    expect(delivered.status).toBe(200);
    expect(delivered.body.status).toBe("delivered");

    const accepted = await buyer.post(`/api/orders/${orderId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe("completed");

    const again = await buyer.post(`/api/orders/${orderId}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("invalid_transition");

    let wallet = await seller.get("/api/wallet");
    expect(wallet.body.pendingClearance.amount).toBe(4000);
    expect(wallet.body.available.amount).toBe(0);

    // Two steps, with the seller active in between: sessions end after 14 idle days.
    await server.client().post("/api/test/clock", { advanceSeconds: 8 * DAY });
    expect((await seller.get("/api/me")).status).toBe(200);
    expect((await buyer.get("/api/me")).status).toBe(200);
    await server.client().post("/api/test/clock", { advanceSeconds: 7 * DAY });
    wallet = await seller.get("/api/wallet");
    expect(wallet.body.pendingClearance.amount).toBe(0);
    expect(wallet.body.available.amount).toBe(4000);

    const w = await seller.post(
      "/api/wallet/withdrawals",
      { amount: { amount: 4000, currency: "USD" }, destination: { kind: "bank", accountLast4: "1234" } },
      { "idempotency-key": "w1" },
    );
    expect(w.status).toBe(201);
    wallet = await seller.get("/api/wallet");
    expect(wallet.body.withdrawn.amount).toBe(4000);
    expect(wallet.body.available.amount).toBe(0);

    const stranger = server.client();
    await stranger.signup();
    expect((await stranger.get(`/api/orders/${orderId}`)).status).toBe(404);

    const events = await buyer.get<{ data: { kind: string }[] }>(`/api/orders/${orderId}/events`);
    expect(events.body.data.map((e) => e.kind)).toEqual([
      "placed",
      "submit_requirements",
      "deliver",
      "accept",
      "cleared",
    ]);

    const admin = server.client();
    const adminUser = await admin.signup();
    await admin.post("/api/test/admins", { email: adminUser.email });
    const check = await admin.get("/api/admin/ledger/check");
    expect(check.body.balanced).toBe(true);
    expect(check.body.negativeAccounts).toEqual([]);
  });

  it("a declined card leaves no order", async () => {
    const seller = server.client();
    const sellerUser = await seller.signupSeller();
    const buyer = server.client();
    await buyer.signup();
    const gigId = await insertActiveGig(server.deps.db, sellerUser.id);
    const res = await buyer.post(
      "/api/orders",
      {
        gigId,
        tier: "basic",
        extraIds: [],
        quantity: 1,
        payment: { method: "card", token: "tok_chargeDeclined" },
      },
      { "idempotency-key": "d1" },
    );
    expect(res.status).toBe(402);
    expect(res.body.code).toBe("card_declined");
    const list = await buyer.get("/api/orders?role=buyer");
    expect(list.body.data).toEqual([]);
  });
});
