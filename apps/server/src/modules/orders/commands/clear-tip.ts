import type { Queryable } from "../../../db/client";
import { money } from "../../../platform/money";
import { accounts, transfer } from "../../ledger/ledger.usecases";
import { ledger } from "../../ledger/ledger.usecases";
import { createOrdersRepository } from "../orders.repository";

/** Clears a tip's earnings after the same clearing period as its order's (scheduled work). */
export async function clearTip(tx: Queryable, { tipId, at }: { tipId: string; at: Date }): Promise<void> {
  const repo = createOrdersRepository(tx);
  const tip = await repo.findTip(tipId);
  if (!tip || tip.cleared_at) return;
  const order = await repo.findOrder(tip.order_id);
  if (!order) return;
  const earnings = tip.amount - tip.commission;
  if (earnings > 0) {
    await ledger.post(
      tx,
      {
        businessKey: `tip:${tip.id}:clearing`,
        kind: "clearing",
        orderId: order.id,
        postings: transfer(
          accounts.pending(order.seller_id),
          accounts.available(order.seller_id),
          money(earnings, tip.currency),
        ),
      },
      at,
    );
  }
  await repo.markTipCleared(tip.id, at);
}
