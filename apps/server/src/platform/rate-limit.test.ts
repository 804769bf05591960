import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloneTestDatabase } from "../../test/database";
import type { Db } from "../db/client";
import { addSeconds } from "./clock";
import { clearBucket, hitBucket, peekBucket, returnToBucket, takeFromBucket } from "./rate-limit";

let db: Db;
beforeAll(async () => {
  db = await cloneTestDatabase();
});
afterAll(() => db.close());

const t0 = new Date("2026-05-01T12:00:00.000Z");
const WINDOW = 900;

describe("fixed-window buckets", () => {
  it("count hits within a window and report when it resets", async () => {
    expect(await peekBucket(db, "a", WINDOW, t0)).toEqual({ count: 0, resetsIn: 0 });
    expect(await hitBucket(db, "a", WINDOW, t0)).toEqual({ count: 1, resetsIn: 900 });
    expect(await hitBucket(db, "a", WINDOW, addSeconds(t0, 100))).toEqual({ count: 2, resetsIn: 800 });
    expect(await hitBucket(db, "a", WINDOW, addSeconds(t0, 899))).toEqual({ count: 3, resetsIn: 1 });
    expect(await peekBucket(db, "a", WINDOW, addSeconds(t0, 450))).toEqual({ count: 3, resetsIn: 450 });
  });

  it("start over once the window has passed: nobody is locked out for good", async () => {
    for (let i = 0; i < 10; i++) await hitBucket(db, "b", WINDOW, t0);
    expect((await peekBucket(db, "b", WINDOW, addSeconds(t0, 899))).count).toBe(10);
    expect(await peekBucket(db, "b", WINDOW, addSeconds(t0, 900))).toEqual({ count: 0, resetsIn: 0 });
    expect(await hitBucket(db, "b", WINDOW, addSeconds(t0, 900))).toEqual({ count: 1, resetsIn: 900 });
    expect(await peekBucket(db, "b", WINDOW, addSeconds(t0, 1000))).toEqual({ count: 1, resetsIn: 800 });
  });

  it("keep buckets apart and can be cleared", async () => {
    await hitBucket(db, "c", WINDOW, t0);
    await hitBucket(db, "c", WINDOW, t0);
    await hitBucket(db, "d", WINDOW, t0);
    expect((await peekBucket(db, "c", WINDOW, t0)).count).toBe(2);
    expect((await peekBucket(db, "d", WINDOW, t0)).count).toBe(1);
    await clearBucket(db, "c");
    expect((await peekBucket(db, "c", WINDOW, t0)).count).toBe(0);
    expect((await peekBucket(db, "d", WINDOW, t0)).count).toBe(1);
  });

  it("count concurrent hits exactly", async () => {
    const states = await Promise.all(Array.from({ length: 20 }, () => hitBucket(db, "e", WINDOW, t0)));
    expect(states.map((s) => s.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });
});

describe("takeFromBucket", () => {
  it("allows up to the limit, then refuses without counting further", async () => {
    const taken = [];
    for (let i = 0; i < 5; i++) taken.push(await takeFromBucket(db, "t1", 3, WINDOW, addSeconds(t0, i)));
    expect(taken.map((t) => t.allowed)).toEqual([true, true, true, false, false]);
    expect(taken.map((t) => t.count)).toEqual([1, 2, 3, 3, 3]);
    expect(taken[4]!.resetsIn).toBe(896);
    expect(taken[4]!.windowStart.toISOString()).toBe(t0.toISOString());
    expect((await peekBucket(db, "t1", WINDOW, t0)).count).toBe(4); // limit + 1 marks "full"
  });

  it("starts a new window once the old one has passed", async () => {
    for (let i = 0; i < 4; i++) await takeFromBucket(db, "t2", 2, WINDOW, t0);
    const later = await takeFromBucket(db, "t2", 2, WINDOW, addSeconds(t0, WINDOW));
    expect(later).toMatchObject({ allowed: true, count: 1, resetsIn: WINDOW });
  });

  it("never lets parallel takers past the limit", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () => takeFromBucket(db, "t3", 5, WINDOW, t0)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it("gives a unit back within its window only", async () => {
    const first = await takeFromBucket(db, "t4", 2, WINDOW, t0);
    await takeFromBucket(db, "t4", 2, WINDOW, t0);
    expect((await takeFromBucket(db, "t4", 2, WINDOW, t0)).allowed).toBe(false);
    await returnToBucket(db, "t4", first.windowStart);
    await returnToBucket(db, "t4", first.windowStart);
    expect((await takeFromBucket(db, "t4", 2, WINDOW, t0)).allowed).toBe(true);

    const fresh = await takeFromBucket(db, "t4", 2, WINDOW, addSeconds(t0, WINDOW));
    await returnToBucket(db, "t4", first.windowStart); // a unit of the old window: no effect
    expect((await peekBucket(db, "t4", WINDOW, addSeconds(t0, WINDOW))).count).toBe(fresh.count);
    await returnToBucket(db, "t4", fresh.windowStart);
    await returnToBucket(db, "t4", fresh.windowStart);
    expect((await peekBucket(db, "t4", WINDOW, addSeconds(t0, WINDOW))).count).toBe(0);
  });
});
