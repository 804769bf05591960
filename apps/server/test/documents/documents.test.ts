import type { Order, ReceiptDto } from "@atelier/contracts";
import type { MarketplaceSettings } from "@atelier/contracts/safety";
import { describe, expect, it } from "vitest";
import { download, upload } from "../credentials/credentials.helpers";
import { send } from "../messaging/messaging.helpers";
import { placeOrder, step, useOrderScene, type Cast, type Party } from "../orders/orders.helpers";
import { pdfText } from "./pdf-text";

/**
 * The order documents (API.md section 12): the buyer's numbered invoice and the evidence pack, as
 * PDFs read back with a text extractor, through the real routes and their access rules.
 */
const c: Cast = useOrderScene();

const usd = (amount: number) => `$${(amount / 100).toFixed(2)}`;

async function get(p: Party | null, url: string) {
  const res = p ? await download(c.server, p.client, url) : await download(c.server, c.server.client(), url);
  return { ...res, text: res.status === 200 ? (await pdfText(res.bytes)).text : "" };
}

async function displayName(p: Party): Promise<string> {
  return (await p.client.get<{ displayName: string }>("/api/me")).body.displayName;
}

async function commercialOrder(): Promise<Order> {
  await c.server.deps.db.query("UPDATE gigs SET licences = $2::jsonb WHERE id = $1", [
    c.gigId,
    JSON.stringify([
      { kind: "personal", price: { amount: 0, currency: "USD" } },
      { kind: "commercial", price: { amount: 2000, currency: "USD" } },
    ]),
  ]);
  return placeOrder(c.buyer, c.gigId, { licence: "commercial" });
}

describe("the invoice", () => {
  it("names both parties, the gig, package and licence, and the order's stored amounts", async () => {
    const order = await commercialOrder();
    // 50.00 package + 20.00 licence; fee 5.5 % + 3.00 under 100.00.
    expect([order.price.subtotal.amount, order.price.serviceFee.amount, order.price.total.amount]).toEqual([
      7000, 685, 7685,
    ]);
    const res = await download(c.server, c.buyer.client, `/api/orders/${order.id}/invoice`);
    expect(res.status).toBe(200);
    expect(res.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await pdfText(res.bytes);
    const number = /INV-\d{6}/.exec(text)?.[0];
    expect(number).toBeDefined();
    for (const expected of [
      `Invoice number: ${number}`,
      order.id,
      await displayName(c.buyer),
      `@${c.buyer.username}`,
      await displayName(c.seller),
      `@${c.seller.username}`,
      order.gig.title,
      `Package: ${order.package.name} (Basic)`,
      "Licence: Commercial",
      `Price ${usd(7000)}`,
      `Service fee ${usd(685)}`,
      `Total (USD) ${usd(7685)}`,
    ]) {
      expect(text).toContain(expected);
    }

    // The same number on every download, for the buyer and for an admin.
    expect((await get(c.buyer, `/api/orders/${order.id}/invoice`)).text).toContain(`Invoice ${number}`);
    expect((await get(c.admin, `/api/orders/${order.id}/invoice`)).text).toContain(`Invoice ${number}`);
  });

  it("keeps the amounts the order was placed with after the fees change", async () => {
    const order = await placeOrder(c.buyer, c.gigId, { licence: "personal" });
    const settings = (await c.admin.client.get<MarketplaceSettings>("/api/admin/settings")).body;
    const changed = await c.admin.client.put("/api/admin/settings", { ...settings, buyerFeeBps: 1500 });
    expect(changed.status).toBe(200);
    try {
      const { text } = await get(c.buyer, `/api/orders/${order.id}/invoice`);
      expect(text).toContain(`Service fee ${usd(order.price.serviceFee.amount)}`);
      expect(text).toContain(`Total (USD) ${usd(order.price.total.amount)}`);
      expect(order.price.total.amount).toBe(5575);
    } finally {
      await c.admin.client.put("/api/admin/settings", settings);
    }
  });

  it("numbers invoices one after another, without gaps, also when downloaded at once", async () => {
    const orders = await Promise.all([1, 2, 3, 4, 5].map(() => placeOrder(c.buyer, c.gigId)));
    const numbers = await Promise.all(
      orders.map(async (o) => {
        const res = await download(c.server, c.buyer.client, `/api/orders/${o.id}/invoice`);
        return Number(/INV-(\d{6})/.exec((await pdfText(res.bytes)).text)?.[1]);
      }),
    );
    const sorted = [...numbers].sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(5);
    expect(sorted[4]! - sorted[0]!).toBe(4);
    // Twice at once for one new order: one number.
    const fresh = await placeOrder(c.buyer, c.gigId);
    const twice = await Promise.all([1, 2].map(() => get(c.buyer, `/api/orders/${fresh.id}/invoice`)));
    const [a, b] = twice.map((t) => /INV-\d{6}/.exec(t.text)?.[0]);
    expect(a).toBe(b);
    expect(Number(a?.slice(4))).toBe(sorted[4]! + 1);
  });

  it("is the buyer's alone: the seller and strangers get 404, signed out 401", async () => {
    const order = await placeOrder(c.buyer, c.gigId);
    const url = `/api/orders/${order.id}/invoice`;
    expect((await get(c.seller, url)).status).toBe(404);
    expect((await get(c.stranger, url)).status).toBe(404);
    expect((await get(null, url)).status).toBe(401);
    expect((await get(c.buyer, "/api/orders/ord_nope/invoice")).status).toBe(404);
  });
});

describe("the evidence pack", () => {
  async function completedOrderWithHistory() {
    const order = await placeOrder(c.buyer, c.gigId);
    const opened = await c.seller.client.post<{ id: string }>("/api/conversations", {
      username: c.buyer.username,
    });
    const conversationId = opened.body.id;
    await send(c.seller, conversationId, "Thanks for the order! Any colour preferences?", {
      orderId: order.id,
    });
    await step.requirements(c, order.id);
    // Emoji, CJK and a letter outside Windows-1252: the standard fonts cannot draw them.
    await send(c.buyer, conversationId, "Green and gold 🎉 谢谢 — Győr café", { orderId: order.id });
    // Long enough to run over several pages.
    const long = Array.from(
      { length: 40 },
      (_, i) => `Paragraph ${i + 1} of the brief: ${"detail ".repeat(12)}`,
    );
    await send(c.buyer, conversationId, long.join("\n"), { orderId: order.id });
    const file = await upload(c.seller.client, Buffer.from("the final wordmark, as text\n"), "wordmark.txt");
    const delivered = await c.seller.client.post<Order>(`/api/orders/${order.id}/deliveries`, {
      message: "Here is the wordmark.",
      fileIds: [file.id],
      aiUse: "assisted",
      aiTools: ["Photoshop Generative Fill"],
    });
    expect(delivered.status).toBe(200);
    await step.accept(c, order.id);
    const receipt = (await c.buyer.client.get<ReceiptDto>(`/api/files/${file.id}/receipt`)).body;
    return { order, receipt };
  }

  it("holds the timeline, messages, deliveries with hashes and receipts, and the acceptance", async () => {
    const { order, receipt } = await completedOrderWithHistory();
    const res = await download(c.server, c.buyer.client, `/api/orders/${order.id}/evidence`);
    expect(res.status).toBe(200);
    expect(res.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const { pages, text } = await pdfText(res.bytes);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    for (const expected of [
      "Evidence pack",
      order.id,
      await displayName(c.buyer),
      await displayName(c.seller),
      order.gig.title,
      "Placed, by buyer",
      "Submit requirements, by buyer",
      "Thanks for the order! Any colour preferences?",
      // What the font cannot show became "?"; the rest of the message is there, accents kept or dropped.
      "Green and gold ? ?? — Gyor café",
      "Paragraph 40 of the brief",
      "wordmark.txt",
      "AI declaration: AI-assisted (Photoshop Generative Fill)",
      receipt.sha256,
      `Receipt: ${receipt.fileId}, signed with ${receipt.keyId}`,
      `Accepted by the buyer @${c.buyer.username}`,
      'are printed as "?"',
    ]) {
      expect(text).toContain(expected);
    }
    // The seller and an admin get the same pack; strangers 404, signed out 401.
    expect((await get(c.seller, `/api/orders/${order.id}/evidence`)).text).toContain(receipt.sha256);
    expect((await get(c.admin, `/api/orders/${order.id}/evidence`)).text).toContain(receipt.sha256);
    expect((await get(c.stranger, `/api/orders/${order.id}/evidence`)).status).toBe(404);
    expect((await get(null, `/api/orders/${order.id}/evidence`)).status).toBe(401);
  });

  it("says when an order was not accepted", async () => {
    const order = await placeOrder(c.buyer, c.gigId);
    const { text } = await get(c.seller, `/api/orders/${order.id}/evidence`);
    expect(text).toContain("No delivery yet.");
    expect(text).toContain("Not accepted: the order is awaiting requirements.");
  });
});
