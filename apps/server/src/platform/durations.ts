/** Durations and date sums: one place for the arithmetic instead of `new Date(t + n * 86_400_000)`. */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** In seconds, for settings kept in seconds (`config.*Seconds`). */
export const HOUR = 3600;
export const DAY = 24 * HOUR;

export function addMilliseconds(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function addSeconds(date: Date, seconds: number): Date {
  return addMilliseconds(date, seconds * SECOND_MS);
}

export function addMinutes(date: Date, minutes: number): Date {
  return addMilliseconds(date, minutes * MINUTE_MS);
}

export function addHours(date: Date, hours: number): Date {
  return addMilliseconds(date, hours * HOUR_MS);
}

export function addDays(date: Date, days: number): Date {
  return addMilliseconds(date, days * DAY_MS);
}
