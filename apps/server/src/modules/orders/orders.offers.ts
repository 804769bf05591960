import type { LicenceKind } from "@atelier/contracts";
import type { Queryable } from "../../db/client";
import type { Money } from "../../platform/money";

/** A custom offer's terms as checkout needs them (the negotiation module owns offers). */
export interface OfferTerms {
  id: string;
  buyerId: string;
  sellerId: string;
  gigId: string;
  title: string;
  description: string;
  price: Money;
  deliveryDays: number;
  revisions: number | null;
  /** The licence the order is bought with; its price is part of the offer's. */
  licence: LicenceKind;
  /** The parts the order is worked and paid in, in order (empty: one delivery). */
  milestones: { title: string; price: Money; deliveryDays: number }[];
  status: string;
  expiresAt: Date;
}

/**
 * How checkout reaches custom offers without importing the module above it (negotiation): the
 * composition root passes negotiation's implementation to the orders routes.
 */
export interface OffersPort {
  /** The offer, or undefined when there is none. */
  find(q: Queryable, offerId: string): Promise<OfferTerms | undefined>;
  /**
   * Marks the offer accepted by `orderId` inside the checkout's transaction if it is still open,
   * unexpired and the buyer's: the compare-and-set that makes an offer pay once. False otherwise.
   */
  accept(
    tx: Queryable,
    p: { offerId: string; buyerId: string; orderId: string; now: Date },
  ): Promise<boolean>;
}

/** An offer can be paid while it is open and `now` is before its expiry. */
export function isPayable(offer: Pick<OfferTerms, "status" | "expiresAt">, now: Date): boolean {
  return offer.status === "open" && now.getTime() < offer.expiresAt.getTime();
}
