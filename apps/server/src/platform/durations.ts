/** Durations in milliseconds, and date sums that return a new Date (the argument is never changed). */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function addMinutes(date: Date, n: number): Date {
  return new Date(date.getTime() + n * MINUTE_MS);
}

export function addHours(date: Date, n: number): Date {
  return new Date(date.getTime() + n * HOUR_MS);
}

export function addDays(date: Date, n: number): Date {
  return new Date(date.getTime() + n * DAY_MS);
}
