import type { PlaceOrderBody } from "@atelier/contracts";
import { conflict } from "../../../platform/errors";
import { runIdempotent, type IdempotentResult } from "../../../platform/idempotency";
import { newId } from "../../../platform/ids";
import type { OrdersDeps } from "../orders.deps";
import type { Viewer } from "../orders.models";
import { payThen } from "../orders.payments";
import { newOrderRow, type NewOrder } from "../orders.rows";
import { buildOrderView } from "../orders.view";
import { writePlacedOrder } from "./checkout.batch";
import { orderableGig, priceFor } from "./quote";
import { currentRules, orderRulesOf } from "../../../platform/settings";

/**
 * Places an order (POST /api/orders), at most once per Idempotency-Key: price on the server → pay
 * (`payThen`: authorize the card; on failure void it) → write, in ONE transaction, the order, its
 * `card/credits → escrow` entry, the capture and the idempotent response (`writePlacedOrder`, which
 * shares that transaction with concurrent checkouts). docs/orders.md tells the crash cases.
 */
export async function placeOrder(
  deps: OrdersDeps,
  {
    buyer,
    body,
    idempotencyKey,
  }: {
    buyer: Viewer & { username: string; displayName: string };
    body: PlaceOrderBody;
    idempotencyKey: string;
  },
): Promise<IdempotentResult> {
  // Read while the key is claimed (one round trip instead of two in a row); unused on a replay.
  const gigRead = orderableGig(deps, body.gigId);
  gigRead.catch(() => undefined);
  // The rules in force when the order is placed: its price, and what it keeps for later.
  const rulesRead = currentRules(deps);
  rulesRead.catch(() => undefined);
  return runIdempotent(
    deps,
    { userId: buyer.id, key: idempotencyKey, methodPath: "POST /api/orders", params: body },
    async (_save, claim) => {
      const [gig, rules] = await Promise.all([gigRead, rulesRead]);
      if (gig.seller_id === buyer.id) throw conflict("You cannot buy your own gig.", "own_gig");
      const { pkg, extras, price, licence } = priceFor(rules.fees, gig, body);
      const orderId = newId("ord");
      // One authorization per attempt, never per key: a key that expired (24 h) or was freed by a
      // failed attempt must not find the earlier, captured or voided, charge again.
      const payment = { payment: body.payment, amount: price.total, reference: `order:${orderId}` };
      return payThen(deps, payment, async (chargeId) => {
        // Everything about the order but its writing is made here, outside the batch's transaction.
        const now = deps.clock.now();
        const fields: NewOrder = {
          id: orderId,
          buyer_id: buyer.id,
          seller_id: gig.seller_id,
          gig_id: gig.id,
          gig_title: gig.title,
          tier: body.tier,
          package: pkg,
          extras,
          quantity: body.quantity,
          currency: gig.currency,
          subtotal: price.subtotal.amount,
          service_fee: price.serviceFee.amount,
          total: price.total.amount,
          commission: price.commission.amount,
          seller_earnings: price.sellerEarnings.amount,
          delivery_days: price.deliveryDays,
          revisions_allowed: pkg.revisions,
          status: "awaiting_requirements",
          requirements: gig.requirements,
          payment_method: body.payment.method,
          charge_id: chargeId,
          licence_kind: licence.kind,
          licence_price: licence.price.amount,
          protect_deliveries: gig.protect_deliveries,
          created_at: now,
          rules: orderRulesOf(rules),
        };
        return writePlacedOrder(deps, { ...placedOrder(deps, { fields, buyer, gig, now }), claim });
      });
    },
  );
}

/**
 * A new order's row, its insert payload and the 201 its buyer gets (the order as they will read it),
 * for the checkout's batched write; shared by gig checkout and offer payment.
 */
export function placedOrder(
  deps: OrdersDeps,
  p: {
    fields: NewOrder;
    buyer: { id: string; username: string; displayName: string };
    gig: { seller_id: string; seller_username: string; seller_display_name: string };
    now: Date;
  },
) {
  const order = newOrderRow(p.fields);
  const parties = [
    { id: p.buyer.id, username: p.buyer.username, display_name: p.buyer.displayName },
    { id: p.gig.seller_id, username: p.gig.seller_username, display_name: p.gig.seller_display_name },
  ];
  const view = buildOrderView(
    order,
    { users: parties, deliveries: [], requests: [], tips: [], files: [] },
    "buyer",
    deps,
    p.now,
  );
  return {
    order,
    orderJson: JSON.stringify(p.fields),
    response: { status: 201, body: view, json: JSON.stringify(view) },
  };
}
