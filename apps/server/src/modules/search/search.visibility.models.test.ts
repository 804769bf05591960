import { describe, expect, it } from "vitest";
import { trendOf } from "./search.demand";
import { qualityScore, rankingFactors, type RankingInputs } from "./search.ranking";
import { bucketWeeks, factorsWithChange, visibilityAdvice, weekBounds } from "./search.visibility.models";

const base: RankingInputs = { ratingSum: 0, ratingCount: 0, ordersCompleted: 0, level: "new" };

describe("rankingFactors", () => {
  it("sums to the stored rank for any inputs", () => {
    for (const ratingCount of [0, 1, 9, 10, 250]) {
      for (const ordersCompleted of [0, 1, 50, 2000, 9000]) {
        for (const level of ["new", "level_1", "level_2", "top_rated"] as const) {
          const inputs = { ratingSum: ratingCount * 4.7, ratingCount, ordersCompleted, level };
          const sum = rankingFactors(inputs).reduce((s, f) => s + f.contribution, 0);
          expect(Math.round(sum * 1_000_000)).toBe(qualityScore(inputs));
        }
      }
    }
  });

  it("reports a change only in the factor that changed", () => {
    const now = { ...base, ordersCompleted: 11 };
    const [rating, orders, level] = factorsWithChange(now, { ...base, ordersCompleted: 10 });
    expect(rating!.changeFromPreviousWeek).toBe(0);
    expect(level!.contributionChange).toBe(0);
    expect(orders).toMatchObject({ value: 11, changeFromPreviousWeek: 1, label: "11 completed orders" });
    expect(orders!.contributionChange).toBeGreaterThan(0);
  });
});

describe("weeks", () => {
  const now = new Date("2026-12-07T15:00:00Z");

  it("ends the last week now and starts each at a UTC midnight seven days apart", () => {
    const weeks = weekBounds(now, 2);
    expect(weeks.map((w) => [w.from.toISOString(), w.to.toISOString()])).toEqual([
      ["2026-11-24T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
      ["2026-12-01T00:00:00.000Z", "2026-12-07T15:00:00.000Z"],
    ]);
  });

  it("puts each day in its week and averages positions over ranked impressions", () => {
    const row = (day: string, impressions: number, ranked: number, positionSum: number) => ({
      day,
      impressions,
      ranked,
      position_sum: positionSum,
      clicks: 1,
      orders: 0,
    });
    const [previous, current] = bucketWeeks(weekBounds(now, 2), [
      row("2026-11-24", 5, 5, 10),
      row("2026-11-30", 1, 0, 0),
      row("2026-12-01", 4, 2, 7),
      row("2026-12-07", 2, 2, 2),
    ]);
    expect(previous).toMatchObject({ impressions: 6, clicks: 2, averagePosition: 2 });
    expect(current).toMatchObject({ impressions: 6, clicks: 2, averagePosition: 2.3 });
  });
});

describe("visibilityAdvice", () => {
  const week = { from: "", to: "", impressions: 500, clicks: 2, orders: 0, averagePosition: 31 };

  it("names what to do, with the points it would add", () => {
    const advice = visibilityAdvice({ searchable: true, inputs: base, week, pageSize: 20 });
    expect(advice.join("\n")).toMatch(/position 31/);
    expect(advice.join("\n")).toMatch(/Shown 500 times but opened 2 times/);
    expect(advice.join("\n")).toMatch(/each 5-star review adds about [\d.]+ points/);
    expect(advice.join("\n")).toMatch(/Reaching Level 1 would add 6 points/);
  });

  it("says first that a gig out of search cannot be found", () => {
    const advice = visibilityAdvice({ searchable: false, inputs: base, week, pageSize: 20 });
    expect(advice[0]).toMatch(/not in search/);
  });
});

describe("trendOf", () => {
  it("is new without searches last week, and up or down past a fifth", () => {
    expect(trendOf(3, 0).direction).toBe("new");
    expect(trendOf(0, 0).direction).toBe("flat");
    expect(trendOf(12, 10).direction).toBe("flat");
    expect(trendOf(13, 10).direction).toBe("up");
    expect(trendOf(7, 10).direction).toBe("down");
    expect(trendOf(8, 10).direction).toBe("flat");
  });
});
