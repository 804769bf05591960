import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { defineJob } from "../../platform/jobs";
import { MILESTONE_TRANSITION_NAMES, TRANSITION_NAMES } from "./orders.lifecycle";
import {
  clearMilestone,
  clearOrder,
  clearTip,
  runMilestoneTimer,
  runSystemTransition,
  voidUnclaimedAuthorizations,
} from "./orders.usecases";

export const RECONCILE_EVERY_SECONDS = 300;

/** A timed transition of an order (late flag, auto-complete, request lapses). */
export const orderTransitionJob = defineJob({
  kind: "orders.transition",
  version: 1,
  payload: z.object({
    orderId: z.string(),
    transition: z.enum(TRANSITION_NAMES),
    /** The request the transition answers (cancellation, extension). */
    requestId: z.string().optional(),
    /** The timer's identity (a due date, a delivery time): a stale timer does nothing. */
    expected: z.string().optional(),
  }),
  handler: async ({ tx, at, payload }, deps: AppDeps) => {
    await runSystemTransition(deps, tx, {
      orderId: payload.orderId,
      name: payload.transition,
      at,
      input: {
        ...(payload.requestId !== undefined ? { requestId: payload.requestId } : {}),
        ...(payload.expected !== undefined ? { expected: payload.expected } : {}),
      },
    });
  },
});

/** A timed row of a milestone (its 3-day auto-acceptance); the clock is the app's (the test clock in test mode). */
export const milestoneTransitionJob = defineJob({
  kind: "orders.milestone_transition",
  version: 1,
  payload: z.object({
    orderId: z.string(),
    milestoneId: z.string(),
    transition: z.enum(MILESTONE_TRANSITION_NAMES),
    /** The delivery the timer was set for: a newer delivery makes it stale. */
    expected: z.string().optional(),
  }),
  handler: async ({ tx, at, payload }, deps: AppDeps) => {
    await runMilestoneTimer(deps, tx, {
      orderId: payload.orderId,
      milestoneId: payload.milestoneId,
      name: payload.transition,
      at,
      ...(payload.expected !== undefined ? { expected: payload.expected } : {}),
    });
  },
});

/** A released milestone's earnings clear on their own. */
export const milestoneClearJob = defineJob({
  kind: "orders.clear_milestone",
  version: 1,
  payload: z.object({ milestoneId: z.string() }),
  handler: ({ tx, at, payload }, deps: AppDeps) =>
    clearMilestone(deps, tx, { milestoneId: payload.milestoneId, at }),
});

/** The seller's earnings of an order leave escrow once the clearing period is over. */
export const orderClearJob = defineJob({
  kind: "orders.clear",
  version: 1,
  payload: z.object({ orderId: z.string() }),
  handler: ({ tx, at, payload }, deps: AppDeps) => clearOrder(deps, tx, { orderId: payload.orderId, at }),
});

/** A tip clears like its order. */
export const tipClearJob = defineJob({
  kind: "orders.clear_tip",
  version: 1,
  payload: z.object({ tipId: z.string() }),
  handler: ({ tx, at, payload }) => clearTip(tx, { tipId: payload.tipId, at }),
});

/**
 * Authorizations that no order or tip claimed within the TTL belong to a checkout that crashed
 * between authorize and commit: void them so the buyer is never charged without an order.
 */
export const reconcilePaymentsJob = defineJob({
  kind: "payments.reconcile",
  version: 1,
  payload: z.object({}),
  handler: async ({ tx, at }, deps: AppDeps) => {
    await voidUnclaimedAuthorizations(deps, tx);
    // The next run sits on a fixed grid: every start of the server schedules a first run, and the
    // chains they begin meet on the grid and merge (one dedupe key per slot) instead of piling up.
    const every = RECONCILE_EVERY_SECONDS * 1000;
    const next = new Date((Math.floor(deps.clock.now().getTime() / every) + 1) * every);
    await deps.jobs.schedule(
      tx,
      "payments.reconcile",
      { runAt: next, payload: {}, dedupeKey: `reconcile:${next.toISOString()}` },
      at,
    );
  },
});

declare module "../../platform/jobs" {
  interface JobKinds {
    "orders.transition": typeof orderTransitionJob;
    "orders.clear": typeof orderClearJob;
    "orders.clear_tip": typeof tipClearJob;
    "orders.milestone_transition": typeof milestoneTransitionJob;
    "orders.clear_milestone": typeof milestoneClearJob;
    "payments.reconcile": typeof reconcilePaymentsJob;
  }
}

/** Timed transitions and money events of orders, run by the scheduled-work runner. */
export function registerOrderJobs(deps: AppDeps): void {
  deps.jobs.register(orderTransitionJob, deps);
  deps.jobs.register(orderClearJob, deps);
  deps.jobs.register(tipClearJob, deps);
  deps.jobs.register(milestoneTransitionJob, deps);
  deps.jobs.register(milestoneClearJob, deps);
  deps.jobs.register(reconcilePaymentsJob, deps);
}
