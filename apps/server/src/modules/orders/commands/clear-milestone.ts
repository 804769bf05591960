import type { Queryable } from "../../../db/client";
import type { OrdersDeps } from "../orders.deps";
import { createOrdersRepository } from "../orders.repository";
import { clearEarnings } from "./clear-earnings";

/**
 * Moves a released milestone's earnings from pending clearance to available once its clearing
 * period is over (scheduled work, `orders.clear_milestone`): each milestone clears on its own, the
 * period taken from the order's stored rules and the seller's level at the release.
 */
export async function clearMilestone(
  deps: Pick<OrdersDeps, "events">,
  tx: Queryable,
  { milestoneId, at }: { milestoneId: string; at: Date },
): Promise<void> {
  const repo = createOrdersRepository(tx);
  const m = await repo.lockMilestone(milestoneId);
  if (!m || m.status !== "completed" || m.cleared_at) return;
  const order = await repo.findOrder(m.order_id);
  if (!order) return;
  await clearEarnings(deps, tx, repo, {
    order,
    amount: m.seller_earnings,
    businessKey: `order:${order.id}:milestone:${m.id}:clearing`,
    markCleared: () => repo.updateMilestone(m.id, "completed", { cleared_at: at }, at),
    kind: "milestone_cleared",
    data: { milestoneId: m.id, title: m.title },
    at,
  });
}
