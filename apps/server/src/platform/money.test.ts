import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  add,
  allocate,
  compare,
  CurrencyMismatchError,
  format,
  money,
  multiply,
  negate,
  percentage,
  subtract,
  sum,
  zero,
} from "./money";

const usd = (amount: number) => money(amount, "USD");

describe("add and subtract", () => {
  it("work on minor units of one currency", () => {
    expect(add(usd(1999), usd(1))).toEqual(usd(2000));
    expect(subtract(usd(500), usd(750))).toEqual(usd(-250));
    expect(sum([usd(1), usd(2), usd(3)], "USD")).toEqual(usd(6));
    expect(sum([], "EUR")).toEqual(zero("EUR"));
    expect(negate(usd(42))).toEqual(usd(-42));
  });

  it("refuse to mix currencies", () => {
    expect(() => add(usd(1), money(1, "EUR"))).toThrow(CurrencyMismatchError);
    expect(() => subtract(usd(1), money(1, "EUR"))).toThrow(CurrencyMismatchError);
    expect(() => compare(usd(1), money(1, "EUR"))).toThrow(CurrencyMismatchError);
    expect(() => sum([usd(1), money(1, "EUR")], "USD")).toThrow(CurrencyMismatchError);
  });

  it("compare orders amounts", () => {
    expect(compare(usd(1), usd(2))).toBe(-1);
    expect(compare(usd(2), usd(2))).toBe(0);
    expect(compare(usd(3), usd(2))).toBe(1);
  });
});

describe("the safe-integer guard", () => {
  it("rejects fractional, non-finite and unsafe amounts", () => {
    expect(() => usd(1.5)).toThrow(RangeError);
    expect(() => usd(Number.NaN)).toThrow(RangeError);
    expect(() => usd(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => usd(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(usd(Number.MAX_SAFE_INTEGER).amount).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("catches overflow in arithmetic", () => {
    expect(() => add(usd(Number.MAX_SAFE_INTEGER), usd(1))).toThrow(RangeError);
    expect(() => subtract(usd(Number.MIN_SAFE_INTEGER), usd(1))).toThrow(RangeError);
    expect(() => multiply(usd(Number.MAX_SAFE_INTEGER), 2)).toThrow(RangeError);
  });

  it("multiplies by whole quantities only", () => {
    expect(multiply(usd(2500), 3)).toEqual(usd(7500));
    expect(() => multiply(usd(2500), 1.5)).toThrow(RangeError);
  });
});

describe("percentage", () => {
  it("takes 5.5% of 50.00 as exactly 2.75", () => {
    expect(percentage(usd(5000), 550)).toEqual(usd(275));
  });

  it("rounds half away from zero", () => {
    expect(percentage(usd(1), 5000)).toEqual(usd(1)); // 0.5 → 1
    expect(percentage(usd(-1), 5000)).toEqual(usd(-1)); // -0.5 → -1
    expect(percentage(usd(3), 5000)).toEqual(usd(2)); // 1.5 → 2
    expect(percentage(usd(-3), 5000)).toEqual(usd(-2)); // -1.5 → -2
    expect(percentage(usd(10), 1499)).toEqual(usd(1)); // 1.499 → 1
    expect(percentage(usd(-10), 1499)).toEqual(usd(-1));
  });

  it("handles tiny amounts", () => {
    expect(percentage(usd(9), 550)).toEqual(usd(0)); // 0.495 → 0
    expect(percentage(usd(10), 550)).toEqual(usd(1)); // 0.55 → 1
    expect(percentage(usd(1), 550)).toEqual(usd(0));
    expect(percentage(usd(0), 550)).toEqual(usd(0));
    expect(percentage(usd(1), 10000)).toEqual(usd(1));
  });

  it("refuses fractional basis points", () => {
    expect(() => percentage(usd(100), 5.5)).toThrow(RangeError);
  });

  it("is within half a minor unit of the exact value, and symmetric in sign", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        const result = percentage(usd(amount), bp).amount;
        const exactTimes10k = amount * bp;
        // |result − exact| ≤ ½, compared in integers (×10000) to stay exact.
        expect(Math.abs(result * 10_000 - exactTimes10k)).toBeLessThanOrEqual(5000);
        expect(percentage(usd(-amount), bp).amount).toBe(result === 0 ? 0 : -result);
        expect(Object.is(result, -0)).toBe(false);
      }),
    );
  });
});

describe("allocate", () => {
  it("splits by weight and hands the leftover minor units out by largest remainder", () => {
    expect(allocate(usd(100), [1, 1, 1]).map((m) => m.amount)).toEqual([34, 33, 33]);
    expect(allocate(usd(5), [3, 7]).map((m) => m.amount)).toEqual([2, 3]); // 1.5 / 3.5
    expect(allocate(usd(-100), [1, 1, 1]).map((m) => m.amount)).toEqual([-34, -33, -33]);
    expect(allocate(usd(1000), [0, 1]).map((m) => m.amount)).toEqual([0, 1000]);
  });

  it("refuses weights that cannot split anything", () => {
    expect(() => allocate(usd(100), [])).toThrow(RangeError);
    expect(() => allocate(usd(100), [0, 0])).toThrow(RangeError);
    expect(() => allocate(usd(100), [-1, 2])).toThrow(RangeError);
    expect(() => allocate(usd(100), [0.5, 0.5])).toThrow(RangeError);
  });

  it("always sums exactly to the amount, each part within one unit of its share, zero weights get nothing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc
          .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 })
          .filter((ws) => ws.some((w) => w > 0)),
        (amount, weights) => {
          const parts = allocate(usd(amount), weights);
          const total = weights.reduce((s, w) => s + w, 0);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((s, p) => s + p.amount, 0)).toBe(amount);
          parts.forEach((part, i) => {
            const w = weights[i]!;
            expect(part.currency).toBe("USD");
            expect(Number.isSafeInteger(part.amount)).toBe(true);
            expect(Math.abs(part.amount * total - amount * w)).toBeLessThan(total);
            if (w === 0) expect(part.amount).toBe(0);
          });
        },
      ),
    );
  });
});

describe("zero", () => {
  it("never carries a sign, so it never formats as -$0.00", () => {
    expect(Object.is(percentage(usd(-1), 1).amount, 0)).toBe(true);
    expect(Object.is(allocate(usd(-1), [1, 0])[1]!.amount, 0)).toBe(true);
    expect(Object.is(negate(usd(0)).amount, 0)).toBe(true);
    expect(format(percentage(usd(-1), 1))).toBe("$0.00");
  });
});
