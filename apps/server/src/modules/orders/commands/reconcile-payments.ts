import type { Queryable } from "../../../db/client";
import type { OrdersDeps } from "../orders.deps";
import { createOrdersRepository } from "../orders.repository";

/**
 * Voids the card authorizations that no order or tip claimed within the TTL: they belong to a
 * checkout that crashed between authorize and commit, and the buyer must never be charged without
 * an order. Everything runs through `tx` (on PGlite another handle would wait for it forever).
 */
export async function voidUnclaimedAuthorizations(
  deps: Pick<OrdersDeps, "clock" | "config" | "payments">,
  tx: Queryable,
): Promise<void> {
  // Staleness counts to now, not to the moment this run was due: after downtime (or a test-clock
  // jump) the first run must already see the authorizations that crashed checkouts left.
  const before = new Date(deps.clock.now().getTime() - deps.config.orders.authorizationTtlSeconds * 1000);
  const repo = createOrdersRepository(tx);
  for (const stale of await deps.payments.staleAuthorizations(tx, before)) {
    if (!(await repo.isChargeClaimed(stale.chargeId))) await deps.payments.void(tx, stale.chargeId);
  }
}
