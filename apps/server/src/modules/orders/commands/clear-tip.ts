import type { Queryable } from "../../../db/client";
import { createOrdersRepository } from "../orders.repository";
import { postClearing } from "./clear-earnings";

/** Clears a tip's earnings after the same clearing period as its order's (scheduled work). */
export async function clearTip(tx: Queryable, { tipId, at }: { tipId: string; at: Date }): Promise<void> {
  const repo = createOrdersRepository(tx);
  const tip = await repo.findTip(tipId);
  if (!tip || tip.cleared_at) return;
  const order = await repo.findOrder(tip.order_id);
  if (!order) return;
  const earnings = tip.amount - tip.commission;
  await postClearing(
    tx,
    { businessKey: `tip:${tip.id}:clearing`, order, amount: earnings, currency: tip.currency },
    at,
  );
  await repo.markTipCleared(tip.id, at);
}
