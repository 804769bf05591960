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
    // Each seller is evaluated in a transaction of its own; this job only schedules the next run.
    await evaluateAllSellers(deps, at);
    await scheduleNextEvaluation(deps, tx, at);
  });
}
