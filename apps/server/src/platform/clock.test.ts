import { describe, expect, it } from "vitest";
import { addSeconds, ControllableClock, DAY, HOUR, systemClock, type Clock } from "./clock";

const fixed = (iso: string): Clock => ({ now: () => new Date(iso) });

describe("systemClock", () => {
  it("reads the wall clock", () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe("ControllableClock", () => {
  it("starts at its base time and moves only when advanced", () => {
    const clock = new ControllableClock(fixed("2026-01-01T00:00:00.000Z"));
    expect(clock.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(clock.advance(90).toISOString()).toBe("2026-01-01T00:01:30.000Z");
    expect(clock.now().toISOString()).toBe("2026-01-01T00:01:30.000Z");
    clock.advance(3 * DAY);
    expect(clock.now().toISOString()).toBe("2026-01-04T00:01:30.000Z");
    expect(clock.offsetSeconds).toBe(3 * DAY + 90);
  });

  it("keeps flowing with its base clock", () => {
    let base = Date.parse("2026-01-01T00:00:00.000Z");
    const clock = new ControllableClock({ now: () => new Date(base) });
    clock.advance(HOUR);
    base += 1500;
    expect(clock.now().toISOString()).toBe("2026-01-01T01:00:01.500Z");
  });

  it("follows the wall clock by default", () => {
    const clock = new ControllableClock();
    const advanced = clock.advance(DAY).getTime();
    expect(advanced - Date.now()).toBeGreaterThan(DAY * 1000 - 5000);
    expect(advanced - Date.now()).toBeLessThanOrEqual(DAY * 1000);
  });
});

describe("addSeconds", () => {
  it("adds without touching the original", () => {
    const d = new Date("2026-03-01T00:00:00.000Z");
    expect(addSeconds(d, -1).toISOString()).toBe("2026-02-28T23:59:59.000Z");
    expect(d.toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});
