import type { Queryable } from "../../../db/client";
import { money } from "../../../platform/money";
import { accounts, ledger, transfer } from "../../ledger/ledger.usecases";
import type { OrdersDeps } from "../orders.deps";
import { orderUpdatedEvent } from "../orders.models";
import type { OrdersRepository } from "../orders.repository";
import type { OrderRow } from "../orders.rows";

/**
 * Moves `amount` of the seller's earnings on `order` from pending clearance to available under
 * `businessKey` (no entry for nothing): the ledger half of every clearing (orders, milestones, tips).
 */
export async function postClearing(
  tx: Queryable,
  p: { businessKey: string; order: Pick<OrderRow, "id" | "seller_id">; amount: number; currency: string },
  at: Date,
): Promise<void> {
  if (p.amount <= 0) return;
  await ledger.post(
    tx,
    {
      businessKey: p.businessKey,
      kind: "clearing",
      orderId: p.order.id,
      postings: transfer(
        accounts.pending(p.order.seller_id),
        accounts.available(p.order.seller_id),
        money(p.amount, p.currency),
      ),
    },
    at,
  );
}

/**
 * The clearing step both an order's and a milestone's clearing take (scheduled work): moves
 * `amount` of the seller's earnings from pending clearance to available under `businessKey` (no
 * entry for nothing), marks what cleared (`markCleared`), appends the timeline event `kind` with
 * `data` and the amount, and emits `order.updated`, all in `tx`.
 */
export async function clearEarnings(
  deps: Pick<OrdersDeps, "events">,
  tx: Queryable,
  repo: OrdersRepository,
  p: {
    order: OrderRow;
    amount: number;
    businessKey: string;
    markCleared: () => Promise<unknown>;
    kind: "cleared" | "milestone_cleared";
    data?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  const { order, amount, at } = p;
  await postClearing(tx, { businessKey: p.businessKey, order, amount, currency: order.currency }, at);
  await p.markCleared();
  await repo.insertEvent({
    orderId: order.id,
    kind: p.kind,
    actorId: null,
    actorRole: "system",
    data: { ...p.data, amount: money(amount, order.currency) },
    now: at,
  });
  await deps.events.emit(tx, orderUpdatedEvent(order, p.kind), at);
}
