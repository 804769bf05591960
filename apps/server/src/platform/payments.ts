import type { Queryable } from "../db/client";
import type { Money } from "./money";

/**
 * A card processor, as the orders module sees it. The checkout sequence is
 * authorize (outside our transaction) → create the order and capture inside one transaction →
 * void the authorization if that transaction fails. A reconciliation job voids authorizations that
 * no order claimed (a crash between the two steps), so no charge outlives a missing order.
 */
export interface PaymentProcessor {
  readonly name: string;
  /**
   * Reserves the amount on the card. `reference` is our idempotency handle for this one attempt
   * (`order:<new order id>`): the same reference → the same charge, so a retried call cannot
   * authorize twice.
   */
  authorize(input: { token: string; amount: Money; reference: string }): Promise<{ chargeId: string }>;
  /**
   * Captures (several charges at once, all or none), voids, lists: `q` is the caller's database handle (its open transaction, if any), which
   * an in-house processor writes through. On PGlite, one connection: a second handle opened while a
   * transaction is running would wait for that transaction forever.
   */
  capture(q: Queryable, chargeIds: readonly string[]): Promise<void>;
  void(q: Queryable, chargeId: string): Promise<void>;
  /** Authorized charges older than `before` that were never captured, for reconciliation. */
  staleAuthorizations(q: Queryable, before: Date): Promise<{ chargeId: string; reference: string }[]>;
}
