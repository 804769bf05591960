import { purgeExpiredIdempotencyKeys } from "../platform/idempotency";
import { DAY } from "../platform/clock";
import { scheduleJob } from "../platform/jobs";
import type { AppDeps } from "./deps";

/** Scheduled-work handlers of every module, registered once per process. */
export function registerJobs(deps: AppDeps): void {
  deps.jobs.register("platform.purge_idempotency_keys", async ({ tx, at }) => {
    await purgeExpiredIdempotencyKeys(tx, at);
    await scheduleJob(
      tx,
      {
        kind: "platform.purge_idempotency_keys",
        runAt: new Date(at.getTime() + DAY * 1000),
        dedupeKey: `purge-idempotency:${new Date(at.getTime() + DAY * 1000).toISOString().slice(0, 10)}`,
      },
      at,
    );
  });
}
