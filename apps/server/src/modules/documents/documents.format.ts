/** How the order documents print dates and names (UTC, English: a document reads the same anywhere). */

const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** `December 7, 2026`. */
export function formatDate(d: Date): string {
  return DATE.format(d);
}

/** `2026-12-07 17:32:05 UTC`: a timeline entry, to the second. */
export function formatInstant(d: Date | string): string {
  const iso = (typeof d === "string" ? new Date(d) : d).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export const TIER_NAMES = { basic: "Basic", standard: "Standard", premium: "Premium" } as const;

export const LICENCE_NAMES = {
  personal: "Personal",
  commercial: "Commercial",
  full_transfer: "Full transfer",
} as const;

export const AI_USE_NAMES = {
  none: "No AI",
  assisted: "AI-assisted",
  generated: "AI-generated",
} as const;
