import type { GigCard } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import {
  activityScore,
  budgetFit,
  effectiveStatus,
  milestonesProblem,
  rankMatches,
  ratingScore,
} from "./negotiation.models";

const NOW = new Date("2026-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
/** Ranking options: no budget, nobody's activity known, unless a test says otherwise. */
const opts = (o: Partial<Parameters<typeof rankMatches>[1]> = {}) => ({
  budgetMax: null,
  buyerUsername: "buyer",
  limit: 20,
  now: NOW,
  activeAt: new Map<string, Date | null>(),
  ...o,
});

function card(
  id: string,
  seller: string,
  allIn: number,
  rating: GigCard["rating"] = { average: null, count: 0 },
) {
  const price = { amount: allIn, currency: "USD" };
  return {
    id,
    title: `gig ${id}`,
    slug: id,
    seller: { username: seller, displayName: seller, level: "new" },
    startingPrice: price,
    startingPriceAllIn: price,
    rating,
    deliveryDays: 3,
    coverImageUrl: null,
    aiUse: "none",
  } satisfies GigCard;
}

describe("brief matching", () => {
  it("fits a budget fully up to it, then less down to zero at twice it", () => {
    expect(budgetFit(10000, null)).toBe(1);
    expect(budgetFit(10000, 10000)).toBe(1);
    expect(budgetFit(15000, 10000)).toBe(0.5);
    expect(budgetFit(30000, 10000)).toBe(0);
  });

  it("weighs a rating by the reviews behind it", () => {
    expect(ratingScore({ average: null, count: 0 })).toBe(0);
    expect(ratingScore({ average: 5, count: 1 })).toBeCloseTo(0.2);
    expect(ratingScore({ average: 5, count: 50 })).toBe(1);
  });

  it("keeps each seller's best gig, leaves out the buyer's own, and stops at the limit", () => {
    const ranked = rankMatches(
      [card("a1", "ann", 5000), card("b1", "bob", 5000), card("a2", "ann", 5000), card("me", "buyer", 1)],
      opts(),
    );
    expect(ranked.map((m) => [m.sellerUsername, m.gigId])).toEqual([
      ["ann", "a1"],
      ["bob", "b1"],
    ]);
    expect(
      rankMatches([card("a", "ann", 1), card("b", "bob", 1)], opts({ buyerUsername: "x", limit: 1 })),
    ).toHaveLength(1);
  });

  it("lets budget fit and rating lift a less relevant gig over one far above budget", () => {
    const ranked = rankMatches(
      [card("pricey", "ann", 40000), card("fits", "bob", 9000, { average: 4.9, count: 30 })],
      opts({ budgetMax: 10000 }),
    );
    expect(ranked.map((m) => m.gigId)).toEqual(["fits", "pricey"]);
  });

  it("scores a seller's recent activity: full within three days, halving every fortnight, none unknown", () => {
    expect(activityScore(null, NOW)).toBe(0);
    expect(activityScore(NOW, NOW)).toBe(1);
    expect(activityScore(daysAgo(3), NOW)).toBe(1);
    expect(activityScore(daysAgo(17), NOW)).toBeCloseTo(0.5);
    expect(activityScore(daysAgo(45), NOW)).toBeCloseTo(0.125);
    // A clock a little behind the stored time is not "more than active".
    expect(activityScore(new Date(NOW.getTime() + 60_000), NOW)).toBe(1);
  });

  it("among close word matches, puts the seller active yesterday before ones seen months ago or never", () => {
    // Nine better matches first; then three the search found about as relevant as each other.
    const better = Array.from({ length: 9 }, (_, i) => card(`top${i}`, `top${i}`, 5000));
    const cards = [
      ...better,
      card("never", "nora", 5000),
      card("months", "max", 5000),
      card("recent", "rita", 5000),
    ];
    const activeAt = new Map<string, Date | null>([
      ["never", null],
      ["months", daysAgo(120)],
      ["recent", daysAgo(1)],
    ]);
    const order = (ranked: { gigId: string }[]) =>
      ranked.map((m) => m.gigId).filter((id) => ["never", "months", "recent"].includes(id));
    // Without activity the search's order stands.
    expect(order(rankMatches(cards, opts()))).toEqual(["never", "months", "recent"]);
    expect(order(rankMatches(cards, opts({ activeAt })))).toEqual(["recent", "never", "months"]);
  });

  it("does not let activity lift a gig far down the search results over a better word match", () => {
    const cards = Array.from({ length: 6 }, (_, i) => card(`g${i}`, `seller${i}`, 5000));
    // Only the sixth result's seller is active; the first one's is not known at all.
    const ranked = rankMatches(cards, opts({ activeAt: new Map([["g5", daysAgo(0)]]) }));
    expect(ranked.slice(0, 3).map((m) => m.gigId)).toEqual(["g0", "g1", "g2"]);
    expect(ranked[3]!.gigId).toBe("g5");
  });

  it("shows an open offer past its expiry as expired before its job runs", () => {
    const expiresAt = new Date("2026-01-02T00:00:00Z");
    expect(effectiveStatus({ status: "open", expires_at: expiresAt }, new Date("2026-01-01T23:59:59Z"))).toBe(
      "open",
    );
    expect(effectiveStatus({ status: "open", expires_at: expiresAt }, expiresAt)).toBe("expired");
    expect(effectiveStatus({ status: "accepted", expires_at: expiresAt }, expiresAt)).toBe("accepted");
  });
});

describe("milestonesProblem", () => {
  const usd = (amount: number) => ({ amount, currency: "USD" });
  const part = (amount: number, currency = "USD") => ({
    title: "Part",
    price: { amount, currency },
    deliveryDays: 2,
  });
  it("allows parts adding up exactly to a price of 100.00 or more, or no parts at all", () => {
    expect(milestonesProblem({ price: usd(10000), milestones: [part(5000), part(5000)] })).toBeNull();
    expect(milestonesProblem({ price: usd(999) })).toBeNull();
  });
  it("refuses parts under 100.00, and parts that do not add up or are in another currency", () => {
    expect(milestonesProblem({ price: usd(9999), milestones: [part(5000), part(4999)] })?.code).toBe(
      "milestones_not_allowed",
    );
    expect(milestonesProblem({ price: usd(10000), milestones: [part(5000), part(5001)] })?.code).toBe(
      "milestones_sum_mismatch",
    );
    expect(milestonesProblem({ price: usd(10000), milestones: [part(5000), part(5000, "EUR")] })?.code).toBe(
      "milestones_sum_mismatch",
    );
  });
});
