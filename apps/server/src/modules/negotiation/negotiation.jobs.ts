import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { defineJob } from "../../platform/jobs";
import { expireOffer } from "./negotiation.offers";

/** An open custom offer expires at its `expiresAt` (scheduled when the offer is made). */
export const expireOfferJob = defineJob({
  kind: "negotiation.expire_offer",
  version: 1,
  payload: z.object({ offerId: z.string() }),
  handler: ({ tx, at, payload }, deps: AppDeps) => expireOffer(deps, tx, { offerId: payload.offerId, at }),
});

declare module "../../platform/jobs" {
  interface JobKinds {
    "negotiation.expire_offer": typeof expireOfferJob;
  }
}

export function registerNegotiationJobs(deps: AppDeps): void {
  deps.jobs.register(expireOfferJob, deps);
}
