import type { z } from "zod";
import type { Db, Queryable } from "../db/client";
import type { Clock } from "./clock";
import { newId } from "./ids";
import type { Logger } from "./logger";

/**
 * Scheduled work driven by the injected clock: domain timers (auto-complete, clearing, lapses, level
 * evaluation) are rows of `scheduled_jobs` with a `run_at`. A handler runs in the same transaction
 * that marks its job done, so a crash either leaves the job due or both done; handlers must be
 * idempotent and re-check the state they act on, because a job may be retried.
 *
 * Every kind of job has one definition (`defineJob`, in its module's `<module>.jobs.ts`): a kind, a
 * version, a zod schema of its payload, and a handler that receives the parsed payload. A failed run
 * is retried with exponential back-off; after `maxAttempts` the job is dead (`dead_at` set, kept with
 * its last error for an admin: see `deadJobs`). A payload its schema refuses, or a version its
 * definition does not know, can never succeed by waiting, so that job is dead at once.
 */
export interface JobContext<P> {
  tx: Queryable;
  /** The moment the job was due: handlers compute follow-up times from it, not from the wall clock. */
  at: Date;
  payload: P;
  jobId: string;
}

export interface JobDefinition<K extends string, S extends z.ZodType, D> {
  kind: K;
  /** Bumped when the payload's shape changes; a stored job of another version is not run blindly. */
  version: number;
  payload: S;
  /** Runs before the job is dead (default 8). */
  maxAttempts?: number;
  /** Longest a run may take before it is failed, rolled back and retried (default 60 s). */
  timeoutMs?: number;
  handler: (ctx: JobContext<z.output<S>>, deps: D) => Promise<void>;
}

/**
 * Every kind of job the code can schedule, by kind, each mapped to the type of its definition.
 * Each `<module>.jobs.ts` adds its own by declaration merging, so scheduling an unknown kind or a
 * payload of the wrong shape fails to compile, without the scheduling use-case importing the
 * handler (which imports the use-case).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface JobKinds {}

export type JobKind = Extract<keyof JobKinds, string>;
/** What a job of this kind is scheduled with (the schema's input). */
export type JobPayload<K extends JobKind> =
  JobKinds[K] extends JobDefinition<K, infer S, infer _D> ? z.input<S> : never;

/** Identity, for inference: `defineJob({ kind, version, payload, handler })`. */
export function defineJob<K extends string, S extends z.ZodType, D>(
  definition: JobDefinition<K, S, D>,
): JobDefinition<K, S, D> {
  return definition;
}

export const DEFAULT_MAX_ATTEMPTS = 8;
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Seconds before retry n (1-based): 2, 4, 8, … capped at an hour. */
export const backoffSeconds = (attempt: number): number => Math.min(3600, 2 ** Math.min(attempt, 12));

export interface ScheduleInput<K extends JobKind> {
  runAt: Date;
  payload: JobPayload<K>;
  /**
   * At most one job per key, ever: scheduling again keeps the first, even after it has run, so a
   * key names one timer (put what makes it unique in it, e.g. `auto-complete:<delivery id>`).
   */
  dedupeKey?: string;
}

interface JobRow {
  id: string;
  kind: string;
  version: number;
  payload: unknown;
  run_at: Date;
  attempts: number;
}

/** A job that will not run again: what an admin looks at (and may `retryDeadJob`). */
export interface DeadJob {
  id: string;
  kind: string;
  version: number;
  payload: unknown;
  attempts: number;
  lastError: string | null;
  deadAt: Date;
  createdAt: Date;
}

/** Work that is not one job per row (an outbox): run after the due jobs, it returns how much it did. */
export type Drain = () => Promise<number>;

interface Registered {
  version: number;
  payload: z.ZodType;
  maxAttempts: number;
  timeoutMs: number;
  run: (ctx: JobContext<unknown>) => Promise<void>;
}

/** A failure that waiting cannot cure: the job is dead at once. */
class PermanentJobError extends Error {}

class JobTimeoutError extends Error {
  constructor(ms: number) {
    super(`job timed out after ${ms} ms`);
  }
}

/**
 * The job's transaction as the handler sees it: once the run has timed out, every further statement
 * fails instead of running on a connection the runner has already rolled back and handed on.
 */
function guarded(tx: Queryable, expired: () => Error | undefined): Queryable {
  const check = () => {
    const error = expired();
    if (error) throw error;
  };
  return {
    query: async (sql, params) => (check(), tx.query(sql, params)),
    defer: async (sql, params, expect) => (check(), tx.defer(sql, params, expect)),
    exec: async (sql) => (check(), tx.exec(sql)),
    afterCommit: (fn) => tx.afterCommit(fn),
  };
}

const describe = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);

export class JobRunner {
  private readonly handlers = new Map<string, Registered>();
  private readonly drains = new Map<string, Drain>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Registers a definition's handler, bound to the dependencies it is given. */
  register<K extends string, S extends z.ZodType, D>(definition: JobDefinition<K, S, D>, deps: D): void {
    if (this.handlers.has(definition.kind))
      throw new Error(`job handler ${definition.kind} registered twice`);
    this.handlers.set(definition.kind, {
      version: definition.version,
      payload: definition.payload,
      maxAttempts: definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      timeoutMs: definition.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      run: (ctx) => definition.handler({ ...ctx, payload: ctx.payload as z.output<S> }, deps),
    });
  }

  /**
   * Schedules a job in `q` (deferred: it travels with the transaction's next query or its COMMIT).
   * The payload is checked against the registered definition now, so a bad one fails the caller.
   */
  async schedule<K extends JobKind>(
    q: Queryable,
    kind: K,
    input: ScheduleInput<K>,
    now: Date,
  ): Promise<void> {
    const registered = this.handlers.get(kind);
    if (!registered) throw new Error(`no job definition registered for kind ${kind}`);
    const parsed = registered.payload.safeParse(input.payload);
    if (!parsed.success) throw new Error(`invalid payload for job ${kind}: ${parsed.error.message}`);
    await q.defer(
      `INSERT INTO scheduled_jobs (id, kind, version, dedupe_key, payload, run_at, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        newId("job"),
        kind,
        registered.version,
        input.dedupeKey ?? null,
        JSON.stringify(input.payload),
        input.runAt,
        now,
      ],
    );
  }

  /** Schedules a recurring job unless one of its kind is already pending (at every start of a process). */
  async ensureRecurring<K extends JobKind>(
    q: Queryable,
    kind: K,
    input: { runAt: Date; payload: JobPayload<K> },
    now: Date,
  ): Promise<void> {
    const pending = await q.query(
      "SELECT 1 FROM scheduled_jobs WHERE kind = $1 AND done_at IS NULL AND dead_at IS NULL LIMIT 1",
      [kind],
    );
    if (pending.length === 0)
      await this.schedule(q, kind, { ...input, dedupeKey: `${kind}:${input.runAt.toISOString()}` }, now);
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
          `SELECT id, kind, version, payload, run_at, attempts FROM scheduled_jobs
           WHERE done_at IS NULL AND dead_at IS NULL AND run_at <= $1
           ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [now],
        );
        picked = rows[0];
        if (!picked) return "none" as const;
        await this.runHandler(tx, picked);
        await tx.defer(
          "UPDATE scheduled_jobs SET done_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1",
          [picked.id, now],
        );
        return "ran" as const;
      });
    } catch (error) {
      if (!picked) throw error;
      await this.fail(picked, error, now);
      return "failed";
    }
  }

  private async runHandler(tx: Queryable, job: JobRow): Promise<void> {
    const registered = this.handlers.get(job.kind);
    if (!registered) throw new Error(`no handler for job kind ${job.kind}`);
    if (job.version !== registered.version)
      throw new PermanentJobError(
        `job ${job.kind} has version ${job.version}; this code runs version ${registered.version}`,
      );
    const parsed = registered.payload.safeParse(job.payload);
    if (!parsed.success)
      throw new PermanentJobError(`invalid payload for job ${job.kind}: ${parsed.error.message}`);

    let timedOut: Error | undefined;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = new JobTimeoutError(registered.timeoutMs);
        reject(timedOut);
      }, registered.timeoutMs);
    });
    const run = registered.run({
      tx: guarded(tx, () => timedOut),
      at: job.run_at,
      payload: parsed.data,
      jobId: job.id,
    });
    // A run abandoned at its deadline may still reject later; that is already reported.
    run.catch(() => undefined);
    try {
      await Promise.race([run, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fail(job: JobRow, error: unknown, now: Date): Promise<void> {
    const attempts = job.attempts + 1;
    const max = this.handlers.get(job.kind)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const dead = error instanceof PermanentJobError || attempts >= max;
    const lastError = describe(error);
    if (dead) {
      this.log.error(
        { err: error, jobId: job.id, kind: job.kind, attempts },
        "scheduled job is dead: it will not run again until retried",
      );
      await this.db.query(
        "UPDATE scheduled_jobs SET attempts = $2, last_error = $3, dead_at = $4 WHERE id = $1",
        [job.id, attempts, lastError, now],
      );
      return;
    }
    this.log.error({ err: error, jobId: job.id, kind: job.kind, attempts }, "scheduled job failed");
    // Back off exponentially (capped at an hour) so a failing job cannot starve the queue.
    const retryAt = new Date(now.getTime() + backoffSeconds(attempts) * 1000);
    await this.db.query(
      "UPDATE scheduled_jobs SET attempts = $2, last_error = $3, run_at = $4 WHERE id = $1",
      [job.id, attempts, lastError, retryAt],
    );
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

/** The dead-letter queue, newest first: jobs that failed `maxAttempts` times or could not be parsed. */
export async function deadJobs(q: Queryable, limit = 100): Promise<DeadJob[]> {
  const rows = await q.query<{
    id: string;
    kind: string;
    version: number;
    payload: unknown;
    attempts: number;
    last_error: string | null;
    dead_at: Date;
    created_at: Date;
  }>(
    `SELECT id, kind, version, payload, attempts, last_error, dead_at, created_at FROM scheduled_jobs
     WHERE dead_at IS NOT NULL ORDER BY dead_at DESC, id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    version: r.version,
    payload: r.payload,
    attempts: r.attempts,
    lastError: r.last_error,
    deadAt: r.dead_at,
    createdAt: r.created_at,
  }));
}

/** Gives a dead job a fresh set of attempts, due now (after the cause has been fixed). */
export async function retryDeadJob(q: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await q.query(
    `UPDATE scheduled_jobs SET dead_at = NULL, attempts = 0, run_at = $2
     WHERE id = $1 AND dead_at IS NOT NULL RETURNING id`,
    [id, now],
  );
  return rows.length > 0;
}
