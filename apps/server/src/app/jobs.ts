import { z } from "zod";
import { purgeExpiredIdempotencyKeys } from "../platform/idempotency";
import { DAY } from "../platform/clock";
import { defineJob } from "../platform/jobs";
import { registerOrderJobs } from "../modules/orders/orders.jobs";
import { registerNotifications } from "../modules/notifications/notifications.jobs";
import { registerReputationJobs } from "../modules/reputation/reputation.jobs";
import { registerAdminJobs } from "../modules/admin/admin.jobs";
import type { AppDeps } from "../platform/deps";
import { registerSearchJobs, subscribeSearchToAccounts } from "../modules/search/search.public";
import { subscribeDeliveryCredentials } from "../modules/credentials/credentials.jobs";
import { registerNegotiationJobs } from "../modules/negotiation/negotiation.jobs";

/** Idempotency keys past their retention are deleted once a day. */
export const purgeIdempotencyKeysJob = defineJob({
  kind: "platform.purge_idempotency_keys",
  version: 1,
  payload: z.object({}),
  handler: async ({ tx, at }, deps: AppDeps) => {
    await purgeExpiredIdempotencyKeys(tx, at);
    // The next run counts from the clock, not from `at`, so a test-clock jump of a year runs it once.
    const next = new Date(deps.clock.now().getTime() + DAY * 1000);
    await deps.jobs.schedule(
      tx,
      "platform.purge_idempotency_keys",
      { runAt: next, payload: {}, dedupeKey: `purge-idempotency:${next.toISOString()}` },
      at,
    );
  },
});

declare module "../platform/jobs" {
  interface JobKinds {
    "platform.purge_idempotency_keys": typeof purgeIdempotencyKeysJob;
  }
}

/** Scheduled-work handlers of every module, registered once per process. */
export function registerJobs(deps: AppDeps): void {
  registerOrderJobs(deps);
  registerNotifications(deps);
  registerReputationJobs(deps);
  registerAdminJobs(deps);
  subscribeSearchToAccounts(deps);
  registerSearchJobs(deps);
  subscribeDeliveryCredentials(deps);
  registerNegotiationJobs(deps);
  deps.jobs.register(purgeIdempotencyKeysJob, deps);
}
