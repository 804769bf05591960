import type { PlaceOrderBody } from "@atelier/contracts";
import { addSeconds } from "../../../platform/clock";
import { runIdempotent, type IdempotentResult } from "../../../platform/idempotency";
import { newId } from "../../../platform/ids";
import { accounts } from "../../ledger/ledger.usecases";
import { ledger } from "../../ledger/ledger.usecases";
import type { OrdersDeps } from "../orders.deps";
import { clearingSeconds, orderUpdatedEvent, type Viewer } from "../orders.models";
import { paymentError, paymentPostings, payThen } from "../orders.payments";
import { createOrdersRepository } from "../orders.repository";
import { tipPrice } from "./quote-tip";

/**
 * A tip on a completed order (idempotent): the buyer pays the tip plus the buyer fee (`payThen`, as a
 * checkout does); the seller earns the tip less commission, pending clearance like order earnings.
 */
export async function tip(
  deps: OrdersDeps,
  p: {
    orderId: string;
    viewer: Viewer;
    amount: { amount: number; currency: string };
    payment: PlaceOrderBody["payment"];
    idempotencyKey: string;
  },
): Promise<IdempotentResult> {
  return runIdempotent(
    deps,
    {
      userId: p.viewer.id,
      key: p.idempotencyKey,
      methodPath: `POST /api/orders/${p.orderId}/tips`,
      params: { amount: p.amount, payment: p.payment },
    },
    async (save) => {
      const { order, price, rules } = await tipPrice(deps, p);
      const tipId = newId("tip");
      const payment = { payment: p.payment, amount: price.total, reference: `tip:${tipId}` };
      return payThen(deps, payment, (chargeId) =>
        deps.db.transaction(async (tx) => {
          const now = deps.clock.now();
          const repo = createOrdersRepository(tx);
          const [seller] = await repo.users([order.seller_id]);
          const clearsAt = addSeconds(now, clearingSeconds(deps.config, seller?.seller_level ?? null, rules));
          await repo.insertTip({
            id: tipId,
            orderId: order.id,
            amount: price.subtotal.amount,
            serviceFee: price.serviceFee.amount,
            commission: price.commission.amount,
            currency: order.currency,
            chargeId,
            clearsAt,
            now,
          });
          const postings = paymentPostings({
            buyerId: order.buyer_id,
            chargeId,
            total: price.total,
            to: [
              { account: accounts.pending(order.seller_id), amount: price.sellerEarnings },
              { account: accounts.commission(), amount: price.commission },
              { account: accounts.fees(), amount: price.serviceFee },
            ],
          });
          try {
            await ledger.post(
              tx,
              { businessKey: `tip:${tipId}`, kind: "tip", orderId: order.id, postings },
              now,
            );
          } catch (e) {
            throw paymentError(e);
          }
          if (chargeId) await deps.payments.capture(tx, [chargeId]);
          await deps.jobs.schedule(
            tx,
            "orders.clear_tip",
            { runAt: clearsAt, payload: { tipId }, dedupeKey: `tip:${tipId}:clear` },
            now,
          );
          await repo.insertEvent({
            orderId: order.id,
            kind: "tip",
            actorId: p.viewer.id,
            actorRole: "buyer",
            data: { amount: price.subtotal, serviceFee: price.serviceFee, total: price.total },
            now,
          });
          await deps.events.emit(tx, orderUpdatedEvent(order, "tip", p.viewer.id), now);
          const body = {
            id: tipId,
            orderId: order.id,
            amount: price.subtotal,
            serviceFee: price.serviceFee,
            total: price.total,
            createdAt: now.toISOString(),
          };
          const response = { status: 201, body };
          await save(tx, response);
          return response;
        }),
      );
    },
  );
}
