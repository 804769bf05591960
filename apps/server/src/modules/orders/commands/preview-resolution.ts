import { invalidTransition, notFound } from "../../../platform/errors";
import { money } from "../../../platform/money";
import type { OrdersDeps } from "../orders.deps";
import { sharesOf } from "../orders.models";
import type { ResolutionOutcome } from "../orders.pricing";
import { heldOrder } from "../orders.milestones";
import { createOrdersRepository } from "../orders.repository";

/**
 * What a dispute decision would move, before the admin confirms it (moves nothing): the buyer's
 * refund as credits and the seller's earnings, exactly as `POST /api/admin/disputes/:id/resolve`
 * would post them. The route admits admins only.
 */
export async function previewResolution(
  deps: Pick<OrdersDeps, "db" | "config">,
  p: { orderId: string; outcome: ResolutionOutcome; buyerRefundPercent?: number },
) {
  const repo = createOrdersRepository(deps.db);
  const order = await repo.findOrder(p.orderId);
  if (!order) throw notFound("order");
  if (order.status !== "disputed") throw invalidTransition(order.status, `resolve ${p.outcome}`);
  const percent = p.outcome === "split" ? (p.buyerRefundPercent ?? 0) : null;
  // An order paid in milestones: the decision moves what is still held (released milestones stay paid).
  const milestones = order.milestone_count > 0 ? await repo.listMilestones(order.id) : undefined;
  const held = heldOrder(order, milestones);
  const shares = sharesOf(deps.config, held, p.outcome, percent ?? 0);
  return {
    outcome: p.outcome,
    buyerRefundPercent: percent,
    total: money(held.total, order.currency),
    buyerRefund: shares.buyerRefund,
    sellerEarnings: shares.sellerEarnings,
    commission: shares.commission,
    feeKept: shares.feeKept,
  };
}
