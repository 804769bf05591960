import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { addHours } from "../../platform/durations";
import { defineJob } from "../../platform/jobs";
import { aggregateDemand } from "./search.demand";

/** Hourly: the demand radar's aggregate of search_log, and search-log retention. */
export const aggregateDemandJob = defineJob({
  kind: "search.aggregate_demand",
  version: 1,
  payload: z.object({}),
  timeoutMs: 10 * 60_000,
  handler: async ({ tx, at }, deps: AppDeps) => {
    // As of the clock, not of `at`; the next run counts from the clock too (a long test-clock jump runs once).
    const now = deps.clock.now();
    await aggregateDemand(deps, tx, now);
    const next = addHours(now, 1);
    await deps.jobs.schedule(
      tx,
      "search.aggregate_demand",
      { runAt: next, payload: {}, dedupeKey: `search-demand:${next.toISOString()}` },
      at,
    );
  },
});

declare module "../../platform/jobs" {
  interface JobKinds {
    "search.aggregate_demand": typeof aggregateDemandJob;
  }
}

export function registerSearchJobs(deps: AppDeps): void {
  deps.jobs.register(aggregateDemandJob, deps);
}
