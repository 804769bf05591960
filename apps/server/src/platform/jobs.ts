import type { Db, Queryable } from "../db/client";
import type { Clock } from "./clock";
import { newId } from "./ids";
import type { Logger } from "./logger";

/**
 * Scheduled work driven by the injected clock: domain timers (auto-complete, clearing, lapses, level
 * evaluation) are rows with a `run_at`. A handler runs in the same transaction that marks its job
 * done, so a crash either leaves the job due or both done; handlers must be idempotent and re-check
 * the state they act on, because a job may be retried.
 */
export interface JobContext {
  tx: Queryable;
  /** The moment the job was due: handlers compute follow-up times from it, not from the wall clock. */
  at: Date;
  payload: Record<string, unknown>;
}

export type JobHandler = (ctx: JobContext) => Promise<void>;

export interface ScheduleInput {
  kind: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  /**
   * At most one job per key, ever: scheduling again keeps the first, even after it has run, so a
   * key names one timer (put what makes it unique in it, e.g. `auto-complete:<delivery id>`).
   */
  dedupeKey?: string;
}

export async function scheduleJob(tx: Queryable, input: ScheduleInput, now: Date): Promise<void> {
  // Deferred: it travels with the transaction's next query or its COMMIT.
  await tx.defer(
    `INSERT INTO scheduled_jobs (id, kind, dedupe_key, payload, run_at, created_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING`,
    [
      newId("job"),
      input.kind,
      input.dedupeKey ?? null,
      JSON.stringify(input.payload ?? {}),
      input.runAt,
      now,
    ],
  );
}

interface JobRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  run_at: Date;
  attempts: number;
}

/** Work that is not one job per row (an outbox): run after the due jobs, it returns how much it did. */
export type Drain = () => Promise<number>;

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly drains = new Map<string, Drain>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job handler ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  addDrain(name: string, drain: Drain): void {
    if (this.drains.has(name)) throw new Error(`drain ${name} added twice`);
    this.drains.set(name, drain);
  }

  /** Runs every job due by the clock's now, including jobs that due jobs schedule; returns how many ran. */
  runDue(): Promise<number> {
    // One drain at a time per process; a caller arriving mid-drain waits for it and then drains again.
    const previous = this.running ?? Promise.resolve(0);
    const next = previous.then(() => this.drain());
    this.running = next.finally(() => {
      if (this.running === next) this.running = undefined;
    });
    return next;
  }

  private async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const outcome = await this.runOne();
      if (outcome === "none") break;
      ran += 1;
    }
    for (const [name, drain] of this.drains) {
      try {
        ran += await drain();
      } catch (err) {
        this.log.error({ err, drain: name }, "drain failed");
      }
    }
    return ran;
  }

  private async runOne(): Promise<"ran" | "failed" | "none"> {
    const now = this.clock.now();
    let picked: JobRow | undefined;
    try {
      return await this.db.transaction(async (tx) => {
        const rows = await tx.query<JobRow>(
          `SELECT id, kind, payload, run_at, attempts FROM scheduled_jobs
           WHERE done_at IS NULL AND run_at <= $1 ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [now],
        );
        picked = rows[0];
        if (!picked) return "none" as const;
        const handler = this.handlers.get(picked.kind);
        if (!handler) throw new Error(`no handler for job kind ${picked.kind}`);
        await handler({ tx, at: picked.run_at, payload: picked.payload });
        await tx.defer("UPDATE scheduled_jobs SET done_at = $2, attempts = attempts + 1 WHERE id = $1", [
          picked.id,
          now,
        ]);
        return "ran" as const;
      });
    } catch (error) {
      if (!picked) throw error;
      const job = picked;
      this.log.error({ err: error, jobId: job.id, kind: job.kind }, "scheduled job failed");
      // Back off exponentially (capped at an hour) so a failing job cannot starve the queue.
      const delay = Math.min(3600, 2 ** Math.min(job.attempts + 1, 12));
      await this.db.query(
        "UPDATE scheduled_jobs SET attempts = attempts + 1, last_error = $2, run_at = $3 WHERE id = $1",
        [job.id, String(error).slice(0, 500), new Date(now.getTime() + delay * 1000)],
      );
      return "failed";
    }
  }

  /** Polls for due work every `intervalMs` until stopped. */
  start(intervalMs = 1000): void {
    const tick = () => {
      this.runDue()
        .catch((err: unknown) => this.log.error({ err }, "job runner tick failed"))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}

/** Schedules a recurring job unless one of its kind is already pending (at every start of a process). */
export async function ensureRecurringJob(q: Queryable, kind: string, runAt: Date, now: Date): Promise<void> {
  const pending = await q.query("SELECT 1 FROM scheduled_jobs WHERE kind = $1 AND done_at IS NULL LIMIT 1", [
    kind,
  ]);
  if (pending.length === 0)
    await scheduleJob(q, { kind, runAt, dedupeKey: `${kind}:${runAt.toISOString()}` }, now);
}
