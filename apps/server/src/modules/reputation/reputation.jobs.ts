import type { AppDeps } from "../../app/deps";
import { publishReviews, subscribeReviewTimers } from "../reviews/reviews.usecases";
import { evaluateAllSellers, scheduleNextEvaluation } from "./reputation.usecases";

/** Review reveal timers and the daily level evaluation. */
export function registerReputationJobs(deps: AppDeps): void {
  subscribeReviewTimers(deps);
  deps.jobs.register("reviews.reveal", async ({ tx, at, payload }) => {
    if (typeof payload.orderId === "string") await publishReviews(deps, tx, payload.orderId, at);
  });
  deps.jobs.register("reputation.evaluate_levels", async ({ tx, at }) => {
    // Evaluated as of the clock, not of `at`: a job that was due long ago judges today's metrics.
    await evaluateAllSellers(deps, tx, deps.clock.now());
    await scheduleNextEvaluation(deps, tx, at);
  });
}
