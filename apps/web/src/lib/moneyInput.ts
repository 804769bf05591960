/**
 * Prices typed by people ("25", "25.5", "1,250.00") to and from integer minor units. Only digits are
 * moved around as text, so no floating-point rounding ever touches an amount.
 */

/** How many minor-unit digits a currency has: 2 for USD and EUR, 0 for JPY. */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** "25.50" → 2550 (USD). Thousands separators and a currency sign are ignored; null when unreadable. */
export function parseMoneyInput(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s,$€£¥]/g, "");
  const digits = currencyDigits(currency);
  const pattern = digits === 0 ? /^(\d{1,9})$/ : new RegExp(`^(\\d{0,9})(?:\\.(\\d{0,${digits}}))?$`);
  const match = pattern.exec(cleaned);
  if (!match || cleaned === "" || cleaned === ".") return null;
  const whole = match[1] ?? "";
  const fraction = (match[2] ?? "").padEnd(digits, "0");
  const amount = Number(`${whole || "0"}${fraction}`);
  return Number.isSafeInteger(amount) ? amount : null;
}

/** 2550 (USD) → "25.50"; 2500 → "25". For filling a price field. */
export function toMoneyInput(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(amount);
  const text = String(Math.abs(amount)).padStart(digits + 1, "0");
  const whole = text.slice(0, -digits);
  const fraction = text.slice(-digits);
  const sign = amount < 0 ? "-" : "";
  return /^0+$/.test(fraction) ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}
