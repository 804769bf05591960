import type { Queryable } from "../../../db/client";
import { money } from "../../../platform/money";
import { accounts, ledger, transfer } from "../../ledger/ledger.usecases";
import type { OrdersDeps } from "../orders.deps";
import { orderUpdatedEvent } from "../orders.models";
import { createOrdersRepository } from "../orders.repository";

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
  if (m.seller_earnings > 0) {
    await ledger.post(
      tx,
      {
        businessKey: `order:${order.id}:milestone:${m.id}:clearing`,
        kind: "clearing",
        orderId: order.id,
        postings: transfer(
          accounts.pending(order.seller_id),
          accounts.available(order.seller_id),
          money(m.seller_earnings, order.currency),
        ),
      },
      at,
    );
  }
  await repo.updateMilestone(m.id, "completed", { cleared_at: at }, at);
  await repo.insertEvent({
    orderId: order.id,
    kind: "milestone_cleared",
    actorId: null,
    actorRole: "system",
    data: { milestoneId: m.id, title: m.title, amount: money(m.seller_earnings, order.currency) },
    now: at,
  });
  await deps.events.emit(tx, orderUpdatedEvent(order, "milestone_cleared"), at);
}
