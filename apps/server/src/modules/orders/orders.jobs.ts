import type { AppDeps } from "../../app/deps";
import { TRANSITION_NAMES, type TransitionName } from "./orders.lifecycle";
import { scheduleJob } from "../../platform/jobs";
import { clearOrder, clearTip, runSystemTransition } from "./orders.usecases";

export const RECONCILE_EVERY_SECONDS = 300;

const isTransition = (name: unknown): name is TransitionName =>
  typeof name === "string" && (TRANSITION_NAMES as readonly string[]).includes(name);

/** Timed transitions and money events of orders, run by the scheduled-work runner. */
export function registerOrderJobs(deps: AppDeps): void {
  deps.jobs.register("orders.transition", async ({ tx, at, payload }) => {
    const name = payload.transition;
    if (!isTransition(name) || typeof payload.orderId !== "string") return;
    await runSystemTransition(deps, tx, {
      orderId: payload.orderId,
      name,
      at,
      input: {
        ...(typeof payload.requestId === "string" ? { requestId: payload.requestId } : {}),
        ...(typeof payload.expected === "string" ? { expected: payload.expected } : {}),
      },
    });
  });
  deps.jobs.register("orders.clear", async ({ tx, at, payload }) => {
    if (typeof payload.orderId === "string") await clearOrder(deps, tx, { orderId: payload.orderId, at });
  });
  deps.jobs.register("orders.clear_tip", async ({ tx, at, payload }) => {
    if (typeof payload.tipId === "string") await clearTip(deps, tx, { tipId: payload.tipId, at });
  });
  deps.jobs.register("payments.reconcile", async ({ tx, at }) => {
    // Authorizations that no order or tip claimed within the TTL belong to a checkout that crashed
    // between authorize and commit: void them so the buyer is never charged without an order.
    // Staleness counts to now, not to the moment this run was due: after downtime (or a test-clock
    // jump) the first run must already see the authorizations that crashed checkouts left.
    const before = new Date(deps.clock.now().getTime() - deps.config.orders.authorizationTtlSeconds * 1000);
    // Everything through the job's own transaction: on PGlite another handle would wait for it forever.
    for (const stale of await deps.payments.staleAuthorizations(tx, before)) {
      const claimed = await tx.query(
        "SELECT 1 FROM orders WHERE charge_id = $1 UNION ALL SELECT 1 FROM tips WHERE charge_id = $1 LIMIT 1",
        [stale.chargeId],
      );
      if (claimed.length === 0) await deps.payments.void(tx, stale.chargeId);
    }
    // The next run sits on a fixed grid: every start of the server schedules a first run, and the
    // chains they begin meet on the grid and merge (one dedupe key per slot) instead of piling up.
    const every = RECONCILE_EVERY_SECONDS * 1000;
    const next = new Date((Math.floor(deps.clock.now().getTime() / every) + 1) * every);
    await scheduleJob(
      tx,
      { kind: "payments.reconcile", runAt: next, dedupeKey: `reconcile:${next.toISOString()}` },
      at,
    );
  });
}
