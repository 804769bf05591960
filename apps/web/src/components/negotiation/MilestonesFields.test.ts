import { describe, expect, it } from "vitest";
import { readMilestones } from "./MilestonesFields";

const row = (title: string, price: string, days = "2") => ({ title, price, days });

describe("readMilestones", () => {
  it("reads 2–6 titled, priced parts that add up to the price", () => {
    expect(readMilestones([row("Logo", "50"), row("Sheet", "100.00", "3")], 15000, "USD")).toEqual({
      milestones: [
        { title: "Logo", price: { amount: 5000, currency: "USD" }, deliveryDays: 2 },
        { title: "Sheet", price: { amount: 10000, currency: "USD" }, deliveryDays: 3 },
      ],
    });
  });

  it("says what is wrong: under 100.00, too few, untitled, unpriced, not adding up", () => {
    const problem = (r: ReturnType<typeof readMilestones>) => ("error" in r ? r.error : null);
    expect(problem(readMilestones([row("A", "40"), row("B", "40")], 8000, "USD"))).toMatch(/100\.00/);
    expect(problem(readMilestones([row("A", "150")], 15000, "USD"))).toMatch(/2 to 6/);
    expect(problem(readMilestones([row("", "75"), row("B", "75")], 15000, "USD"))).toMatch(/title/);
    expect(problem(readMilestones([row("A", "0"), row("B", "150")], 15000, "USD"))).toMatch(/price above 0/);
    expect(problem(readMilestones([row("A", "50"), row("B", "90")], 15000, "USD"))).toBe(
      "The milestones add up to $140.00; the offer’s price is $150.00.",
    );
  });
});
