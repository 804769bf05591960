import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { defineJob } from "../../platform/jobs";
import { liftSuspensionIn } from "./admin.usecases";

/** A suspension with an end lifts itself then (unless it was lifted, or replaced, before). */
export const suspensionEndJob = defineJob({
  kind: "admin.suspension_end",
  version: 1,
  payload: z.object({ userId: z.string(), suspensionId: z.string() }),
  handler: async ({ tx, payload }, deps: AppDeps) => {
    await liftSuspensionIn(deps, tx, {
      userId: payload.userId,
      suspensionId: payload.suspensionId,
      by: null,
      how: "ended",
    });
  },
});

declare module "../../platform/jobs" {
  interface JobKinds {
    "admin.suspension_end": typeof suspensionEndJob;
  }
}

export function registerAdminJobs(deps: AppDeps): void {
  deps.jobs.register(suspensionEndJob, deps);
}
