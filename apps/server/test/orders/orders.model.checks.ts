/**
 * What orders.model.test.ts checks after every step (the list is in its header), and the state the
 * checks keep between steps: the ledger is checked incrementally (new postings only).
 */
import { expect } from "vitest";
import type { Db } from "../../src/db/client";
import { accountKind } from "../../src/modules/ledger/ledger.models";
import type { Viewer } from "../../src/modules/orders/orders.models";
import { isAppError } from "../../src/platform/errors";
import { fail, OK, TERMINAL, type LicenceState, type Model, type Outcome, type Status } from "./orders.model";

export interface Real {
  buyer: Viewer & { username: string; displayName: string };
  seller: Viewer;
  gigId: string;
  /** The conversation the run's offers in milestones are made in (opened on the first). */
  conversationId: string | null;
}

export const watch = {
  lastPosting: 0,
  transactions: 0,
  balances: new Map<string, number>(),
  captured: new Map<string, number>(),
  paidOut: new Map<string, number>(),
};

/** A use-case's outcome: success, or the AppError's status and code. */
export async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ outcome: Outcome; value: T | undefined }> {
  try {
    return { outcome: OK, value: await work() };
  } catch (e) {
    if (isAppError(e)) return { outcome: fail(e.status, e.code), value: undefined };
    throw e;
  }
}

// ---- the checks after every step --------------------------------------------------------------

export async function checkInvariants(db: Db, m: Model, r: Real) {
  // The new postings with their accounts' cached balances as they stand now, in one query.
  const postings = await db.query<{
    id: number;
    transaction_id: string;
    account_id: string;
    amount: number;
    cached: number;
  }>(
    `SELECT p.id, p.transaction_id, p.account_id, p.amount, a.balance AS cached
     FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE p.id > $1 ORDER BY p.id`,
    [watch.lastPosting],
  );
  const perTransaction = new Map<string, { sum: number; count: number }>();
  const touched = new Map<string, number>();
  for (const p of postings) {
    const amount = Number(p.amount);
    watch.lastPosting = Math.max(watch.lastPosting, Number(p.id));
    const t = perTransaction.get(p.transaction_id) ?? { sum: 0, count: 0 };
    perTransaction.set(p.transaction_id, { sum: t.sum + amount, count: t.count + 1 });
    watch.balances.set(p.account_id, (watch.balances.get(p.account_id) ?? 0) + amount);
    if (p.account_id.startsWith("escrow:")) {
      const flow = amount > 0 ? watch.captured : watch.paidOut;
      flow.set(p.account_id, (flow.get(p.account_id) ?? 0) + Math.abs(amount));
    }
    touched.set(p.account_id, Number(p.cached));
  }
  // The ledger balances: every new transaction sums to zero over at least two postings.
  for (const [id, t] of perTransaction) {
    expect({ transaction: id, ...t }).toEqual({
      transaction: id,
      sum: 0,
      count: expect.toSatisfy((n: number) => n >= 2),
    });
  }
  // No account but the processor is negative; cached balances equal the sum of the postings.
  for (const [account, cached] of touched) {
    const balance = watch.balances.get(account) ?? 0;
    if (account !== "external:card")
      expect({ account, negative: balance < 0 }).toEqual({ account, negative: false });
    if (accountKind(account).cached) expect({ account, cached }).toEqual({ account, cached: balance });
  }
  // Escrow: released + refunded ≤ captured, and nothing left in the escrow of a finished order.
  for (const account of touched.keys()) {
    if (!account.startsWith("escrow:")) continue;
    expect(watch.paidOut.get(account) ?? 0).toBeLessThanOrEqual(watch.captured.get(account) ?? 0);
  }
  const ids = m.orders.map((o) => o.id);
  const rows = await db.query<{
    id: string;
    status: Status;
    total: number;
    licence_status: LicenceState;
    paid_to_seller: number | string;
    refunds: number | string;
    milestones: string[] | null;
    clears_at: Date | null;
  }>(
    `SELECT o.id, o.status, o.total, o.licence_status, o.clears_at,
       (SELECT array_agg(m.status ORDER BY m.position) FROM order_milestones m WHERE m.order_id = o.id) AS milestones,
       COALESCE((SELECT sum(p.amount) FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id
                 WHERE t.order_id = o.id AND t.kind IN ('release', 'split') AND p.account_id = 'seller:' || o.seller_id || ':pending'), 0) AS paid_to_seller,
       (SELECT count(*) FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind IN ('refund', 'split')) AS refunds
     FROM orders o WHERE o.id = ANY($1::text[])`,
    [ids],
  );
  const real = new Map(rows.map((row) => [row.id, row]));
  for (const o of m.orders) {
    const row = real.get(o.id);
    expect({ order: o.id, status: row?.status }).toEqual({ order: o.id, status: o.status });
    // Milestones: each one's status is the model's (read with the order, in order).
    expect({ order: o.id, milestones: row?.milestones ?? null }).toEqual({
      order: o.id,
      milestones: o.milestones?.map((x) => x.status) ?? null,
    });
    // The licence is the model's, and it follows the ledger: granted iff the seller was paid from
    // the escrow, revoked iff the escrow went back to the buyer without paying the seller.
    const paid = Number(row?.paid_to_seller ?? 0);
    // (An order in milestones pays shares while it is open; its licence settles when it ends.)
    const ended = TERMINAL.includes(o.status);
    const byMoney: LicenceState = !ended
      ? "pending"
      : paid > 0
        ? "granted"
        : Number(row?.refunds ?? 0) > 0
          ? "revoked"
          : "pending";
    expect({ order: o.id, licence: row?.licence_status }).toEqual({ order: o.id, licence: o.licence });
    expect({ order: o.id, licence: row?.licence_status }).toEqual({ order: o.id, licence: byMoney });
    const escrow = `escrow:${o.id}`;
    expect({ order: o.id, captured: watch.captured.get(escrow) }).toEqual({ order: o.id, captured: o.total });
    if (TERMINAL.includes(o.status))
      expect({ order: o.id, escrow: watch.balances.get(escrow) }).toEqual({ order: o.id, escrow: 0 });
    // Released under the clearing period of its own rules, whatever the rules are now (an order in
    // milestones clears share by share: the model's timers check those).
    // (An admin's split of one clears the split's share with the order, under the same rules.)
    if ((!o.milestones || o.split) && o.completedAt !== null)
      expect({ order: o.id, clearsAt: row?.clears_at?.getTime() }).toEqual({
        order: o.id,
        clearsAt: o.completedAt + o.rules.clearing,
      });
  }
  // The run's wallets are the model's.
  expect({
    credits: watch.balances.get(`buyer:${r.buyer.id}:credits`) ?? 0,
    pending: watch.balances.get(`seller:${r.seller.id}:pending`) ?? 0,
    available: watch.balances.get(`seller:${r.seller.id}:available`) ?? 0,
  }).toEqual({ credits: m.credits, pending: m.pending, available: m.available });
}
