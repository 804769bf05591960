import type { Queryable } from "../../../db/client";
import { money } from "../../../platform/money";
import { accounts, transfer } from "../../ledger/ledger.usecases";
import { ledger } from "../../ledger/ledger.usecases";
import type { OrdersDeps } from "../orders.deps";
import { orderUpdatedEvent } from "../orders.models";
import { createOrdersRepository } from "../orders.repository";

/** Moves a completed order's earnings from pending clearance to available (scheduled work). */
export async function clearOrder(
  deps: Pick<OrdersDeps, "events">,
  tx: Queryable,
  { orderId, at }: { orderId: string; at: Date },
): Promise<void> {
  const repo = createOrdersRepository(tx);
  const order = await repo.lockOrder(orderId);
  if (!order || order.status !== "completed" || order.cleared_at) return;
  if (order.seller_earnings > 0) {
    await ledger.post(
      tx,
      {
        businessKey: `order:${order.id}:clearing`,
        kind: "clearing",
        orderId: order.id,
        postings: transfer(
          accounts.pending(order.seller_id),
          accounts.available(order.seller_id),
          money(order.seller_earnings, order.currency),
        ),
      },
      at,
    );
  }
  await repo.update(order.id, "completed", { cleared_at: at }, at);
  await repo.insertEvent({
    orderId: order.id,
    kind: "cleared",
    actorId: null,
    actorRole: "system",
    data: { amount: money(order.seller_earnings, order.currency) },
    now: at,
  });
  await deps.events.emit(tx, orderUpdatedEvent(order, "cleared"), at);
}
