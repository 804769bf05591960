/**
 * Money: integer minor units and a currency. This module owns every piece of arithmetic and
 * rounding on money; nothing else adds, multiplies or rounds amounts.
 */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export class CurrencyMismatchError extends Error {
  constructor(a: string, b: string) {
    super(`cannot combine ${a} with ${b}`);
  }
}

function assertSafe(amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount ${amount} is not a safe integer`);
  // Rounding a small negative share yields -0, which formats as "-$0.00"; zero has one sign.
  return amount === 0 ? 0 : amount;
}

export function money(amount: number, currency: string): Money {
  return { amount: assertSafe(amount), currency };
}

export function zero(currency: string): Money {
  return money(0, currency);
}

function same(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function add(a: Money, b: Money): Money {
  same(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function sum(items: readonly Money[], currency: string): Money {
  return items.reduce((acc, m) => add(acc, m), zero(currency));
}

export function subtract(a: Money, b: Money): Money {
  same(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function negate(a: Money): Money {
  return money(-a.amount, a.currency);
}

export function multiply(a: Money, factor: number): Money {
  if (!Number.isInteger(factor)) throw new RangeError("multiply by whole quantities only; use percentage()");
  return money(a.amount * factor, a.currency);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  same(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export const isNegative = (a: Money): boolean => a.amount < 0;
export const isZero = (a: Money): boolean => a.amount === 0;

/**
 * `basisPoints / 10000` of an amount, rounded half away from zero to the minor unit
 * (5.5% of 50.00 = 2.75; 5.5% of 0.09 = 0.00495 → 0.00). Basis points keep rates exact integers.
 */
export function percentage(a: Money, basisPoints: number): Money {
  if (!Number.isInteger(basisPoints)) throw new RangeError("basis points must be an integer");
  const product = a.amount * basisPoints;
  const sign = product < 0 ? -1 : 1;
  const abs = Math.abs(product);
  const rounded = Math.floor((abs + 5000) / 10000);
  return money(sign * rounded, a.currency);
}

/**
 * Splits an amount into parts proportional to `weights`, the parts summing exactly to the amount
 * (largest-remainder method, so no minor unit is created or lost).
 */
export function allocate(a: Money, weights: readonly number[]): Money[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0 || weights.some((w) => w < 0 || !Number.isInteger(w))) {
    throw new RangeError("weights must be non-negative integers with a positive sum");
  }
  const raw = weights.map((w) => (a.amount * w) / total);
  const parts = raw.map((r) => Math.trunc(r));
  let remainder = a.amount - parts.reduce((s, p) => s + p, 0);
  const order = raw
    .map((r, i) => ({ i, frac: Math.abs(r - Math.trunc(r)) }))
    .sort((x, y) => y.frac - x.frac || x.i - y.i);
  const step = remainder >= 0 ? 1 : -1;
  for (let k = 0; remainder !== 0; k = (k + 1) % order.length) {
    const idx = order[k]?.i ?? 0;
    parts[idx] = (parts[idx] ?? 0) + step;
    remainder -= step;
  }
  return parts.map((p) => money(p, a.currency));
}

/** Human formatting for logs and e-mails; the web formats with Intl itself. */
export function format(a: Money, locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: a.currency }).format(a.amount / 100);
}
