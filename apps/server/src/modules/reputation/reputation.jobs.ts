import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { defineJob } from "../../platform/jobs";
import { publishReviews, subscribeReviewTimers } from "../reviews/reviews.usecases";
import { evaluateAllSellers, scheduleNextEvaluation } from "./reputation.usecases";

/** Both reviews of an order become public once the double-blind window has closed. */
export const revealReviewsJob = defineJob({
  kind: "reviews.reveal",
  version: 1,
  payload: z.object({ orderId: z.string() }),
  handler: async ({ tx, at, payload }, deps: AppDeps) => {
    await publishReviews(deps, tx, payload.orderId, at);
  },
});

/** The daily evaluation of every seller's level; it schedules the next one. */
export const evaluateLevelsJob = defineJob({
  kind: "reputation.evaluate_levels",
  version: 1,
  payload: z.object({}),
  // Every seller in one run: give it longer than the default.
  timeoutMs: 10 * 60_000,
  handler: async ({ tx, at }, deps: AppDeps) => {
    // Evaluated as of the clock, not of `at`: a job that was due long ago judges today's metrics.
    await evaluateAllSellers(deps, tx, deps.clock.now());
    await scheduleNextEvaluation(deps, tx, at);
  },
});

declare module "../../platform/jobs" {
  interface JobKinds {
    "reviews.reveal": typeof revealReviewsJob;
    "reputation.evaluate_levels": typeof evaluateLevelsJob;
  }
}

/** Review reveal timers and the daily level evaluation. */
export function registerReputationJobs(deps: AppDeps): void {
  subscribeReviewTimers(deps);
  deps.jobs.register(revealReviewsJob, deps);
  deps.jobs.register(evaluateLevelsJob, deps);
}
