import { add, allocate, money, multiply, percentage, subtract, sum, type Money } from "../../platform/money";

/** The fee rules of PRODUCT.md, as configuration (basis points keep rates exact integers). */
export interface FeeConfig {
  /** Seller commission on every payment the seller receives: 2000 = 20%. */
  commissionBps: number;
  /** Buyer service fee on each payment: 550 = 5.5%. */
  serviceFeeBps: number;
  /** Added to the service fee when the payment is under `smallOrderThreshold`. */
  smallOrderFee: number;
  smallOrderThreshold: number;
}

export const DEFAULT_FEES: FeeConfig = {
  commissionBps: 2000,
  serviceFeeBps: 550,
  smallOrderFee: 300,
  smallOrderThreshold: 10000,
};

export interface PaymentBreakdown {
  subtotal: Money;
  serviceFee: Money;
  total: Money;
  commission: Money;
  sellerEarnings: Money;
}

/**
 * Splits one payment of `subtotal` (an order or a tip) into what the buyer pays and what the seller
 * earns. Rounding: each percentage is rounded half away from zero to the minor unit, on the whole
 * payment (not per line); the seller's earnings are the subtotal minus the rounded commission, so
 * nothing is created or lost. 50.00 → fee 2.75 + 3.00 = 5.75, total 55.75, commission 10.00,
 * earnings 40.00.
 */
export function breakdown(subtotal: Money, fees: FeeConfig): PaymentBreakdown {
  const percentFee = percentage(subtotal, fees.serviceFeeBps);
  const small =
    subtotal.amount < fees.smallOrderThreshold ? money(fees.smallOrderFee, subtotal.currency) : null;
  const serviceFee = small ? add(percentFee, small) : percentFee;
  const commission = percentage(subtotal, fees.commissionBps);
  return {
    subtotal,
    serviceFee,
    total: add(subtotal, serviceFee),
    commission,
    sellerEarnings: subtotal.amount === 0 ? subtotal : subtract(subtotal, commission),
  };
}

/**
 * What a buyer pays for one unit of a package with no extras: the price plus the service fee
 * (PRODUCT.md "prices are all-in"). The same `breakdown` checkout charges, so a card, a gig page and
 * the order agree to the cent. 50.00 → 55.75; 99.99 → 108.49; 100.00 → 105.50 (no small-order fee).
 */
export function allIn(price: Money, fees: FeeConfig): { serviceFee: Money; total: Money } {
  const { serviceFee, total } = breakdown(price, fees);
  return { serviceFee, total };
}

export interface PricedPackage {
  price: Money;
  deliveryDays: number;
}
export interface PricedExtra {
  price: Money;
  additionalDays: number;
}

/** The shortest delivery time an order may have, whatever its extras take off. */
export const MIN_DELIVERY_DAYS = 1;

/**
 * The delivery time of a package with extras: the package's days plus each extra's (an "Express
 * delivery" extra subtracts), never below one day. 5 days with a −2 extra → 3; with −10 → 1.
 */
export function deliveryDaysOf(packageDays: number, extras: readonly Pick<PricedExtra, "additionalDays">[]) {
  return Math.max(
    MIN_DELIVERY_DAYS,
    extras.reduce((days, e) => days + e.additionalDays, packageDays),
  );
}

/** (package + extras) × quantity; delivery time is the package's plus the extras' days (at least 1). */
export function priceOrder(
  pkg: PricedPackage,
  extras: readonly PricedExtra[],
  quantity: number,
  fees: FeeConfig,
): PaymentBreakdown & { deliveryDays: number } {
  const unit = add(
    pkg.price,
    sum(
      extras.map((e) => e.price),
      pkg.price.currency,
    ),
  );
  return {
    ...breakdown(multiply(unit, quantity), fees),
    deliveryDays: deliveryDaysOf(pkg.deliveryDays, extras),
  };
}

export interface SplitOutcome {
  buyerRefund: Money;
  feeKept: Money;
  commission: Money;
  sellerEarnings: Money;
}

/**
 * An admin's split of a disputed order: the buyer gets back `buyerRefundPercent` of the subtotal and
 * of the service fee; the seller earns the rest of the subtotal, less commission on that part.
 * The four parts sum exactly to the order total.
 */
export function splitOrder(
  price: Pick<PaymentBreakdown, "subtotal" | "serviceFee">,
  buyerRefundPercent: number,
  fees: FeeConfig,
): SplitOutcome {
  const pct = Math.round(buyerRefundPercent);
  const [subtotalRefund, sellerGross] = allocate(price.subtotal, [pct, 100 - pct]);
  const [feeRefund, feeKept] = allocate(price.serviceFee, [pct, 100 - pct]);
  if (!subtotalRefund || !sellerGross || !feeRefund || !feeKept) throw new Error("allocation failed");
  const commission = percentage(sellerGross, fees.commissionBps);
  return {
    buyerRefund: add(subtotalRefund, feeRefund),
    feeKept,
    commission,
    sellerEarnings: subtract(sellerGross, commission),
  };
}

export type ResolutionOutcome = "complete" | "cancel" | "split";

/**
 * What each side of a disputed order gets from an admin's decision, from the figures of the order as
 * paid: `complete` pays the seller as an acceptance would, `cancel` refunds the whole total as
 * credits, `split` is `splitOrder`. The resolution's ledger entry moves exactly these amounts.
 */
export function resolutionShares(
  price: Pick<PaymentBreakdown, "subtotal" | "serviceFee" | "total" | "commission" | "sellerEarnings">,
  outcome: ResolutionOutcome,
  buyerRefundPercent: number,
  fees: FeeConfig,
): SplitOutcome {
  const zero = money(0, price.total.currency);
  if (outcome === "complete") {
    return {
      buyerRefund: zero,
      feeKept: price.serviceFee,
      commission: price.commission,
      sellerEarnings: price.sellerEarnings,
    };
  }
  if (outcome === "cancel")
    return { buyerRefund: price.total, feeKept: zero, commission: zero, sellerEarnings: zero };
  return splitOrder(price, buyerRefundPercent, fees);
}

export interface MilestoneShare {
  amount: Money;
  serviceFee: Money;
  commission: Money;
  sellerEarnings: Money;
}

/**
 * Each milestone's share of a payment: the service fee and the commission of the whole order are
 * allocated over the milestones' amounts by the largest-remainder method, so the shares add up to
 * the order's fee, commission and total exactly (no cent created or lost), and each share's
 * commission is its proportional part of the order's commission rounded down or up. 150.00 in 50/50/50: fee 2.75, commission
 * 10.00 and earnings 40.00 each; 100.00 in 33.33/33.33/33.34 (commission 20.00): 6.67/6.66/6.67.
 */
export function milestoneShares(
  price: Pick<PaymentBreakdown, "serviceFee" | "commission">,
  amounts: readonly Money[],
): MilestoneShare[] {
  const weights = amounts.map((a) => a.amount);
  const fees = allocate(price.serviceFee, weights);
  const commissions = allocate(price.commission, weights);
  return amounts.map((amount, i) => {
    const commission = commissions[i] ?? money(0, amount.currency);
    return {
      amount,
      serviceFee: fees[i] ?? money(0, amount.currency),
      commission,
      sellerEarnings: subtract(amount, commission),
    };
  });
}
