import type { Gig, GigCard, Order, Quote } from "@atelier/contracts";
import type { MarketplaceSettings } from "@atelier/contracts/safety";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/app/config";
import { unique, type ApiClient } from "../client";
import { adminClient, createActiveGig, threePackages } from "../factories/catalog";
import { startTestServer, type TestServer } from "../harness";

/**
 * Prices are all-in (API.md section 14, PRODUCT.md): every GigCard carries `startingPriceAllIn`,
 * the cheapest package plus the buyer's service fee, and it is exactly what checkout charges. Both
 * search engines answer through the same presenter; each runs here on its own server.
 */

const usd = (amount: number) => ({ amount, currency: "USD" });

describe.each(["memory", "sql"] as const)("all-in prices with the %s search engine", (engine) => {
  let server: TestServer;
  let seller: ApiClient;
  let sellerName: string;
  const word = unique("zarquon").replace(/[^a-z]/g, "");
  const gigs = new Map<number, Gig>();

  beforeAll(async () => {
    server = await startTestServer((config: Config) => {
      config.search.engine = engine;
      config.search.pageCacheSeconds = 0;
      config.search.countCacheSeconds = 0;
    });
    seller = server.client();
    sellerName = (await seller.signupSeller()).username;
    // 50.00 pays the 5.5% fee and the 3.00 small-order fee; 100.00 only the 5.5%; 99.99 is the step.
    for (const basic of [5000, 9999, 10000]) {
      const gig = await createActiveGig(seller, {
        title: `I will paint a ${word} portrait at ${basic / 100}`,
        packages: threePackages([basic, 20000, 30000]),
      });
      expect(gig.status).toBe("active");
      gigs.set(basic, gig);
    }
  });
  afterAll(() => server.close());

  const expected = new Map([
    [5000, 5575],
    [9999, 10849],
    [10000, 10550],
  ]);

  it("puts the all-in starting price on search cards", async () => {
    const res = await server.client().get(`/api/search/gigs?q=${word}&sort=price_asc`);
    expect(res.status).toBe(200);
    const cards = res.body.data as GigCard[];
    expect(cards.map((c) => [c.startingPrice.amount, c.startingPriceAllIn])).toEqual([
      [5000, usd(5575)],
      [9999, usd(10849)],
      [10000, usd(10550)],
    ]);
  });

  it("puts it on the seller's cards, their own list and the gig page, per package", async () => {
    const profile = await server.client().get(`/api/users/${sellerName}/gigs`);
    expect(profile.status).toBe(200);
    const mine = await seller.get("/api/me/gigs");
    expect(mine.status).toBe(200);
    for (const [basic, allIn] of expected) {
      const id = gigs.get(basic)?.id;
      const card = (list: GigCard[]) => list.find((c) => c.id === id)?.startingPriceAllIn;
      expect(card(profile.body.data)).toEqual(usd(allIn));
      expect(card(mine.body.data)).toEqual(usd(allIn));

      const page = await server.client().get<Gig>(`/api/gigs/${id}`);
      expect(page.body.startingPriceAllIn).toEqual(usd(allIn));
      expect(
        page.body.packages.map((p) => [p.price.amount, p.serviceFee.amount, p.priceAllIn.amount]),
      ).toEqual([
        [basic, allIn - basic, allIn],
        [20000, 1100, 21100],
        [30000, 1650, 31650],
      ]);
    }
  });

  it("charges at checkout exactly the all-in price the card showed", async () => {
    const buyer = server.client();
    await buyer.signup();
    const cards = (await server.client().get(`/api/search/gigs?q=${word}`)).body.data as GigCard[];
    for (const card of cards) {
      const quote = await server
        .client()
        .post<Quote>("/api/orders/quote", { gigId: card.id, tier: "basic", extraIds: [], quantity: 1 });
      expect(quote.body.total).toEqual(card.startingPriceAllIn);
    }
    const card = cards.find((c) => c.startingPrice.amount === 5000);
    const order = await buyer.post<Order>(
      "/api/orders",
      {
        gigId: card?.id,
        tier: "basic",
        extraIds: [],
        quantity: 1,
        payment: { method: "card", token: "tok_visa" },
      },
      { "idempotency-key": unique("key") },
    );
    expect(order.status).toBe(201);
    expect(order.body.price.total).toEqual(usd(5575));
  });

  it("follows the buyer fee an admin sets: cards, the gig page and checkout at once, and back", async () => {
    const admin = await adminClient(() => server.client(), server.client());
    const before = (await admin.get<MarketplaceSettings>("/api/admin/settings")).body;
    const [cheap, dear] = [gigs.get(5000)?.id, gigs.get(10000)?.id];
    const shown = async () => {
      const search = (await server.client().get(`/api/search/gigs?q=${word}`)).body.data as GigCard[];
      const profile = (await server.client().get(`/api/users/${sellerName}/gigs`)).body.data as GigCard[];
      const mine = (await seller.get("/api/me/gigs")).body.data as GigCard[];
      const page = (await server.client().get<Gig>(`/api/gigs/${dear}`)).body;
      const quote = await server
        .client()
        .post<Quote>("/api/orders/quote", { gigId: cheap, tier: "basic", extraIds: [], quantity: 1 });
      const of = (list: GigCard[]) =>
        [cheap, dear].map((id) => list.find((c) => c.id === id)?.startingPriceAllIn);
      return {
        search: of(search),
        profile: of(profile),
        mine: of(mine),
        page: page.packages.map((p) => p.priceAllIn.amount),
        quote: quote.body.total,
      };
    };
    // 10% and no small-order fee: 50.00 → 55.00, 100.00 → 110.00; packages 200.00 → 220.00, 300.00 → 330.00.
    const changed = await admin.put("/api/admin/settings", {
      ...before,
      buyerFeeBps: 1000,
      smallOrderFee: usd(0),
    });
    expect(changed.status).toBe(200);
    try {
      expect(await shown()).toEqual({
        search: [usd(5500), usd(11000)],
        profile: [usd(5500), usd(11000)],
        mine: [usd(5500), usd(11000)],
        page: [11000, 22000, 33000],
        quote: usd(5500),
      });
    } finally {
      expect((await admin.put("/api/admin/settings", before)).status).toBe(200);
    }
    expect(await shown()).toEqual({
      search: [usd(5575), usd(10550)],
      profile: [usd(5575), usd(10550)],
      mine: [usd(5575), usd(10550)],
      page: [10550, 21100, 31650],
      quote: usd(5575),
    });
  });
});
