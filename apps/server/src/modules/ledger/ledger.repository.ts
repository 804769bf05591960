import type { Queryable } from "../../db/client";
import { newId } from "../../platform/ids";
import { accountKind, assertBalanced, type LedgerEntry } from "./ledger.models";

export class InsufficientBalanceError extends Error {
  constructor(readonly account: string) {
    super(`account ${account} would go negative`);
    this.name = "InsufficientBalanceError";
  }
}

/** The only place the ledger's SQL lives. Entries are written inside the caller's transaction. */
export function createLedgerRepository() {
  return {
    /**
     * Posts one balanced entry. Returns false (and writes nothing) when an entry with the same
     * business key exists. Account rows are locked in a fixed order, so concurrent entries cannot
     * deadlock, and the balance check is the database's own constraint.
     */
    async post(tx: Queryable, entry: LedgerEntry, now: Date): Promise<boolean> {
      assertBalanced(entry);
      const txnId = newId("txn");
      const inserted = await tx.query(
        `INSERT INTO ledger_transactions (id, business_key, kind, order_id, memo, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (business_key) DO NOTHING RETURNING id`,
        [txnId, entry.businessKey, entry.kind, entry.orderId ?? null, entry.memo ?? "", now],
      );
      if (inserted.length === 0) return false;
      const postings = entry.postings
        .filter((p) => p.amount.amount !== 0)
        .sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
      for (const p of postings) {
        const { kind, ownerId, allowNegative, cached } = accountKind(p.account);
        await tx.query(
          `INSERT INTO ledger_accounts (id, kind, owner_id, currency, allow_negative, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
          [p.account, kind, ownerId, p.amount.currency, allowNegative, now],
        );
        if (!cached) {
          await tx.query(
            `INSERT INTO ledger_postings (transaction_id, account_id, amount, currency, created_at)
             VALUES ($1, $2, $3, $4, $5)`,
            [txnId, p.account, p.amount.amount, p.amount.currency, now],
          );
          continue;
        }
        const updated = await tx.query<{ balance: number; allow_negative: boolean }>(
          `UPDATE ledger_accounts SET balance = balance + $2 WHERE id = $1 AND currency = $3
           AND (allow_negative OR balance + $2 >= 0) RETURNING balance, allow_negative`,
          [p.account, p.amount.amount, p.amount.currency],
        );
        if (updated.length === 0) throw new InsufficientBalanceError(p.account);
        await tx.query(
          `INSERT INTO ledger_postings (transaction_id, account_id, amount, currency, created_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [txnId, p.account, p.amount.amount, p.amount.currency, now],
        );
      }
      return true;
    },

    /** A balance: the cached row for per-user accounts, the sum of postings for marketplace-wide ones. */
    async balance(q: Queryable, account: string): Promise<number> {
      if (!accountKind(account).cached) {
        const rows = await q.query<{ balance: number }>(
          "SELECT COALESCE(SUM(amount), 0)::bigint AS balance FROM ledger_postings WHERE account_id = $1",
          [account],
        );
        return Number(rows[0]?.balance ?? 0);
      }
      const rows = await q.query<{ balance: number }>("SELECT balance FROM ledger_accounts WHERE id = $1", [
        account,
      ]);
      return Number(rows[0]?.balance ?? 0);
    },

    /** Locks an account row (creating it empty if needed) for a read-then-write decision. */
    async lockAccount(q: Queryable, account: string, currency: string, now: Date): Promise<number> {
      const { kind, ownerId, allowNegative } = accountKind(account);
      await q.query(
        `INSERT INTO ledger_accounts (id, kind, owner_id, currency, allow_negative, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [account, kind, ownerId, currency, allowNegative, now],
      );
      const rows = await q.query<{ balance: number }>(
        "SELECT balance FROM ledger_accounts WHERE id = $1 FOR UPDATE",
        [account],
      );
      return Number(rows[0]?.balance ?? 0);
    },

    async exists(q: Queryable, businessKey: string): Promise<boolean> {
      const rows = await q.query("SELECT 1 FROM ledger_transactions WHERE business_key = $1", [businessKey]);
      return rows.length > 0;
    },

    /** Postings on any of the accounts, newest first, for a wallet's transaction list. */
    linesFor: (q: Queryable, accountIds: readonly string[], limit: number, beforeId: number | null) =>
      q.query<{
        id: number;
        account_id: string;
        amount: number;
        currency: string;
        created_at: Date;
        kind: string;
        order_id: string | null;
        memo: string;
        business_key: string;
      }>(
        `SELECT p.id, p.account_id, p.amount, p.currency, p.created_at, t.kind, t.order_id, t.memo, t.business_key
         FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
         WHERE p.account_id = ANY($1::text[]) AND ($3::bigint IS NULL OR p.id < $3)
         ORDER BY p.id DESC LIMIT $2`,
        [accountIds, limit, beforeId],
      ),

    /** The ledger's invariants, checked on demand. */
    async check(q: Queryable) {
      const [totals] = await q.query<{ entries: number; debits: number; credits: number }>(
        `SELECT (SELECT count(*) FROM ledger_transactions)::bigint AS entries,
                COALESCE(SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END), 0)::bigint AS debits,
                COALESCE(SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END), 0)::bigint AS credits
         FROM ledger_postings`,
      );
      const unbalanced = await q.query<{ transaction_id: string }>(
        `SELECT transaction_id FROM ledger_postings GROUP BY transaction_id, currency HAVING SUM(amount) <> 0 LIMIT 20`,
      );
      const tooFew = await q.query<{ id: string }>(
        `SELECT t.id FROM ledger_transactions t LEFT JOIN ledger_postings p ON p.transaction_id = t.id
         GROUP BY t.id HAVING count(p.id) < 2 LIMIT 20`,
      );
      const sums = await q.query<{ id: string; cached: number; summed: number; allow_negative: boolean }>(
        `SELECT a.id, a.balance AS cached, COALESCE(SUM(p.amount), 0)::bigint AS summed, a.allow_negative
         FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id
         GROUP BY a.id, a.balance, a.allow_negative`,
      );
      const negative = sums
        .filter((r) => !r.allow_negative && Number(r.summed) < 0)
        .map((r) => ({ id: r.id, balance: Number(r.summed) }));
      const drifted = sums.filter((r) => accountKind(r.id).cached && Number(r.cached) !== Number(r.summed));
      return {
        entries: Number(totals?.entries ?? 0),
        totalDebits: Number(totals?.debits ?? 0),
        totalCredits: Number(totals?.credits ?? 0),
        unbalancedTransactions: unbalanced.map((r) => r.transaction_id),
        transactionsWithTooFewPostings: tooFew.map((r) => r.id),
        negativeAccounts: negative.map((r) => ({ account: r.id, balance: Number(r.balance) })),
        cachedBalanceMismatches: drifted.map((r) => r.id),
      };
    },
  };
}

export type LedgerRepository = ReturnType<typeof createLedgerRepository>;
