import { columns, type Db } from "../../db/client";
import type { Clock } from "../../platform/clock";
import { paymentFailed } from "../../platform/errors";
import { createBatcher } from "../../platform/batcher";
import { newId } from "../../platform/ids";
import type { Money } from "../../platform/money";
import type { PaymentProcessor } from "../../platform/payments";

export type { PaymentProcessor };

/** Test card tokens of the sandbox (the same names as Stripe's). */
export const SANDBOX_TOKENS = {
  ok: "tok_visa",
  declined: "tok_chargeDeclined",
  insufficientFunds: "tok_insufficientFunds",
} as const;

/**
 * The built-in sandbox processor: card tokens decide the outcome, charges are rows of
 * `sandbox_charges` (standing in for the processor's own records), so the whole flow runs offline.
 */
export function createSandboxProcessor({ db, clock }: { db: Db; clock: Clock }): PaymentProcessor {
  // Authorizations of concurrent checkouts are recorded together: one statement and one commit.
  const authorizations = createBatcher<
    { token: string; amount: Money; reference: string },
    { chargeId: string }
  >({
    maxSize: 64,
    concurrency: 2,
    keyOf: (a) => a.reference,
    write: async (items) => {
      const now = clock.now();
      const rows = await db.query<{ id: string; reference: string }>(
        `INSERT INTO sandbox_charges (id, token, amount, currency, status, reference, created_at, updated_at)
         SELECT id, token, amount, currency, 'authorized', reference, $6, $6
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[]) AS a(id, token, amount, currency, reference)
         ON CONFLICT (reference) DO UPDATE SET updated_at = sandbox_charges.updated_at RETURNING id, reference`,
        [
          ...columns(items, (a) => [
            newId("txn").replace("txn_", "ch_"),
            a.token,
            a.amount.amount,
            a.amount.currency,
            a.reference,
          ]),
          now,
        ],
      );
      const byReference = new Map(rows.map((r) => [r.reference, r.id]));
      return items.map((a) => {
        const id = byReference.get(a.reference);
        if (!id) throw new Error("sandbox authorization failed");
        return { chargeId: id };
      });
    },
  });
  return {
    name: "sandbox",
    async authorize({ token, amount, reference }) {
      if (token === SANDBOX_TOKENS.declined) throw paymentFailed("card_declined", "The card was declined.");
      if (token === SANDBOX_TOKENS.insufficientFunds) {
        throw paymentFailed("insufficient_funds", "The card has insufficient funds.");
      }
      if (!token.startsWith("tok_")) throw paymentFailed("card_declined", "The card token is not valid.");
      return authorizations.submit({ token, amount, reference });
    },
    async capture(tx, chargeIds) {
      const ids = [...new Set(chargeIds)];
      if (ids.length === 0) return;
      // Deferred with the caller's transaction: every authorization must become captured, or the
      // database fails the statement and no order of the batch is committed.
      await tx.defer(
        `UPDATE sandbox_charges SET status = 'captured', updated_at = $2
         WHERE id = ANY($1::text[]) AND status IN ('authorized', 'captured')`,
        [ids, clock.now()],
        {
          rows: ids.length,
          orElse: () => paymentFailed("card_declined", "The authorization expired; pay again."),
        },
      );
    },
    async void(q, chargeId) {
      await q.query(
        "UPDATE sandbox_charges SET status = 'voided', updated_at = $2 WHERE id = $1 AND status = 'authorized'",
        [chargeId, clock.now()],
      );
    },
    async staleAuthorizations(q, before) {
      const rows = await q.query<{ id: string; reference: string }>(
        "SELECT id, reference FROM sandbox_charges WHERE status = 'authorized' AND created_at < $1 ORDER BY created_at LIMIT 500",
        [before],
      );
      return rows.map((r) => ({ chargeId: r.id, reference: r.reference }));
    },
  };
}
