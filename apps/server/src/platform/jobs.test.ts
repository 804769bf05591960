import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cloneTestDatabase } from "../../test/database";
import type { Db } from "../db/client";
import { addSeconds, ControllableClock } from "./clock";
import { JobRunner, scheduleJob } from "./jobs";
import { createLogger } from "./logger";

let db: Db;
let clock: ControllableClock;
let runner: JobRunner;
beforeAll(async () => {
  db = await cloneTestDatabase();
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.query("DELETE FROM scheduled_jobs");
  clock = new ControllableClock({ now: () => new Date("2026-05-01T12:00:00.000Z") });
  runner = new JobRunner(db, clock, createLogger("silent"));
});

interface JobState {
  kind: string;
  attempts: number;
  done_at: Date | null;
  run_at: Date;
  last_error: string | null;
  payload: Record<string, unknown>;
}
const jobs = () =>
  db.query<JobState>(
    "SELECT kind, attempts, done_at, run_at, last_error, payload FROM scheduled_jobs ORDER BY created_at, run_at",
  );

describe("JobRunner", () => {
  it("runs a job only once it is due, handing it the due time", async () => {
    const seen: string[] = [];
    runner.register("t.tick", async ({ at, payload }) => {
      seen.push(`${at.toISOString()} ${String(payload.n)}`);
    });
    const runAt = addSeconds(clock.now(), 60);
    await scheduleJob(db, { kind: "t.tick", runAt, payload: { n: 1 } }, clock.now());
    expect(await runner.runDue()).toBe(0);
    clock.advance(59);
    expect(await runner.runDue()).toBe(0);
    expect(seen).toEqual([]);
    clock.advance(61); // well past due: the handler still gets the due time, not now
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual([`${runAt.toISOString()} 1`]);
    expect(await runner.runDue()).toBe(0);
    const [job] = await jobs();
    expect(job?.attempts).toBe(1);
    expect(job?.done_at?.toISOString()).toBe(clock.now().toISOString());
  });

  it("runs in the same pass the follow-ups that due jobs schedule when they are due too", async () => {
    const seen: string[] = [];
    runner.register("t.chain", async ({ tx, at, payload }) => {
      const step = Number(payload.step);
      seen.push(`step ${step}`);
      if (step < 3)
        await scheduleJob(
          tx,
          { kind: "t.chain", runAt: addSeconds(at, 10), payload: { step: step + 1 } },
          at,
        );
    });
    await scheduleJob(db, { kind: "t.chain", runAt: clock.now(), payload: { step: 1 } }, clock.now());
    clock.advance(25); // steps 1 (t), 2 (t+10) and 3 (t+20) are all due
    expect(await runner.runDue()).toBe(3);
    expect(seen).toEqual(["step 1", "step 2", "step 3"]);
  });

  it("does not run a follow-up that is not due yet", async () => {
    runner.register("t.later", async ({ tx, at, payload }) => {
      if (payload.first) await scheduleJob(tx, { kind: "t.later", runAt: addSeconds(at, 3600) }, at);
    });
    await scheduleJob(db, { kind: "t.later", runAt: clock.now(), payload: { first: true } }, clock.now());
    expect(await runner.runDue()).toBe(1);
    expect((await jobs()).map((j) => j.done_at === null)).toEqual([false, true]);
    clock.advance(3600);
    expect(await runner.runDue()).toBe(1);
  });

  it("backs a failing job off, rolls back its effects, and runs the others", async () => {
    let failures = 0;
    let healthy = false;
    runner.register("t.flaky", async ({ tx }) => {
      await tx.query(
        "INSERT INTO rate_limit_buckets (bucket, window_start, count) VALUES ('flaky', now(), 1)",
      );
      if (!healthy) {
        failures += 1;
        throw new Error("downstream unavailable");
      }
    });
    const ran: string[] = [];
    runner.register("t.ok", async ({ payload }) => {
      ran.push(String(payload.name));
    });
    const now = clock.now();
    await scheduleJob(db, { kind: "t.flaky", runAt: addSeconds(now, -10) }, now);
    await scheduleJob(db, { kind: "t.ok", runAt: now, payload: { name: "a" } }, now);
    await scheduleJob(db, { kind: "t.ok", runAt: now, payload: { name: "b" } }, now);

    await runner.runDue();
    expect(failures).toBe(1); // tried once, not spun on
    expect(ran.sort()).toEqual(["a", "b"]);
    expect(await db.query("SELECT 1 FROM rate_limit_buckets WHERE bucket = 'flaky'")).toHaveLength(0);
    let [flaky] = (await jobs()).filter((j) => j.kind === "t.flaky");
    expect(flaky?.done_at).toBeNull();
    expect(flaky?.attempts).toBe(1);
    expect(flaky?.last_error).toContain("downstream unavailable");
    const firstRetry = flaky!.run_at.getTime() - now.getTime();
    expect(firstRetry).toBeGreaterThan(0);

    expect(await runner.runDue()).toBe(0); // not due again until the back-off passes
    clock.advance(firstRetry / 1000);
    await runner.runDue();
    expect(failures).toBe(2);
    [flaky] = (await jobs()).filter((j) => j.kind === "t.flaky");
    const secondRetry = flaky!.run_at.getTime() - clock.now().getTime();
    expect(secondRetry).toBeGreaterThan(firstRetry); // exponential

    healthy = true;
    clock.advance(secondRetry / 1000);
    expect(await runner.runDue()).toBe(1);
    [flaky] = (await jobs()).filter((j) => j.kind === "t.flaky");
    expect(flaky?.done_at).not.toBeNull();
    expect(flaky?.attempts).toBe(3);
    expect(await db.query("SELECT 1 FROM rate_limit_buckets WHERE bucket = 'flaky'")).toHaveLength(1);
  });

  it("backs off a job nobody handles instead of failing the pass", async () => {
    runner.register("t.known", async () => undefined);
    await scheduleJob(db, { kind: "t.unknown", runAt: clock.now() }, clock.now());
    await scheduleJob(db, { kind: "t.known", runAt: clock.now() }, clock.now());
    await runner.runDue();
    const byKind = Object.fromEntries((await jobs()).map((j) => [j.kind, j]));
    expect(byKind["t.known"]?.done_at).not.toBeNull();
    expect(byKind["t.unknown"]?.done_at).toBeNull();
    expect(byKind["t.unknown"]?.last_error).toContain("no handler");
  });

  it("keeps one pending job per dedupe key, the first one", async () => {
    const seen: unknown[] = [];
    runner.register("t.dedupe", async ({ payload }) => {
      seen.push(payload.v);
    });
    const now = clock.now();
    await scheduleJob(db, { kind: "t.dedupe", runAt: now, payload: { v: 1 }, dedupeKey: "k1" }, now);
    await scheduleJob(db, { kind: "t.dedupe", runAt: now, payload: { v: 2 }, dedupeKey: "k1" }, now);
    await scheduleJob(db, { kind: "t.dedupe", runAt: now, payload: { v: 3 }, dedupeKey: "k2" }, now);
    await scheduleJob(db, { kind: "t.dedupe", runAt: now, payload: { v: 4 } }, now);
    await scheduleJob(db, { kind: "t.dedupe", runAt: now, payload: { v: 5 } }, now);
    expect(await runner.runDue()).toBe(4);
    expect(seen.sort()).toEqual([1, 3, 4, 5]);
  });

  it("keeps a used dedupe key taken after its job has run", async () => {
    let runs = 0;
    runner.register("t.once_per_key", async () => {
      runs += 1;
    });
    await scheduleJob(db, { kind: "t.once_per_key", runAt: clock.now(), dedupeKey: "k-done" }, clock.now());
    expect(await runner.runDue()).toBe(1);
    await scheduleJob(db, { kind: "t.once_per_key", runAt: clock.now(), dedupeKey: "k-done" }, clock.now());
    expect(await runner.runDue()).toBe(0);
    expect(runs).toBe(1);
  });

  it("never runs a job twice when passes overlap", async () => {
    let calls = 0;
    runner.register("t.once", async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    for (let i = 0; i < 5; i++) await scheduleJob(db, { kind: "t.once", runAt: clock.now() }, clock.now());
    const [a, b, c] = await Promise.all([runner.runDue(), runner.runDue(), runner.runDue()]);
    expect(calls).toBe(5);
    expect(a + b + c).toBe(5);
  });

  it("never runs a job twice when two processes drain the same queue", async () => {
    const seen: string[] = [];
    const other = new JobRunner(db, clock, createLogger("silent"));
    for (const r of [runner, other]) {
      r.register("t.shared", async ({ payload }) => {
        seen.push(String(payload.n));
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
    }
    for (let n = 0; n < 8; n++)
      await scheduleJob(db, { kind: "t.shared", runAt: clock.now(), payload: { n } }, clock.now());
    const [a, b] = await Promise.all([runner.runDue(), other.runDue()]);
    expect(a + b).toBe(8);
    expect(seen.sort()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
  });

  it("refuses a second handler for one kind", () => {
    runner.register("t.dup", async () => undefined);
    expect(() => runner.register("t.dup", async () => undefined)).toThrow(/twice/);
  });
});
