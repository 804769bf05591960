import { purgeExpiredIdempotencyKeys } from "../platform/idempotency";
import { DAY } from "../platform/clock";
import { scheduleJob } from "../platform/jobs";
import { registerOrderJobs } from "../modules/orders/orders.jobs";
import { registerNotifications } from "../modules/notifications/notifications.jobs";
import { registerReputationJobs } from "../modules/reputation/reputation.jobs";
import type { AppDeps } from "./deps";

/** Scheduled-work handlers of every module, registered once per process. */
export function registerJobs(deps: AppDeps): void {
  registerOrderJobs(deps);
  registerNotifications(deps);
  registerReputationJobs(deps);
  deps.jobs.register("platform.purge_idempotency_keys", async ({ tx, at }) => {
    await purgeExpiredIdempotencyKeys(tx, at);
    // The next run counts from the clock, not from `at`, so a test-clock jump of a year runs it once.
    const next = new Date(deps.clock.now().getTime() + DAY * 1000);
    await scheduleJob(
      tx,
      {
        kind: "platform.purge_idempotency_keys",
        runAt: next,
        dedupeKey: `purge-idempotency:${next.toISOString()}`,
      },
      at,
    );
  });
}
