import type { Brief, Offer } from "@atelier/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGig, buildSeller } from "../api/search.helpers";
import { startTestServer, type TestServer } from "../harness";
import { expectProblem, newParty, usd, type Party } from "../orders/orders.helpers";
import { offerBody, payOffer } from "./negotiation.helpers";

let server: TestServer;
let buyer: Party;
let watercolour: Party;
let invitations: Party;
let blogger: Party;
let stranger: Party;
let brief: Brief;

const briefBody = {
  title: "Watercolor wedding invitation",
  description: "I need an illustrated wedding invitation in watercolor, printable, for about 120 guests.",
  categorySlug: "illustration",
  budget: { max: usd(10000) },
  deadline: "2027-03-01",
};

beforeAll(async () => {
  server = await startTestServer();
  [buyer, watercolour, invitations, blogger, stranger] = await Promise.all([
    newParty(server),
    newParty(server, "seller"),
    newParty(server, "seller"),
    newParty(server, "seller"),
    newParty(server),
  ]);
  // Fits every word, within budget, well rated; the same seller's second fitting gig.
  await buildGig(server.deps, watercolour.id, {
    title: "I will paint a watercolor wedding invitation",
    category: "illustration",
    price: 8000,
    ratingSum: 98,
    ratingCount: 20,
  });
  await buildGig(server.deps, watercolour.id, {
    title: "I will paint a watercolor portrait of your pet",
    category: "illustration",
    price: 6000,
  });
  // Fits some words, three times the budget, unrated.
  await buildGig(server.deps, invitations.id, {
    title: "I will illustrate a wedding invitation suite",
    category: "illustration",
    price: 30000,
  });
  // Another category, other words.
  await buildGig(server.deps, blogger.id, { title: "I will write SEO blog posts", category: "seo" });
  const res = await buyer.client.post<Brief>("/api/briefs", briefBody);
  expect(res.status).toBe(201);
  brief = res.body;
});
afterAll(() => server.close());

describe("a buyer's brief", () => {
  it("ranks the fitting sellers once each, the best fit first, and leaves out the rest", () => {
    expect(brief).toMatchObject({
      status: "open",
      buyer: { username: buyer.username },
      categorySlug: "illustration",
      budget: { max: usd(10000) },
      offers: [],
    });
    const sellers = brief.matches.map((m) => m.seller.username);
    expect(sellers).toEqual([watercolour.username, invitations.username]);
    expect(brief.matches[0]!.gig.title).toBe("I will paint a watercolor wedding invitation");
    expect(brief.matches[0]!.score).toBeGreaterThan(brief.matches[1]!.score);
  });

  it("tells the matched sellers in the app and by e-mail, and lists the brief in their inbox only", async () => {
    const notes = await watercolour.client.get("/api/notifications");
    expect(notes.body.data[0]).toMatchObject({ kind: "brief_matched", link: `/seller/briefs/${brief.id}` });
    const mail = await server.client().get(`/api/test/mailbox?to=${encodeURIComponent(watercolour.email)}`);
    expect(mail.body.data.map((m: { subject: string }) => m.subject)).toContain(
      `A buyer's brief fits your gigs: ${briefBody.title}`,
    );
    const inbox = await watercolour.client.get<{ data: Brief[] }>("/api/briefs/inbox");
    expect(inbox.body.data.map((b) => b.id)).toEqual([brief.id]);
    // A seller sees their own match only.
    expect(inbox.body.data[0]!.matches.map((m) => m.seller.username)).toEqual([watercolour.username]);
    expect((await blogger.client.get("/api/briefs/inbox")).body.data).toEqual([]);
    expectProblem(await blogger.client.get(`/api/briefs/${brief.id}`), 404, "not_found");
    expectProblem(await stranger.client.get(`/api/briefs/${brief.id}`), 404, "not_found");
    const mine = await buyer.client.get<{ data: Brief[] }>("/api/briefs");
    expect(mine.body.data.map((b) => b.id)).toEqual([brief.id]);
  });

  it("is the one way a seller opens a conversation with a buyer: a matched seller's offer", async () => {
    expectProblem(
      await watercolour.client.post("/api/conversations", { username: buyer.username }),
      403,
      "recipient_not_seller",
    );
    expectProblem(await blogger.client.post(`/api/briefs/${brief.id}/offers`, offerBody()), 404, "not_found");
    const res = await watercolour.client.post<Offer>(
      `/api/briefs/${brief.id}/offers`,
      offerBody({ price: usd(9000) }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "open",
      briefId: brief.id,
      buyer: { username: buyer.username },
    });
    const conversations = await buyer.client.get("/api/conversations");
    expect(conversations.body.data[0]).toMatchObject({
      id: res.body.conversationId,
      participant: { username: watercolour.username },
      lastMessage: { offerId: res.body.id },
    });
    const page = await buyer.client.get<Brief>(`/api/briefs/${brief.id}`);
    expect(page.body.offers.map((o) => o.id)).toEqual([res.body.id]);
    // 90.00 + 5.5 % + the 3.00 small-order fee (under 100.00): the all-in price.
    expect(page.body.offers[0]!.total).toEqual(usd(9795));
    expect((await payOffer(buyer, res.body.id)).status).toBe(201);
  });

  it("takes no more offers once the buyer closes it; only the buyer closes it", async () => {
    expectProblem(await invitations.client.post(`/api/briefs/${brief.id}/close`), 404, "not_found");
    const closed = await buyer.client.post<Brief>(`/api/briefs/${brief.id}/close`);
    expect(closed.body).toMatchObject({ status: "closed" });
    expectProblem(
      await invitations.client.post(`/api/briefs/${brief.id}/offers`, offerBody()),
      409,
      "brief_closed",
    );
    expectProblem(await buyer.client.post(`/api/briefs/${brief.id}/close`), 409, "brief_closed");
  });

  it("finds the fitting gigs through a business name no gig has and filler words", async () => {
    const [labels, bottles, decoy] = await Promise.all([
      newParty(server, "seller"),
      newParty(server, "seller"),
      newParty(server, "seller"),
    ]);
    await buildGig(server.deps, labels.id, {
      title: "I will illustrate a botanical wine label",
      category: "illustration",
    });
    await buildGig(server.deps, bottles.id, {
      title: "I will design a wine bottle label",
      category: "illustration",
    });
    // Shares five of the brief's filler words, none of what the buyer wants: search's relaxed
    // answer (most words matched first) would put it ahead of both.
    await buildGig(server.deps, decoy.id, {
      title: "I will include revisions for small family budgets, tell me how many",
      category: "illustration",
    });
    const title = "Botanical wine label for Quorvantix";
    const res = await buyer.client.post<Brief>("/api/briefs", {
      title,
      description:
        "Hi! We are Quorvantix, a small family winery, and we are looking for a botanical wine label. " +
        "Please tell me how many revisions you include. We have a small budget but we pay on time.",
    });
    expect(res.status).toBe(201);
    const sellers = res.body.matches.map((m) => m.seller.username);
    expect(sellers.slice(0, 2)).toEqual([labels.username, bottles.username]);
    expect(sellers.indexOf(decoy.username)).not.toBe(0);
    for (const seller of [labels, bottles]) {
      const mail = await server.client().get(`/api/test/mailbox?to=${encodeURIComponent(seller.email)}`);
      expect(mail.body.data.map((m: { subject: string }) => m.subject)).toContain(
        `A buyer's brief fits your gigs: ${title}`,
      );
      const notes = await seller.client.get("/api/notifications");
      expect(notes.body.data[0]).toMatchObject({
        kind: "brief_matched",
        link: `/seller/briefs/${res.body.id}`,
      });
    }
  });

  it("is sent to at most 20 sellers", async () => {
    const sellers = await Promise.all(Array.from({ length: 23 }, () => buildSeller(server.deps.db)));
    for (const s of sellers) {
      await buildGig(server.deps, s.id, {
        title: "I will letter a calligraphy menu card",
        category: "illustration",
      });
    }
    const res = await buyer.client.post<Brief>("/api/briefs", {
      title: "Calligraphy menu card",
      description: "Hand lettered calligraphy menu for a dinner",
    });
    expect(res.status).toBe(201);
    expect(res.body.matches).toHaveLength(20);
    expect(new Set(res.body.matches.map((m) => m.seller.username)).size).toBe(20);
  });
});
