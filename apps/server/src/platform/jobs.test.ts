import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { cloneTestDatabase } from "../../test/database";
import type { Db, Queryable } from "../db/client";
import { addSeconds, ControllableClock } from "./clock";
import { backoffSeconds, deadJobs, defineJob, JobRunner, retryDeadJob, type JobContext } from "./jobs";
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
  await db.query("DELETE FROM rate_limit_buckets WHERE bucket IN ('flaky', 'slow', 'slow-late')");
  clock = new ControllableClock({ now: () => new Date("2026-05-01T12:00:00.000Z") });
  runner = new JobRunner(db, clock, createLogger("silent"));
});

interface JobState {
  id: string;
  kind: string;
  version: number;
  attempts: number;
  done_at: Date | null;
  dead_at: Date | null;
  run_at: Date;
  last_error: string | null;
  payload: Record<string, unknown>;
}
const jobs = () =>
  db.query<JobState>(
    "SELECT id, kind, version, attempts, done_at, dead_at, run_at, last_error, payload FROM scheduled_jobs ORDER BY created_at, run_at",
  );

type Handler<P> = (ctx: JobContext<P>) => Promise<void>;
/** Test job kinds: the handler is whatever the test registers for the kind. */
const testJob = <K extends string, S extends z.ZodType>(
  kind: K,
  payload: S,
  extra: { maxAttempts?: number; timeoutMs?: number } = {},
) =>
  defineJob({
    kind,
    version: 1,
    payload,
    ...extra,
    handler: (ctx, handler: Handler<z.output<S>>) => handler(ctx),
  });
const any = z.looseObject({});
const tick = testJob("t.tick", z.object({ n: z.number() }));
const chain = testJob("t.chain", z.object({ step: z.number().int() }));
const later = testJob("t.later", z.object({ first: z.boolean().optional() }));
const flakyJob = testJob("t.flaky", z.object({}), { maxAttempts: 4 });
const ok = testJob("t.ok", z.object({ name: z.string() }));
const known = testJob("t.known", any);
const dedupe = testJob("t.dedupe", z.object({ v: z.number() }));
const oncePerKey = testJob("t.once_per_key", any);
const once = testJob("t.once", any);
const shared = testJob("t.shared", z.object({ n: z.number() }));
const dup = testJob("t.dup", any);
const slow = testJob("t.slow", any, { timeoutMs: 50, maxAttempts: 3 });
const strict = testJob("t.strict", z.object({ orderId: z.string().startsWith("ord_") }));

declare module "./jobs" {
  interface JobKinds {
    "t.tick": typeof tick;
    "t.chain": typeof chain;
    "t.later": typeof later;
    "t.flaky": typeof flakyJob;
    "t.ok": typeof ok;
    "t.known": typeof known;
    "t.dedupe": typeof dedupe;
    "t.once_per_key": typeof oncePerKey;
    "t.once": typeof once;
    "t.shared": typeof shared;
    "t.slow": typeof slow;
    "t.strict": typeof strict;
  }
}

/** Writes a job row as another version of the code (or a hand-edited row) could have left it. */
const insertRaw = (q: Queryable, kind: string, payload: unknown, version = 1) =>
  q.query(
    "INSERT INTO scheduled_jobs (id, kind, version, payload, run_at, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $5)",
    [`job_raw_${kind}_${version}`, kind, version, JSON.stringify(payload), clock.now()],
  );

describe("JobRunner", () => {
  it("runs a job only once it is due, handing it the due time", async () => {
    const seen: string[] = [];
    runner.register(tick, async ({ at, payload }) => {
      seen.push(`${at.toISOString()} ${String(payload.n)}`);
    });
    const runAt = addSeconds(clock.now(), 60);
    await runner.schedule(db, "t.tick", { runAt, payload: { n: 1 } }, clock.now());
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
    runner.register(chain, async ({ tx, at, payload }) => {
      const step = Number(payload.step);
      seen.push(`step ${step}`);
      if (step < 3)
        await runner.schedule(tx, "t.chain", { runAt: addSeconds(at, 10), payload: { step: step + 1 } }, at);
    });
    await runner.schedule(db, "t.chain", { runAt: clock.now(), payload: { step: 1 } }, clock.now());
    clock.advance(25); // steps 1 (t), 2 (t+10) and 3 (t+20) are all due
    expect(await runner.runDue()).toBe(3);
    expect(seen).toEqual(["step 1", "step 2", "step 3"]);
  });

  it("does not run a follow-up that is not due yet", async () => {
    runner.register(later, async ({ tx, at, payload }) => {
      if (payload.first)
        await runner.schedule(tx, "t.later", { runAt: addSeconds(at, 3600), payload: {} }, at);
    });
    await runner.schedule(db, "t.later", { runAt: clock.now(), payload: { first: true } }, clock.now());
    expect(await runner.runDue()).toBe(1);
    expect((await jobs()).map((j) => j.done_at === null)).toEqual([false, true]);
    clock.advance(3600);
    expect(await runner.runDue()).toBe(1);
  });

  it("backs a failing job off, rolls back its effects, and runs the others", async () => {
    let failures = 0;
    let healthy = false;
    runner.register(flakyJob, async ({ tx }) => {
      await tx.query(
        "INSERT INTO rate_limit_buckets (bucket, window_start, count) VALUES ('flaky', now(), 1)",
      );
      if (!healthy) {
        failures += 1;
        throw new Error("downstream unavailable");
      }
    });
    const ran: string[] = [];
    runner.register(ok, async ({ payload }) => {
      ran.push(String(payload.name));
    });
    const now = clock.now();
    await runner.schedule(db, "t.flaky", { runAt: addSeconds(now, -10), payload: {} }, now);
    await runner.schedule(db, "t.ok", { runAt: now, payload: { name: "a" } }, now);
    await runner.schedule(db, "t.ok", { runAt: now, payload: { name: "b" } }, now);

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
    runner.register(known, async () => undefined);
    await insertRaw(db, "t.unknown", {});
    await runner.schedule(db, "t.known", { runAt: clock.now(), payload: {} }, clock.now());
    await runner.runDue();
    const byKind = Object.fromEntries((await jobs()).map((j) => [j.kind, j]));
    expect(byKind["t.known"]?.done_at).not.toBeNull();
    expect(byKind["t.unknown"]?.done_at).toBeNull();
    expect(byKind["t.unknown"]?.last_error).toContain("no handler");
    await expect(
      // @ts-expect-error -- an unknown kind does not compile; at run time it is refused too
      runner.schedule(db, "t.nobody", { runAt: clock.now(), payload: {} }, clock.now()),
    ).rejects.toThrow(/no job definition/);
  });

  it("keeps one pending job per dedupe key, the first one", async () => {
    const seen: unknown[] = [];
    runner.register(dedupe, async ({ payload }) => {
      seen.push(payload.v);
    });
    const now = clock.now();
    await runner.schedule(db, "t.dedupe", { runAt: now, payload: { v: 1 }, dedupeKey: "k1" }, now);
    await runner.schedule(db, "t.dedupe", { runAt: now, payload: { v: 2 }, dedupeKey: "k1" }, now);
    await runner.schedule(db, "t.dedupe", { runAt: now, payload: { v: 3 }, dedupeKey: "k2" }, now);
    await runner.schedule(db, "t.dedupe", { runAt: now, payload: { v: 4 } }, now);
    await runner.schedule(db, "t.dedupe", { runAt: now, payload: { v: 5 } }, now);
    expect(await runner.runDue()).toBe(4);
    expect(seen.sort()).toEqual([1, 3, 4, 5]);
  });

  it("keeps a used dedupe key taken after its job has run", async () => {
    let runs = 0;
    runner.register(oncePerKey, async () => {
      runs += 1;
    });
    await runner.schedule(
      db,
      "t.once_per_key",
      { runAt: clock.now(), dedupeKey: "k-done", payload: {} },
      clock.now(),
    );
    expect(await runner.runDue()).toBe(1);
    await runner.schedule(
      db,
      "t.once_per_key",
      { runAt: clock.now(), dedupeKey: "k-done", payload: {} },
      clock.now(),
    );
    expect(await runner.runDue()).toBe(0);
    expect(runs).toBe(1);
  });

  it("never runs a job twice when passes overlap", async () => {
    let calls = 0;
    runner.register(once, async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    for (let i = 0; i < 5; i++)
      await runner.schedule(db, "t.once", { runAt: clock.now(), payload: {} }, clock.now());
    const [a, b, c] = await Promise.all([runner.runDue(), runner.runDue(), runner.runDue()]);
    expect(calls).toBe(5);
    expect(a + b + c).toBe(5);
  });

  it("never runs a job twice when two processes drain the same queue", async () => {
    const seen: string[] = [];
    const other = new JobRunner(db, clock, createLogger("silent"));
    for (const r of [runner, other]) {
      r.register(shared, async ({ payload }) => {
        seen.push(String(payload.n));
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
    }
    for (let n = 0; n < 8; n++)
      await runner.schedule(db, "t.shared", { runAt: clock.now(), payload: { n } }, clock.now());
    const [a, b] = await Promise.all([runner.runDue(), other.runDue()]);
    expect(a + b).toBe(8);
    expect(seen.sort()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7"]);
  });

  it("refuses a second handler for one kind", () => {
    runner.register(dup, async () => undefined);
    expect(() => runner.register(dup, async () => undefined)).toThrow(/twice/);
  });

  it("hands the handler its payload parsed by the definition's schema", async () => {
    const seen: number[] = [];
    const doubled = testJob(
      "t.tick",
      z.object({ n: z.number() }).transform(({ n }) => ({ twice: n * 2 })),
    );
    runner.register(doubled, async ({ payload, jobId }) => {
      seen.push(payload.twice);
      expect(jobId).toMatch(/^job_/);
    });
    await runner.schedule(db, "t.tick", { runAt: clock.now(), payload: { n: 21 } }, clock.now());
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual([42]);
    const [job] = await jobs();
    expect(job?.version).toBe(1);
    expect(job?.payload).toEqual({ n: 21 }); // stored as scheduled, parsed at each run
  });

  it("refuses a payload of the wrong shape when it is scheduled", async () => {
    runner.register(strict, async () => undefined);
    await expect(
      runner.schedule(db, "t.strict", { runAt: clock.now(), payload: { orderId: "usr_1" } }, clock.now()),
    ).rejects.toThrow(/invalid payload for job t.strict/);
    await expect(
      // @ts-expect-error -- a payload of the wrong type does not compile
      runner.schedule(db, "t.strict", { runAt: clock.now(), payload: { order: 1 } }, clock.now()),
    ).rejects.toThrow(/invalid payload/);
    expect(await jobs()).toEqual([]);
  });

  it("fails a job whose stored payload its schema refuses, loudly: dead, with the error, not dropped", async () => {
    const logged: { jobId?: string; msg: string }[] = [];
    const log = createLogger("silent");
    log.error = ((obj: { jobId?: string }, msg: string) => {
      logged.push({ jobId: obj.jobId, msg });
    }) as typeof log.error;
    runner = new JobRunner(db, clock, log);
    let runs = 0;
    runner.register(strict, async () => {
      runs += 1;
    });
    await insertRaw(db, "t.strict", { orderId: 42 });
    expect(await runner.runDue()).toBe(1); // it was taken and failed, not skipped
    expect(runs).toBe(0);
    const [job] = await jobs();
    expect(job?.done_at).toBeNull();
    expect(job?.dead_at?.toISOString()).toBe(clock.now().toISOString());
    expect(job?.attempts).toBe(1);
    expect(job?.last_error).toMatch(/invalid payload for job t.strict/);
    expect(job?.last_error).toContain("orderId");
    expect(logged).toEqual([{ jobId: job?.id, msg: expect.stringMatching(/dead/) as string }]);
    // Dead jobs do not run again by themselves, and an admin sees them.
    clock.advance(86_400);
    expect(await runner.runDue()).toBe(0);
    const dead = await deadJobs(db);
    expect(dead.map((d) => [d.id, d.kind, d.lastError?.includes("invalid payload")])).toEqual([
      [job?.id, "t.strict", true],
    ]);
  });

  it("does not run a stored job of a version its definition does not know", async () => {
    let runs = 0;
    runner.register(strict, async () => {
      runs += 1;
    });
    await insertRaw(db, "t.strict", { orderId: "ord_1" }, 2);
    await runner.runDue();
    expect(runs).toBe(0);
    const [job] = await jobs();
    expect(job?.dead_at).not.toBeNull();
    expect(job?.last_error).toContain("version 2");
  });

  it("retries a failing job with exponential back-off and leaves it dead after its maximum attempts", async () => {
    let calls = 0;
    runner.register(flakyJob, async () => {
      calls += 1;
      throw new Error(`attempt ${calls} failed`);
    });
    const start = clock.now();
    await runner.schedule(db, "t.flaky", { runAt: start, payload: {} }, start);
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await runner.runDue();
      const [job] = await jobs();
      expect(job?.attempts).toBe(attempt);
      expect(job?.dead_at).toBeNull();
      const gap = (job!.run_at.getTime() - clock.now().getTime()) / 1000;
      expect(gap).toBe(backoffSeconds(attempt));
      gaps.push(gap);
      clock.advance(gap - 1);
      expect(await runner.runDue()).toBe(0); // not before its back-off
      clock.advance(1);
    }
    expect(gaps).toEqual([2, 4, 8]);
    await runner.runDue(); // the 4th attempt is the last (maxAttempts: 4)
    const [job] = await jobs();
    expect(calls).toBe(4);
    expect(job?.attempts).toBe(4);
    expect(job?.dead_at?.toISOString()).toBe(clock.now().toISOString());
    expect(job?.last_error).toContain("attempt 4 failed");
    clock.advance(86_400);
    expect(await runner.runDue()).toBe(0);
    expect(calls).toBe(4);

    // Once the cause is fixed, an admin gives it another go.
    expect(await retryDeadJob(db, job!.id, clock.now())).toBe(true);
    runner = new JobRunner(db, clock, createLogger("silent"));
    runner.register(flakyJob, async () => undefined);
    expect(await runner.runDue()).toBe(1);
    expect((await jobs())[0]?.done_at).not.toBeNull();
    expect(await deadJobs(db)).toEqual([]);
  });

  it("fails a run that outlives its timeout, rolls it back and retries it", async () => {
    let runs = 0;
    let lateWrite: Promise<unknown> | undefined;
    runner.register(slow, async ({ tx }) => {
      runs += 1;
      await tx.query(
        "INSERT INTO rate_limit_buckets (bucket, window_start, count) VALUES ('slow', now(), 1)",
      );
      if (runs === 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        // Too late: the run was failed at 50 ms; this statement must not run on the rolled-back transaction.
        lateWrite = tx.query(
          "INSERT INTO rate_limit_buckets (bucket, window_start, count) VALUES ('slow-late', now(), 1)",
        );
        await lateWrite;
      }
    });
    await runner.schedule(db, "t.slow", { runAt: clock.now(), payload: {} }, clock.now());
    const started = Date.now();
    await runner.runDue();
    expect(Date.now() - started).toBeLessThan(190); // failed at its deadline, not when it finished
    let [job] = await jobs();
    expect(job?.done_at).toBeNull();
    expect(job?.attempts).toBe(1);
    expect(job?.last_error).toMatch(/timed out after 50 ms/);
    expect(await db.query("SELECT 1 FROM rate_limit_buckets WHERE bucket LIKE 'slow%'")).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(lateWrite).rejects.toThrow(/timed out/);
    clock.advance(backoffSeconds(1));
    expect(await runner.runDue()).toBe(1);
    [job] = await jobs();
    expect(job?.done_at).not.toBeNull();
    expect(runs).toBe(2);
    expect(
      (
        await db.query<{ bucket: string }>("SELECT bucket FROM rate_limit_buckets WHERE bucket LIKE 'slow%'")
      ).map((r) => r.bucket),
    ).toEqual(["slow"]);
  });
});
