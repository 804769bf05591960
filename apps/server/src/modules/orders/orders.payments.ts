import type { PlaceOrderBody } from "@atelier/contracts";
import { paymentFailed } from "../../platform/errors";
import { negate, type Money } from "../../platform/money";
import { accounts, type Posting } from "../ledger/ledger.usecases";
import { InsufficientBalanceError } from "../ledger/ledger.usecases";
import type { OrdersDeps } from "./orders.deps";

/**
 * How a buyer pays (a checkout, a tip), written once: authorize the card outside any transaction →
 * `write` (the transaction that records the payment and captures the charge) → if `write` fails,
 * void the authorization (the compensation). Credits need no authorization: `write`'s ledger entry
 * takes them, or refuses. A crash between authorize and commit leaves an authorization no order or
 * tip claims; reconciliation (`payments.reconcile`) voids it.
 */
export async function payThen<T>(
  deps: Pick<OrdersDeps, "db" | "payments">,
  p: { payment: PlaceOrderBody["payment"]; amount: Money; reference: string },
  write: (chargeId: string | null) => Promise<T>,
): Promise<T> {
  const chargeId =
    p.payment.method === "card"
      ? (await deps.payments.authorize({ token: p.payment.token, amount: p.amount, reference: p.reference }))
          .chargeId
      : null;
  try {
    return await write(chargeId);
  } catch (e) {
    if (chargeId) await deps.payments.void(deps.db, chargeId);
    throw e;
  }
}

/**
 * The ledger postings of a payment, written once: `total` leaves the buyer's source (the card
 * clearing account when a charge pays, else the buyer's credits) and lands in `to`.
 */
export function paymentPostings(p: {
  buyerId: string;
  chargeId: string | null;
  total: Money;
  to: readonly { account: string; amount: Money }[];
}): Posting[] {
  const source = p.chargeId ? accounts.card() : accounts.credits(p.buyerId);
  return [{ account: source, amount: negate(p.total) }, ...p.to];
}

/** A ledger refusal as the payer sees it: credits that do not cover the payment are a 402. */
export function paymentError(e: unknown): unknown {
  return e instanceof InsufficientBalanceError
    ? paymentFailed("insufficient_funds", "Your Atelier credits do not cover this payment.")
    : e;
}
