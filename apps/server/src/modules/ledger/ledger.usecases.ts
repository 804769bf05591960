import type { Queryable } from "../../db/client";
import { money } from "../../platform/money";
import { createLedgerRepository } from "./ledger.repository";

export { InsufficientBalanceError } from "./ledger.repository";
export { accounts, transfer, type LedgerEntry, type Posting } from "./ledger.models";

const repo = createLedgerRepository();

/**
 * The ledger's facade for other modules: they post entries and read balances through it, never
 * through its repository. Entries are written inside the caller's transaction.
 */
export const ledger: Pick<typeof repo, "post" | "deferMany" | "balance" | "lockAccount" | "linesFor"> = repo;

/** The ledger's invariants, checked on demand (`GET /api/admin/ledger/check`). */
export async function checkLedger(q: Queryable, currency: string) {
  const c = await repo.check(q);
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
