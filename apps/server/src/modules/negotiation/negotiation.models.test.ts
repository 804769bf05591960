import type { GigCard } from "@atelier/contracts";
import { describe, expect, it } from "vitest";
import {
  budgetFit,
  effectiveStatus,
  milestonesProblem,
  rankMatches,
  ratingScore,
} from "./negotiation.models";

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
      { budgetMax: null, buyerUsername: "buyer", limit: 20 },
    );
    expect(ranked.map((m) => [m.sellerUsername, m.gigId])).toEqual([
      ["ann", "a1"],
      ["bob", "b1"],
    ]);
    expect(
      rankMatches([card("a", "ann", 1), card("b", "bob", 1)], {
        budgetMax: null,
        buyerUsername: "x",
        limit: 1,
      }),
    ).toHaveLength(1);
  });

  it("lets budget fit and rating lift a less relevant gig over one far above budget", () => {
    const ranked = rankMatches(
      [card("pricey", "ann", 40000), card("fits", "bob", 9000, { average: 4.9, count: 30 })],
      { budgetMax: 10000, buyerUsername: "x", limit: 20 },
    );
    expect(ranked.map((m) => m.gigId)).toEqual(["fits", "pricey"]);
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
