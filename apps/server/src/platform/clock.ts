/** Where the application reads time. Nothing else may call `Date.now()`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  // eslint-disable-next-line no-restricted-syntax -- the one place that reads the wall clock
  now: () => new Date(Date.now()),
};

/**
 * A clock that starts at the wall-clock time and moves only when told to, for test mode and tests.
 * The offset (not a frozen instant) keeps time flowing so timestamps stay ordered between requests.
 */
export class ControllableClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  advance(seconds: number): Date {
    this.offsetMs += Math.round(seconds * 1000);
    return this.now();
  }

  /** The offset as it stands, so that it can be shared with another process if needed. */
  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }
}

// The date sums moved to durations.ts; these re-exports keep older imports working.
export { addSeconds, DAY, HOUR } from "./durations";
