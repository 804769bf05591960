import type { Queryable } from "../../../db/client";
import type { OrdersDeps } from "../orders.deps";
import { createOrdersRepository } from "../orders.repository";
import { clearEarnings } from "./clear-earnings";

/**
 * Moves a completed order's earnings from pending clearance to available (scheduled work). An order
 * paid in milestones clears here only what its own entry paid (an admin's split of the milestones
 * still held): its released milestones clear one by one (`clear-milestone.ts`).
 */
export async function clearOrder(
  deps: Pick<OrdersDeps, "events">,
  tx: Queryable,
  { orderId, at }: { orderId: string; at: Date },
): Promise<void> {
  const repo = createOrdersRepository(tx);
  const order = await repo.lockOrder(orderId);
  if (!order || order.status !== "completed" || order.cleared_at) return;
  let amount = order.seller_earnings;
  if (order.milestone_count > 0) {
    const milestones = await repo.listMilestones(order.id);
    const released = milestones
      .filter((m) => m.status === "completed")
      .reduce((sum, m) => sum + m.seller_earnings, 0);
    amount -= released;
  }
  await clearEarnings(deps, tx, repo, {
    order,
    amount,
    businessKey: `order:${order.id}:clearing`,
    markCleared: () => repo.update(order.id, "completed", { cleared_at: at }, at),
    kind: "cleared",
    at,
  });
}
