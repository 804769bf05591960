import type { PlaceOfferOrderBody } from "@atelier/contracts";
import type { Queryable } from "../../../db/client";
import { conflict, notFound } from "../../../platform/errors";
import { runIdempotent, saveResponses, type IdempotentResult } from "../../../platform/idempotency";
import { newId } from "../../../platform/ids";
import type { OrdersDeps } from "../orders.deps";
import type { Viewer } from "../orders.models";
import { isPayable, type OfferTerms, type OffersPort } from "../orders.offers";
import { paymentError, payThen } from "../orders.payments";
import { milestoneShares, priceOrder, type PaymentBreakdown } from "../orders.pricing";
import { createOrdersRepository } from "../orders.repository";
import type { NewOrder } from "../orders.rows";
import { loadGig, writePlacedOrders } from "./checkout.batch";
import { placedOrder } from "./place-order";
import { currentRules, orderRulesOf } from "../../../platform/settings";
import { toOrderView } from "../orders.view";
import { applyTransition } from "./apply-transition";

/** The days of an offer's milestones together, or undefined for an offer without milestones. */
function inMilestonesDays(offer: OfferTerms): number | undefined {
  if (offer.milestones.length === 0) return undefined;
  return offer.milestones.reduce((days, m) => days + m.deliveryDays, 0);
}

/**
 * Writes the milestones of an offer's order, each with its share of the fee and commission
 * (`milestoneShares`, largest remainder, from the prices this checkout charged), and takes the
 * order's `start_milestones`: the clock starts and the first milestone is in progress.
 */
async function startMilestones(
  deps: OrdersDeps,
  tx: Queryable,
  p: { orderId: string; offer: OfferTerms; price: PaymentBreakdown; now: Date },
) {
  const shares = milestoneShares(
    p.price,
    p.offer.milestones.map((m) => m.price),
  );
  await createOrdersRepository(tx).insertMilestones(
    p.orderId,
    p.offer.milestones.map((m, i) => {
      const share = shares[i];
      if (!share) throw new Error("a milestone without its share");
      return {
        id: newId("mst"),
        title: m.title,
        amount: share.amount.amount,
        service_fee: share.serviceFee.amount,
        commission: share.commission.amount,
        seller_earnings: share.sellerEarnings.amount,
        delivery_days: m.deliveryDays,
      };
    }),
    p.now,
  );
  await applyTransition(deps, tx, {
    orderId: p.orderId,
    name: "start_milestones",
    viewer: "system",
    at: p.now,
  });
}

const unavailable = () =>
  conflict(
    "This offer can no longer be paid: it was accepted, withdrawn, declined or has expired.",
    "offer_unavailable",
  );

/**
 * Places the order of a custom offer (`POST /api/orders { offerId }`), at most once per
 * Idempotency-Key and at most once per offer: the offer's price with the usual fees → pay → write,
 * in ONE transaction, the order, its ledger entry, the capture, the stored response and the offer's
 * compare-and-set from `open` to `accepted` (`offers.accept`). Of concurrent payments of one offer
 * one commits; the others roll back, their authorizations are voided, and they answer 409
 * `offer_unavailable`. Not group-committed: each offer checkout is its own transaction, so the
 * loser's rollback stays its own.
 */
export async function placeOfferOrder(
  deps: OrdersDeps,
  {
    buyer,
    body,
    idempotencyKey,
    offers,
  }: {
    buyer: Viewer & { username: string; displayName: string };
    body: PlaceOfferOrderBody;
    idempotencyKey: string;
    offers: OffersPort;
  },
): Promise<IdempotentResult> {
  return runIdempotent(
    deps,
    { userId: buyer.id, key: idempotencyKey, methodPath: "POST /api/orders", params: body },
    async (_save, claim) => {
      const offer = await offers.find(deps.db, body.offerId);
      if (!offer || offer.buyerId !== buyer.id) throw notFound("offer");
      if (!isPayable(offer, deps.clock.now())) throw unavailable();
      const [gig, rules] = await Promise.all([loadGig(deps, offer.gigId), currentRules(deps)]);
      if (!gig || gig.seller_suspended) throw notFound("gig");
      const price = priceOrder({ price: offer.price, deliveryDays: offer.deliveryDays }, [], 1, rules.fees);
      const orderId = newId("ord");
      const payment = { payment: body.payment, amount: price.total, reference: `order:${orderId}` };
      return payThen(deps, payment, async (chargeId) => {
        const now = deps.clock.now();
        const fields: NewOrder = {
          id: orderId,
          buyer_id: buyer.id,
          seller_id: offer.sellerId,
          gig_id: gig.id,
          gig_title: offer.title,
          // The order model knows tiers only: an offer's order is one "basic" package at its terms.
          tier: "basic",
          package: {
            name: "Custom offer",
            description: offer.description,
            features: [],
            price: offer.price,
            deliveryDays: offer.deliveryDays,
            revisions: offer.revisions,
          },
          extras: [],
          quantity: 1,
          currency: offer.price.currency,
          subtotal: price.subtotal.amount,
          service_fee: price.serviceFee.amount,
          total: price.total.amount,
          commission: price.commission.amount,
          seller_earnings: price.sellerEarnings.amount,
          // In milestones, the order's clock runs for all of them: payment + the sum of their days.
          delivery_days: inMilestonesDays(offer) ?? price.deliveryDays,
          revisions_allowed: offer.revisions,
          status: "awaiting_requirements",
          requirements: gig.requirements,
          payment_method: body.payment.method,
          charge_id: chargeId,
          // The offer's licence, its price included in the offer's (granted on completion as usual).
          licence_kind: offer.licence,
          licence_price: 0,
          protect_deliveries: gig.protect_deliveries,
          created_at: now,
          rules: orderRulesOf(rules),
        };
        const pending = { ...placedOrder(deps, { fields, buyer, gig, now }), claim };
        const inMilestones = offer.milestones.length > 0;
        try {
          return await deps.db.transaction(async (tx) => {
            const [placed] = await writePlacedOrders(deps, tx, [pending], { respond: !inMilestones });
            // After the order's insert (the offer points at it), before the COMMIT: the CAS.
            if (!(await offers.accept(tx, { offerId: offer.id, buyerId: buyer.id, orderId, now })))
              throw unavailable();
            if (!placed) throw new Error("the checkout wrote no response");
            if (!inMilestones) return placed;
            // Paid in milestones: write them with their shares, start the first, answer the order as it is then.
            await startMilestones(deps, tx, { orderId, offer, price, now });
            const row = await createOrdersRepository(tx).findOrder(orderId);
            if (!row) throw new Error("the order vanished");
            const view = await toOrderView(tx, row, "buyer", deps, now);
            const response = { status: 201, body: view, json: JSON.stringify(view) };
            await saveResponses(tx, [{ claim, response }]);
            return response;
          });
        } catch (e) {
          throw paymentError(e);
        }
      });
    },
  );
}
