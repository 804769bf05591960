import type { MoneyDto } from "@atelier/contracts";

/** Formatting with Intl. The locale is the browser's, so prices and dates read naturally everywhere. */
const locale: string | undefined = typeof navigator === "undefined" ? undefined : navigator.language;

const numberFormats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string, options: { compact: boolean }): Intl.NumberFormat {
  const key = `${currency}:${options.compact ? "c" : "f"}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      ...(options.compact ? { minimumFractionDigits: 0 } : {}),
    });
    numberFormats.set(key, format);
  }
  return format;
}

/** Money is `{ amount, currency }` in integer minor units (cents for USD, yen for JPY). */
export function formatMoney(money: MoneyDto, options: { compact?: boolean } = {}): string {
  const format = currencyFormat(money.currency, { compact: false });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const major = money.amount / 10 ** digits;
  if (options.compact && Number.isInteger(major)) {
    return currencyFormat(money.currency, { compact: true }).format(major);
  }
  return format.format(major);
}

function toDate(value: string | Date): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "Nov 28, 2026" */
export function formatDate(value: string | Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(toDate(value));
}

/** "Nov 28, 2026, 11:55 PM" */
export function formatDateTime(value: string | Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(toDate(value));
}

/** "November 2026" — for "member since". */
export function formatMonthYear(value: string | Date): string {
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric" }).format(toDate(value));
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 hours ago", "in 2 days", "just now". */
export function formatRelativeTime(value: string | Date, now: Date = new Date()): string {
  const seconds = Math.round((toDate(value).getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return Math.abs(seconds) < 45 ? "just now" : format.format(Math.sign(seconds), "minute");
}

/** Country name from an ISO 3166 alpha-2 code ("DE" → "Germany"); the code itself if unknown. */
export function formatCountry(code: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "4.9" — one decimal, locale-aware. */
export function formatRating(average: number): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    average,
  );
}

/** "1 review", "23 reviews". */
export function formatCount(count: number, singular: string, plural: string): string {
  const word = new Intl.PluralRules(locale).select(count) === "one" ? singular : plural;
  return `${new Intl.NumberFormat(locale).format(count)} ${word}`;
}

/** "within an hour", "within about 5 hours", "within about 2 days". */
export function formatResponseTime(hours: number): string {
  if (hours <= 1) return "within an hour";
  if (hours < 24) return `within about ${Math.round(hours)} hours`;
  const days = Math.round(hours / 24);
  return days === 1 ? "within a day" : `within about ${days} days`;
}
