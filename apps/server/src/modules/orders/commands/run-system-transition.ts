import type { Queryable } from "../../../db/client";
import { isAppError } from "../../../platform/errors";
import type { OrdersDeps } from "../orders.deps";
import type { TransitionInput } from "../orders.effects";
import type { TransitionName } from "../orders.lifecycle";
import { createOrdersRepository } from "../orders.repository";
import { applyTransition } from "./apply-transition";

/** Runs a timed transition for the job runner; a transition that no longer applies is skipped. */
export async function runSystemTransition(
  deps: OrdersDeps,
  tx: Queryable,
  p: { orderId: string; name: TransitionName; input: TransitionInput; at: Date },
): Promise<boolean> {
  // A refused transition must not abort the job's transaction: it runs behind a savepoint.
  const repo = createOrdersRepository(tx);
  await repo.savepoint();
  try {
    await applyTransition(deps, tx, { ...p, viewer: "system" });
    await repo.releaseSavepoint();
    return true;
  } catch (e) {
    if (isAppError(e) && e.status < 500) {
      await repo.rollbackToSavepoint();
      return false;
    }
    throw e;
  }
}
