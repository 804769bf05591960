import type { CreateOfferBody, Offer } from "@atelier/contracts";
import type { Queryable } from "../../db/client";
import { addDays } from "../../platform/durations";
import { badRequest, conflict, forbidden, notFound, validationFailed } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { currentRules, shownRules } from "../../platform/settings";
import { money } from "../../platform/money";
import { isAdmin, type AuthUser } from "../identity/identity.public";
import { conversationParties, postOfferMessage } from "../messaging/messaging.public";
import type { OfferTerms, OffersPort } from "../orders/orders.public";
import type { NegotiationDeps } from "./negotiation.deps";
import { milestonesProblem, toOffer } from "./negotiation.models";
import { createNegotiationRepository, type OfferRow } from "./negotiation.repository";

type Seller = Pick<AuthUser, "id" | "username" | "isSeller">;

const unavailable = () =>
  conflict(
    "This offer is no longer open: it was accepted, withdrawn, declined or has expired.",
    "offer_unavailable",
  );

async function offerView(deps: NegotiationDeps, q: Queryable, offerId: string): Promise<Offer> {
  const row = await createNegotiationRepository(q).findOffer(offerId);
  if (!row) throw notFound("offer");
  // Usually inside the transaction that wrote the offer: the rules are read through it.
  return toOffer(row, (await currentRules(deps, q)).fees, deps.clock.now());
}

/**
 * Writes an offer in the caller's transaction and posts it into its conversation: the offer's gig
 * must be an active gig of the seller, priced in its currency. Schedules the expiry job.
 */
export async function makeOffer(
  deps: NegotiationDeps,
  tx: Queryable,
  p: {
    seller: Seller;
    buyerId: string;
    conversationId: string;
    gigId: string | null;
    briefId: string | null;
    body: CreateOfferBody;
  },
): Promise<Offer> {
  const now = deps.clock.now();
  if (p.gigId === null)
    throw validationFailed([
      { path: "gigId", message: "is required: the conversation is not about a gig of yours" },
    ]);
  const repo = createNegotiationRepository(tx);
  const gig = await repo.findGig(p.gigId);
  if (!gig || gig.seller_id !== p.seller.id || gig.status !== "active")
    throw validationFailed([{ path: "gigId", message: "is not an active gig of yours" }]);
  if (p.body.price.currency !== gig.currency)
    throw validationFailed([
      { path: "price.currency", message: `must be the gig's currency, ${gig.currency}` },
    ]);
  const problem = milestonesProblem(p.body);
  if (problem) throw badRequest(problem.code, problem.detail);
  const id = newId("ofr");
  const expiresAt = addDays(now, p.body.expiresInDays);
  await repo.insertOffer({
    id,
    conversation_id: p.conversationId,
    brief_id: p.briefId,
    seller_id: p.seller.id,
    buyer_id: p.buyerId,
    gig_id: gig.id,
    title: p.body.title,
    description: p.body.description,
    currency: gig.currency,
    price: p.body.price.amount,
    delivery_days: p.body.deliveryDays,
    revisions: p.body.revisions,
    licence_kind: p.body.licence,
    milestones:
      p.body.milestones?.map((m) => ({
        title: m.title,
        price: m.price.amount,
        deliveryDays: m.deliveryDays,
      })) ?? null,
    expires_at: expiresAt,
    created_at: now,
  });
  await postOfferMessage(deps, tx, {
    conversationId: p.conversationId,
    sender: p.seller,
    recipientId: p.buyerId,
    offerId: id,
    text: `Custom offer: ${p.body.title}`,
    now,
  });
  await deps.jobs.schedule(
    tx,
    "negotiation.expire_offer",
    { runAt: expiresAt, payload: { offerId: id }, dedupeKey: `expire-offer:${id}` },
    now,
  );
  return offerView(deps, tx, id);
}

/**
 * A seller's custom offer in a conversation (`POST /api/conversations/:id/offers`): the other
 * participant is the buyer. Strangers to the conversation get 404.
 */
export async function createOffer(
  deps: NegotiationDeps,
  p: { seller: Seller; conversationId: string; body: CreateOfferBody },
): Promise<Offer> {
  return deps.db.transaction(async (tx) => {
    const parties = await conversationParties(tx, { conversationId: p.conversationId, userId: p.seller.id });
    if (!parties) throw notFound("conversation");
    if (!p.seller.isSeller) throw forbidden("Only sellers make custom offers.", "not_a_seller");
    return makeOffer(deps, tx, {
      seller: p.seller,
      buyerId: parties.otherId,
      conversationId: parties.id,
      gigId: p.body.gigId ?? parties.gigId,
      briefId: null,
      body: p.body,
    });
  });
}

/** An offer, to its two parties and admins (404 to anyone else). */
export async function getOffer(
  deps: NegotiationDeps,
  p: { viewer: Pick<AuthUser, "id" | "roles">; offerId: string },
): Promise<Offer> {
  const row = await createNegotiationRepository(deps.db).findOffer(p.offerId);
  if (!row || (row.buyer_id !== p.viewer.id && row.seller_id !== p.viewer.id && !isAdmin(p.viewer)))
    throw notFound("offer");
  return toOffer(row, (await shownRules(deps)).fees, deps.clock.now());
}

async function announce(
  deps: NegotiationDeps,
  tx: Queryable,
  row: OfferRow & { title: string },
  actorId: string | null,
  at: Date,
): Promise<void> {
  await deps.events.emit(
    tx,
    {
      type: "offer.updated",
      userIds: [row.buyer_id, row.seller_id],
      data: {
        offerId: row.id,
        conversationId: row.conversation_id,
        status: row.status,
        actorId,
        title: row.title,
        buyerId: row.buyer_id,
        sellerId: row.seller_id,
        orderId: row.order_id,
      },
    },
    at,
  );
}

/**
 * The seller withdraws (`withdraw`) or the buyer declines (`decline`) an open offer. The other
 * party's action is 403; a stranger's 404; an offer no longer open 409 `offer_unavailable`.
 */
export async function closeOffer(
  deps: NegotiationDeps,
  p: { userId: string; offerId: string; action: "withdraw" | "decline" },
): Promise<Offer> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const repo = createNegotiationRepository(tx);
    const row = await repo.findOffer(p.offerId);
    if (!row || (row.buyer_id !== p.userId && row.seller_id !== p.userId)) throw notFound("offer");
    const mine = p.action === "withdraw" ? row.seller_id : row.buyer_id;
    if (mine !== p.userId)
      throw forbidden(
        p.action === "withdraw" ? "Only the seller withdraws an offer." : "Only the buyer declines an offer.",
      );
    const updated = await repo.setStatus({
      id: row.id,
      to: p.action === "withdraw" ? "withdrawn" : "declined",
      now,
    });
    if (!updated) throw unavailable();
    await announce(deps, tx, updated, p.userId, now);
    return offerView(deps, tx, row.id);
  });
}

/** The expiry job: an offer still open at its expiry becomes expired (a paid or closed one stays). */
export async function expireOffer(
  deps: NegotiationDeps,
  tx: Queryable,
  p: { offerId: string; at: Date },
): Promise<void> {
  const updated = await createNegotiationRepository(tx).setStatus({
    id: p.offerId,
    to: "expired",
    now: p.at,
  });
  if (updated) await announce(deps, tx, updated, null, p.at);
}

/** Checkout's view of offers (orders' port): the terms, and the compare-and-set to accepted. */
export function offersPort(deps: NegotiationDeps): OffersPort {
  return {
    async find(q, offerId): Promise<OfferTerms | undefined> {
      const row = await createNegotiationRepository(q).findOffer(offerId);
      if (!row) return undefined;
      return {
        id: row.id,
        buyerId: row.buyer_id,
        sellerId: row.seller_id,
        gigId: row.gig_id,
        title: row.title,
        description: row.description,
        price: money(row.price, row.currency),
        deliveryDays: row.delivery_days,
        revisions: row.revisions,
        licence: row.licence_kind,
        milestones: (row.milestones ?? []).map((m) => ({
          title: m.title,
          price: money(m.price, row.currency),
          deliveryDays: m.deliveryDays,
        })),
        status: row.status,
        expiresAt: row.expires_at,
      };
    },
    async accept(tx, p): Promise<boolean> {
      const updated = await createNegotiationRepository(tx).setStatus({
        id: p.offerId,
        to: "accepted",
        now: p.now,
        orderId: p.orderId,
        buyerId: p.buyerId,
      });
      if (updated) await announce(deps, tx, updated, p.buyerId, p.now);
      return updated !== undefined;
    },
  };
}
