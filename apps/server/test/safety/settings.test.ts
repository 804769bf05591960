import type { Order } from "@atelier/contracts";
import type { AuditEntry, MarketplaceSettings } from "@atelier/contracts/safety";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { createGig } from "../factories/catalog";
import {
  expectProblem,
  longSessions,
  newCast,
  newParty,
  orderIn,
  usd,
  type Cast,
} from "../orders/orders.helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(longSessions);
});
afterAll(() => server.close());

const defaults: MarketplaceSettings = {
  commissionBps: 2000,
  buyerFeeBps: 550,
  smallOrderFee: usd(300),
  smallOrderThreshold: usd(10000),
  clearingDays: 14,
  topRatedClearingDays: 7,
  prohibitedTerms: [],
};

describe("marketplace settings", () => {
  it("apply to orders placed after the change; earlier orders keep their fees and clearing period", async () => {
    const c: Cast = await newCast(server);
    const current = await c.admin.client.get<MarketplaceSettings>("/api/admin/settings");
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ ...defaults, prohibitedTerms: current.body.prohibitedTerms });

    // Placed under the defaults: 50.00 + 5.5% + 3.00 small-order fee; 20% commission.
    const before = await orderIn(c, "in_progress");
    expect(before.price).toMatchObject({ serviceFee: usd(575), total: usd(5575), sellerEarnings: usd(4000) });

    const changed = await c.admin.client.put<MarketplaceSettings>("/api/admin/settings", {
      ...current.body,
      commissionBps: 1000,
      buyerFeeBps: 1000,
      smallOrderFee: usd(0),
      clearingDays: 3,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ commissionBps: 1000, buyerFeeBps: 1000, clearingDays: 3 });

    const quote = await c.buyer.client.post("/api/orders/quote", { gigId: c.gigId, tier: "basic" });
    expect(quote.body).toMatchObject({ serviceFee: usd(500), total: usd(5500), sellerEarnings: usd(4500) });
    const after = await orderIn(c, "completed");
    expect(after.price).toMatchObject({ serviceFee: usd(500), total: usd(5500), sellerEarnings: usd(4500) });
    const days = (o: Order) => (Date.parse(o.clearsAt!) - Date.parse(o.completedAt!)) / 86_400_000;
    expect(days(after)).toBe(3);

    // The earlier order, completed after the change, still clears after 14 days and earned 40.00.
    await c.seller.client.post(`/api/orders/${before.id}/deliveries`, {
      message: "Done",
      fileIds: [],
      aiUse: "none",
    });
    const accepted = await c.buyer.client.post<Order>(`/api/orders/${before.id}/accept`);
    expect(accepted.body.price).toMatchObject({ serviceFee: usd(575), sellerEarnings: usd(4000) });
    expect(days(accepted.body)).toBe(14);

    const log = await c.admin.client.get<{ data: AuditEntry[] }>("/api/admin/audit-log");
    expect(log.body.data[0]).toMatchObject({
      action: "settings.update",
      actor: { username: c.admin.username },
      subject: { type: "settings", id: "marketplace" },
    });
    expect(log.body.data[0]!.reason).toContain("commissionBps");

    await c.admin.client.put("/api/admin/settings", { ...current.body });
  });

  it("sends gigs with a newly prohibited term to review", async () => {
    const [admin, seller] = await Promise.all([newParty(server, "admin"), newParty(server, "seller")]);
    const current = await admin.client.get<MarketplaceSettings>("/api/admin/settings");
    await admin.client.put("/api/admin/settings", {
      ...current.body,
      prohibitedTerms: [...current.body.prohibitedTerms, "Counterfeit Badges"],
    });
    const gig = await createGig(seller.client, { title: "I will design counterfeit badges for you" });
    const published = await seller.client.post(`/api/gigs/${gig.id}/publish`);
    expect(published.body.status).toBe("pending_review");
    await admin.client.put("/api/admin/settings", current.body);
  });

  it("refuses non-admins (404), unknown fields and other currencies (400)", async () => {
    const [admin, member] = await Promise.all([newParty(server, "admin"), newParty(server)]);
    expectProblem(await member.client.get("/api/admin/settings"), 404, "not_found");
    expectProblem(await member.client.put("/api/admin/settings", defaults), 404, "not_found");
    expectProblem(
      await admin.client.put("/api/admin/settings", { ...defaults, vat: 1 }),
      400,
      "validation_failed",
    );
    expectProblem(
      await admin.client.put("/api/admin/settings", {
        ...defaults,
        smallOrderFee: { amount: 300, currency: "EUR" },
      }),
      400,
      "validation_failed",
    );
  });
});
