import type { Queryable } from "../../db/client";
import { money } from "../../platform/money";
import { createLedgerRepository } from "./ledger.repository";
import type { LedgerEntry } from "./ledger.models";

export { InsufficientBalanceError } from "./ledger.repository";
export { accounts, transfer, type LedgerEntry, type Posting } from "./ledger.models";

/**
 * The ledger's facade for other modules: they post entries and read balances through it, never
 * through its repository. Entries are written inside the caller's transaction.
 */
export const ledger = {
  post: (q: Queryable, entry: LedgerEntry, now: Date) => createLedgerRepository(q).post(entry, now),
  deferMany: (q: Queryable, entries: readonly LedgerEntry[], now: Date) =>
    createLedgerRepository(q).deferMany(entries, now),
  balance: (q: Queryable, account: string) => createLedgerRepository(q).balance(account),
  lockAccount: (q: Queryable, account: string, currency: string, now: Date) =>
    createLedgerRepository(q).lockAccount(account, currency, now),
  dailyCredits: (q: Queryable, account: string, since: Date) =>
    createLedgerRepository(q).dailyCredits(account, since),
  linesFor: (q: Queryable, accountIds: readonly string[], limit: number, beforeId: number | null) =>
    createLedgerRepository(q).linesFor(accountIds, limit, beforeId),
};

/** The ledger's invariants, checked on demand (`GET /api/admin/ledger/check`). */
export async function checkLedger(q: Queryable, currency: string) {
  const c = await createLedgerRepository(q).check();
  const balanced =
    c.totalDebits === c.totalCredits &&
    c.unbalancedTransactions.length === 0 &&
    c.transactionsWithTooFewPostings.length === 0 &&
    c.negativeAccounts.length === 0 &&
    c.cachedBalanceMismatches.length === 0;
  return {
    balanced,
    entries: c.entries,
    totalDebits: money(c.totalDebits, currency),
    totalCredits: money(c.totalCredits, currency),
    negativeAccounts: c.negativeAccounts,
    unbalancedTransactions: c.unbalancedTransactions,
    cachedBalanceMismatches: c.cachedBalanceMismatches,
  };
}
