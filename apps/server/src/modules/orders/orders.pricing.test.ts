import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { money } from "../../platform/money";
import { breakdown, DEFAULT_FEES, milestoneShares, priceOrder, splitOrder } from "./orders.pricing";

const usd = (amount: number) => money(amount, "USD");
const fees = DEFAULT_FEES;

describe("breakdown of one payment", () => {
  it("charges 5.5% plus the 3.00 small-order fee under 100.00 and keeps 20% commission", () => {
    expect(breakdown(usd(5000), fees)).toEqual({
      subtotal: usd(5000),
      serviceFee: usd(575),
      total: usd(5575),
      commission: usd(1000),
      sellerEarnings: usd(4000),
    });
  });

  it("drops the small-order fee from 100.00 on", () => {
    expect(breakdown(usd(10000), fees)).toMatchObject({ serviceFee: usd(550), total: usd(10550) });
    // 5.5% of 99.99 = 5.49945, rounded half away from zero to 5.50, plus 3.00.
    expect(breakdown(usd(9999), fees)).toMatchObject({ serviceFee: usd(850), total: usd(10849) });
    expect(breakdown(usd(12000), fees)).toEqual({
      subtotal: usd(12000),
      serviceFee: usd(660),
      total: usd(12660),
      commission: usd(2400),
      sellerEarnings: usd(9600),
    });
  });

  it("rounds each percentage once, half away from zero", () => {
    // 5.5% of 1.10 = 0.0605 → 0.06; 20% of 1.10 = 0.22.
    expect(breakdown(usd(110), fees)).toMatchObject({
      serviceFee: usd(306),
      commission: usd(22),
      sellerEarnings: usd(88),
    });
    // 5.5% of 0.10 = 0.0055 → 0.01.
    expect(breakdown(usd(10), fees).serviceFee).toEqual(usd(301));
  });

  it("follows its configuration", () => {
    const custom = { commissionBps: 1500, serviceFeeBps: 0, smallOrderFee: 0, smallOrderThreshold: 0 };
    expect(breakdown(usd(5000), custom)).toMatchObject({
      serviceFee: usd(0),
      total: usd(5000),
      sellerEarnings: usd(4250),
    });
  });

  it("never creates or loses a cent (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (amount) => {
        const b = breakdown(usd(amount), fees);
        expect(b.total.amount).toBe(b.subtotal.amount + b.serviceFee.amount);
        expect(b.sellerEarnings.amount + b.commission.amount).toBe(amount);
        expect(b.commission.amount).toBeGreaterThanOrEqual(0);
        const small = amount < fees.smallOrderThreshold ? fees.smallOrderFee : 0;
        expect(
          Math.abs(b.serviceFee.amount - small - (amount * fees.serviceFeeBps) / 10_000),
        ).toBeLessThanOrEqual(0.5);
        expect(Math.abs(b.commission.amount - (amount * fees.commissionBps) / 10_000)).toBeLessThanOrEqual(
          0.5,
        );
      }),
    );
  });
});

describe("priceOrder", () => {
  const basic = { price: usd(5000), deliveryDays: 3 };
  const fast = { price: usd(1000), additionalDays: 0 };
  const source = { price: usd(1500), additionalDays: 1 };

  it("prices the package alone", () => {
    expect(priceOrder(basic, [], 1, fees)).toMatchObject({
      subtotal: usd(5000),
      total: usd(5575),
      deliveryDays: 3,
    });
  });

  it("adds extras to the unit and multiplies by the quantity, fees on the whole payment", () => {
    // (50.00 + 10.00 + 15.00) × 2 = 150.00: no small-order fee; 5.5% = 8.25.
    expect(priceOrder(basic, [fast, source], 2, fees)).toEqual({
      subtotal: usd(15000),
      serviceFee: usd(825),
      total: usd(15825),
      commission: usd(3000),
      sellerEarnings: usd(12000),
      deliveryDays: 4,
    });
    // 50.00 + 10.00 = 60.00, still under 100.00.
    expect(priceOrder(basic, [fast], 1, fees)).toMatchObject({
      serviceFee: usd(630),
      total: usd(6630),
      deliveryDays: 3,
    });
  });

  it("an express extra shortens delivery, never below one day", () => {
    const fiveDays = { price: usd(5000), deliveryDays: 5 };
    const express = (days: number) => ({ price: usd(1500), additionalDays: days });
    expect(priceOrder(fiveDays, [express(-2)], 1, fees).deliveryDays).toBe(3);
    expect(priceOrder(fiveDays, [express(-2), source], 1, fees).deliveryDays).toBe(4);
    expect(priceOrder(fiveDays, [express(-4)], 1, fees).deliveryDays).toBe(1);
    expect(priceOrder(fiveDays, [express(-10)], 1, fees).deliveryDays).toBe(1);
  });

  it("equals the breakdown of (package + extras) × quantity (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 500, max: 1_000_000 }),
        fc.array(
          fc.record({
            amount: fc.integer({ min: 500, max: 100_000 }),
            days: fc.integer({ min: -89, max: 10 }),
          }),
          {
            maxLength: 5,
          },
        ),
        fc.integer({ min: 1, max: 100 }),
        (price, extras, quantity) => {
          const priced = priceOrder(
            { price: usd(price), deliveryDays: 2 },
            extras.map((e) => ({ price: usd(e.amount), additionalDays: e.days })),
            quantity,
            fees,
          );
          const unit = price + extras.reduce((s, e) => s + e.amount, 0);
          expect(priced).toEqual({
            ...breakdown(usd(unit * quantity), fees),
            deliveryDays: Math.max(1, 2 + extras.reduce((s, e) => s + e.days, 0)),
          });
        },
      ),
    );
  });
});

describe("splitOrder", () => {
  const order = breakdown(usd(5000), fees);

  it("refunds the buyer's percentage of the subtotal and the fee, and pays the seller the rest less commission", () => {
    // Subtotal 50.00 → 15.00 / 35.00; fee 5.75 → 1.725 / 4.025, the odd cent to the first part.
    expect(splitOrder(order, 30, fees)).toEqual({
      buyerRefund: usd(1673),
      feeKept: usd(402),
      commission: usd(700),
      sellerEarnings: usd(2800),
    });
    expect(splitOrder(order, 100, fees)).toEqual({
      buyerRefund: usd(5575),
      feeKept: usd(0),
      commission: usd(0),
      sellerEarnings: usd(0),
    });
    expect(splitOrder(order, 0, fees)).toEqual({
      buyerRefund: usd(0),
      feeKept: usd(575),
      commission: usd(1000),
      sellerEarnings: usd(4000),
    });
  });

  it("always adds up to the order total (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 500, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        (subtotal, pct) => {
          const price = breakdown(usd(subtotal), fees);
          const s = splitOrder(price, pct, fees);
          const parts = [s.buyerRefund, s.feeKept, s.commission, s.sellerEarnings].map((m) => m.amount);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(price.total.amount);
          expect(parts.every((p) => p >= 0)).toBe(true);
          // More refund for the buyer never means more for the seller.
          if (pct < 100)
            expect(splitOrder(price, pct + 1, fees).sellerEarnings.amount).toBeLessThanOrEqual(
              s.sellerEarnings.amount,
            );
        },
      ),
    );
  });
});

describe("milestoneShares", () => {
  it("gives 150.00 in 50/50/50 a fee of 2.75, a commission of 10.00 and earnings of 40.00 each", () => {
    const price = breakdown(money(15000, "USD"), DEFAULT_FEES);
    const shares = milestoneShares(
      price,
      [5000, 5000, 5000].map((a) => money(a, "USD")),
    );
    expect(shares.map((s) => [s.serviceFee.amount, s.commission.amount, s.sellerEarnings.amount])).toEqual([
      [275, 1000, 4000],
      [275, 1000, 4000],
      [275, 1000, 4000],
    ]);
  });

  it("adds up exactly to the order's fee, commission and earnings, each share within a cent of its proportional part (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 2, maxLength: 6 }),
        (amounts) => {
          const subtotal = money(
            amounts.reduce((s, a) => s + a, 0),
            "USD",
          );
          const price = breakdown(subtotal, DEFAULT_FEES);
          const shares = milestoneShares(
            price,
            amounts.map((a) => money(a, "USD")),
          );
          const sum = (f: (s: (typeof shares)[number]) => number) => shares.reduce((t, s) => t + f(s), 0);
          expect(sum((s) => s.amount.amount)).toBe(subtotal.amount);
          expect(sum((s) => s.serviceFee.amount)).toBe(price.serviceFee.amount);
          expect(sum((s) => s.commission.amount)).toBe(price.commission.amount);
          expect(sum((s) => s.sellerEarnings.amount)).toBe(price.sellerEarnings.amount);
          for (const s of shares) {
            const part = (price.commission.amount * s.amount.amount) / subtotal.amount;
            expect(Math.abs(s.commission.amount - part)).toBeLessThan(1);
            expect(s.sellerEarnings.amount).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
