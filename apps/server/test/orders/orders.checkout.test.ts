import type { Order, Quote } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import { unique } from "../client";
import { insertActiveGig } from "../factories/gigs";
import {
  balances,
  expectLedgerBalanced,
  expectProblem,
  newParty,
  orderBody,
  orderIn,
  placeOrder,
  step,
  usd,
  type Cast,
  useOrderScene,
} from "./orders.helpers";

const c = useOrderScene();

const quote = (body: Record<string, unknown>) => c.buyer.client.post<Quote>("/api/orders/quote", body);

async function ordersOf(p: { client: Cast["buyer"]["client"] }): Promise<Order[]> {
  const res = await p.client.get<{ data: Order[] }>("/api/orders?role=buyer&limit=100");
  expect(res.status).toBe(200);
  return res.body.data;
}

describe("POST /api/orders/quote", () => {
  it("prices a 50.00 package: fee 5.75, total 55.75, seller earnings 40.00", async () => {
    const res = await quote({ gigId: c.gigId, tier: "basic", extraIds: [], quantity: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      subtotal: usd(5000),
      serviceFee: usd(575),
      total: usd(5575),
      deliveryDays: 3,
      sellerEarnings: usd(4000),
      licence: { kind: "personal", price: usd(0) },
    });
  });

  it("charges no small-order fee from 100.00 on", async () => {
    expect((await quote({ gigId: c.gigId, tier: "standard", extraIds: [], quantity: 1 })).body).toEqual({
      subtotal: usd(12000),
      serviceFee: usd(660),
      total: usd(12660),
      deliveryDays: 5,
      sellerEarnings: usd(9600),
      licence: { kind: "personal", price: usd(0) },
    });
    // Two basics make exactly 100.00: 5.5% only.
    expect((await quote({ gigId: c.gigId, tier: "basic", extraIds: [], quantity: 2 })).body).toMatchObject({
      subtotal: usd(10000),
      serviceFee: usd(550),
      total: usd(10550),
    });
  });

  it("adds extras (price and days) and multiplies by the quantity", async () => {
    expect(
      (await quote({ gigId: c.gigId, tier: "basic", extraIds: ["ext_fast"], quantity: 1 })).body,
    ).toEqual({
      subtotal: usd(6000),
      serviceFee: usd(630),
      total: usd(6630),
      deliveryDays: 3,
      sellerEarnings: usd(4800),
      licence: { kind: "personal", price: usd(0) },
    });
    // (300.00 + 10.00 + 15.00) × 3 = 975.00; 5.5% = 53.625 → 53.63; 7 days + 1.
    expect(
      (await quote({ gigId: c.gigId, tier: "premium", extraIds: ["ext_fast", "ext_source"], quantity: 3 }))
        .body,
    ).toEqual({
      subtotal: usd(97500),
      serviceFee: usd(5363),
      total: usd(102863),
      deliveryDays: 8,
      sellerEarnings: usd(78000),
      licence: { kind: "personal", price: usd(0) },
    });
  });

  it("refuses unknown or repeated extras, missing tiers and bad quantities", async () => {
    const bad = [
      { gigId: c.gigId, tier: "basic", extraIds: ["ext_nope"], quantity: 1 },
      { gigId: c.gigId, tier: "basic", extraIds: ["ext_fast", "ext_fast"], quantity: 1 },
      { gigId: c.gigId, tier: "basic", extraIds: [], quantity: 0 },
      { gigId: c.gigId, tier: "basic", extraIds: [], quantity: 101 },
      { gigId: c.gigId, tier: "basic", extraIds: [], quantity: 1.5 },
      { gigId: c.gigId, tier: "gold", extraIds: [], quantity: 1 },
    ];
    for (const body of bad) expectProblem(await quote(body), 400, "validation_failed");
    const single = await insertActiveGig(c.server.deps.db, c.seller.id, {
      packages: [
        {
          tier: "basic",
          name: "Basic",
          description: "One",
          price: usd(2000),
          deliveryDays: 2,
          revisions: 0,
          features: [],
        },
      ],
    });
    const res = await c.buyer.client.post("/api/orders/quote", {
      gigId: single,
      tier: "premium",
      extraIds: [],
      quantity: 1,
    });
    expectProblem(res, 400, "validation_failed");
    expect(res.body.errors).toEqual([{ path: "tier", message: expect.any(String) }]);
  });

  it("answers 404 for unknown and inactive gigs", async () => {
    const paused = await insertActiveGig(c.server.deps.db, c.seller.id, { status: "paused" });
    expectProblem(await quote({ gigId: paused, tier: "basic", extraIds: [], quantity: 1 }), 404, "not_found");
    expectProblem(
      await quote({ gigId: "gig_missing", tier: "basic", extraIds: [], quantity: 1 }),
      404,
      "not_found",
    );
  });

  it("quotes visitors who are not signed in the same all-in price", async () => {
    const body = { gigId: c.gigId, tier: "standard", extraIds: ["ext_fast"], quantity: 1 };
    const signedIn = await quote(body);
    const anonymous = await c.server.client().post("/api/orders/quote", body);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual(signedIn.body);
  });
});

describe("POST /api/orders", () => {
  it("charges exactly the quote, computed on the server", async () => {
    const body = { gigId: c.gigId, tier: "premium", extraIds: ["ext_source"], quantity: 2 };
    const q = (await quote(body)).body;
    const order = await placeOrder(c.buyer, c.gigId, {
      tier: "premium",
      extraIds: ["ext_source"],
      quantity: 2,
    });
    expect(order.price).toEqual({
      subtotal: q.subtotal,
      serviceFee: q.serviceFee,
      total: q.total,
      sellerEarnings: q.sellerEarnings,
    });
    expect(order).toMatchObject({
      status: "awaiting_requirements",
      deliveryDays: q.deliveryDays,
      quantity: 2,
      tier: "premium",
      revisionsAllowed: null,
      revisionsLeft: null,
      viewerRole: "buyer",
      buyer: { username: c.buyer.username },
      seller: { username: c.seller.username },
      extras: [{ id: "ext_source", price: usd(1500), additionalDays: 1 }],
      dueAt: null,
      cancellation: null,
    });
    expect(order.id).toMatch(/^ord_/);
  });

  it("refuses to let a seller buy their own gig (409) and leaves no order", async () => {
    const res = await c.seller.client.post("/api/orders", orderBody(c.gigId), {
      "idempotency-key": unique("k"),
    });
    expect(res.status).toBe(409);
    expect(await ordersOf(c.seller)).toEqual([]);
  });

  it("turns a declined card into 402 card_declined and leaves no order and no money moved", async () => {
    const buyer = await newParty(c.server);
    const before = (await c.admin.client.get<{ entries: number }>("/api/admin/ledger/check")).body.entries;
    for (const [token, code] of [
      ["tok_chargeDeclined", "card_declined"],
      ["tok_insufficientFunds", "insufficient_funds"],
      ["not-a-token", "card_declined"],
    ] as const) {
      const res = await buyer.client.post(
        "/api/orders",
        orderBody(c.gigId, { payment: { method: "card", token } }),
        {
          "idempotency-key": unique("k"),
        },
      );
      expectProblem(res, 402, code);
    }
    expect(await ordersOf(buyer)).toEqual([]);
    expect((await c.admin.client.get<{ entries: number }>("/api/admin/ledger/check")).body.entries).toBe(
      before,
    );
    const charges = await c.server.deps.db.query<{ status: string }>(
      "SELECT status FROM sandbox_charges WHERE reference LIKE $1",
      [`order:${buyer.id}:%`],
    );
    expect(charges.filter((ch) => ch.status !== "voided")).toEqual([]);
  });

  it("refuses to pay with credits the buyer does not have (402 insufficient_funds)", async () => {
    const buyer = await newParty(c.server);
    const res = await buyer.client.post(
      "/api/orders",
      orderBody(c.gigId, { payment: { method: "balance" } }),
      {
        "idempotency-key": unique("k"),
      },
    );
    expectProblem(res, 402, "insufficient_funds");
    expect(await ordersOf(buyer)).toEqual([]);
    expect((await balances(buyer)).credits).toBe(0);
  });

  it("pays with the credits a cancellation refunded, and never beyond them", async () => {
    const buyer = await newParty(c.server);
    const cast = { ...c, buyer };
    const cancelled = await orderIn(cast, "cancelled");
    expect(cancelled.cancellation).toMatchObject({ fault: "none" });
    expect(await balances(buyer)).toEqual({ available: 0, pending: 0, credits: 5575, withdrawn: 0 });

    // 126.60 for a standard package is more than 55.75 of credits.
    const tooMuch = await buyer.client.post(
      "/api/orders",
      orderBody(c.gigId, { tier: "standard", payment: { method: "balance" } }),
      { "idempotency-key": unique("k") },
    );
    expectProblem(tooMuch, 402, "insufficient_funds");
    expect((await balances(buyer)).credits).toBe(5575);

    const paid = await placeOrder(buyer, c.gigId, { payment: { method: "balance" } });
    expect(paid.price.total).toEqual(usd(5575));
    expect((await balances(buyer)).credits).toBe(0);

    const lines = await buyer.client.get<{
      data: { account: string; kind: string; amount: { amount: number } }[];
    }>("/api/wallet/transactions");
    expect(lines.body.data.map((l) => [l.account, l.kind, l.amount.amount])).toEqual([
      ["credits", "capture", -5575],
      ["credits", "refund", 5575],
    ]);
    expectProblem(
      await buyer.client.post("/api/orders", orderBody(c.gigId, { payment: { method: "balance" } }), {
        "idempotency-key": unique("k"),
      }),
      402,
      "insufficient_funds",
    );
    await expectLedgerBalanced(c.admin);
  });

  it("requires an Idempotency-Key", async () => {
    expectProblem(
      await c.buyer.client.post("/api/orders", orderBody(c.gigId)),
      400,
      "idempotency_key_required",
    );
    expectProblem(
      await c.buyer.client.post("/api/orders", orderBody(c.gigId), { "idempotency-key": "x".repeat(256) }),
      400,
      "idempotency_key_required",
    );
  });
});

describe("mass assignment and price tampering", () => {
  const forged = {
    status: "completed",
    price: usd(1),
    total: usd(1),
    subtotal: usd(1),
    serviceFee: usd(0),
    sellerEarnings: usd(100000),
    sellerId: "usr_someone",
    buyerId: "usr_someone",
    isLate: true,
    dueAt: "2000-01-01T00:00:00.000Z",
  };

  it("rejects forged fields on checkout and quote, and creates nothing", async () => {
    const buyer = await newParty(c.server);
    const before = (await c.admin.client.get<{ entries: number }>("/api/admin/ledger/check")).body.entries;
    for (const [field, value] of Object.entries(forged)) {
      const res = await buyer.client.post(
        "/api/orders",
        { ...orderBody(c.gigId), [field]: value },
        { "idempotency-key": unique("k") },
      );
      expectProblem(res, 400, "validation_failed");
      expectProblem(
        await buyer.client.post("/api/orders/quote", { gigId: c.gigId, tier: "basic", [field]: value }),
        400,
        "validation_failed",
      );
    }
    const sneaky = [
      { ...orderBody(c.gigId), payment: { method: "card", token: "tok_visa", amount: usd(1) } },
      { ...orderBody(c.gigId), payment: { method: "balance", userId: c.seller.id } },
      { ...orderBody(c.gigId), extraIds: [{ id: "ext_fast", price: usd(0) }] },
      { ...orderBody(c.gigId), quantity: -1 },
    ];
    for (const body of sneaky) {
      expectProblem(
        await buyer.client.post("/api/orders", body, { "idempotency-key": unique("k") }),
        400,
        "validation_failed",
      );
    }
    expect(await ordersOf(buyer)).toEqual([]);
    expect((await c.admin.client.get<{ entries: number }>("/api/admin/ledger/check")).body.entries).toBe(
      before,
    );
  });

  it("charges the gig's current price, not an earlier quote", async () => {
    const gigId = await insertActiveGig(c.server.deps.db, c.seller.id);
    const q = await quote({ gigId, tier: "basic", extraIds: [], quantity: 1 });
    expect(q.body.total).toEqual(usd(5575));
    await c.server.deps.db.query(
      `UPDATE gigs SET packages = jsonb_set(packages, '{0,price,amount}', '8000'::jsonb) WHERE id = $1`,
      [gigId],
    );
    const order = await placeOrder(c.buyer, gigId);
    expect(order.price).toEqual({
      subtotal: usd(8000),
      serviceFee: usd(740),
      total: usd(8740),
      sellerEarnings: usd(6400),
    });
  });

  it("rejects forged fields on every order action and leaves the order as it was", async () => {
    const id = (await orderIn(c, "delivered")).id;
    const delivered = (await c.buyer.client.get<Order>(`/api/orders/${id}`)).body;
    const attempts: [typeof c.buyer, string, Record<string, unknown>][] = [
      [c.buyer, `/api/orders/${id}/accept`, { status: "completed" }],
      [c.buyer, `/api/orders/${id}/accept`, { sellerEarnings: usd(1) }],
      [c.seller, `/api/orders/${id}/start`, { dueAt: "2100-01-01T00:00:00.000Z" }],
      [c.buyer, `/api/orders/${id}/cancel`, { refund: usd(100000) }],
      [c.buyer, `/api/orders/${id}/revision-requests`, { message: "Again", revisionsLeft: 99 }],
      [
        c.seller,
        `/api/orders/${id}/deliveries`,
        { aiUse: "none", message: "Done", fileIds: [], status: "completed" },
      ],
      [c.buyer, `/api/orders/${id}/requirements`, { answers: [], status: "in_progress" }],
      [c.buyer, `/api/orders/${id}/cancellation-requests`, { reason: "Because", status: "accepted" }],
      [
        c.seller,
        `/api/orders/${id}/extension-requests`,
        { days: 2, reason: "Time", dueAt: "2100-01-01T00:00:00.000Z" },
      ],
      [c.buyer, `/api/orders/${id}/disputes`, { reason: "Bad", outcome: "cancel" }],
      [
        c.buyer,
        `/api/orders/${id}/tips`,
        { amount: usd(500), payment: { method: "balance" }, sellerEarnings: usd(1) },
      ],
      [c.admin, `/api/admin/disputes/${id}/resolve`, { outcome: "complete", sellerEarnings: usd(1) }],
    ];
    for (const [party, path, body] of attempts) {
      const res = await party.client.post(path, body, { "idempotency-key": unique("k") });
      expect({ path, body, status: res.status }).toEqual({ path, body, status: 400 });
      expect(res.body.code).toBe("validation_failed");
    }
    for (const method of ["PATCH", "PUT"]) {
      const res = await c.buyer.client.request(method, `/api/orders/${id}`, { status: "completed" });
      expect(res.status).toBe(404);
    }
    const after = await c.buyer.client.get<Order>(`/api/orders/${id}`);
    expect(after.body).toEqual({ ...delivered, isLate: after.body.isLate });
    await expectLedgerBalanced(c.admin);
  });

  it("rejects forged fields on withdrawals", async () => {
    const bodies = [
      { amount: usd(100), destination: { kind: "bank", accountLast4: "1234" }, status: "paid" },
      { amount: usd(100), destination: { kind: "bank", accountLast4: "1234" }, userId: c.buyer.id },
      { amount: usd(100), destination: { kind: "bank", accountLast4: "1234", balance: usd(1) } },
      {
        amount: { amount: 100, currency: "USD", available: 1 },
        destination: { kind: "bank", accountLast4: "1234" },
      },
      { amount: usd(-100), destination: { kind: "bank", accountLast4: "1234" } },
      { amount: usd(10.5), destination: { kind: "bank", accountLast4: "1234" } },
    ];
    for (const body of bodies) {
      const res = await c.seller.client.post("/api/wallet/withdrawals", body, {
        "idempotency-key": unique("k"),
      });
      expectProblem(res, 400, "validation_failed");
    }
    expect((await balances(c.seller)).withdrawn).toBe(0);
  });

  it("keeps a requirements answer from smuggling a status", async () => {
    const placed = await placeOrder(c.buyer, c.gigId);
    const res = await c.buyer.client.post(`/api/orders/${placed.id}/requirements`, {
      answers: [{ requirementId: "req_brand", text: "Acme", status: "completed" }],
    });
    expectProblem(res, 400, "validation_failed");
    const ok = await step.requirements(c, placed.id);
    expect(ok.status).toBe("in_progress");
  });
});
