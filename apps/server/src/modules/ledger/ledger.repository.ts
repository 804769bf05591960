import type { Queryable } from "../../db/client";
import { newId } from "../../platform/ids";
import { accountKind, assertBalanced, type LedgerEntry } from "./ledger.models";

export class InsufficientBalanceError extends Error {
  constructor(readonly entry: string) {
    super(`ledger entry ${entry} would take an account below zero`);
    this.name = "InsufficientBalanceError";
  }
}

/** PostgreSQL's check_violation on the constraint that keeps balances from going negative. */
function isNegativeBalance(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; message?: string } | null;
  return (
    err?.code === "23514" &&
    (err.constraint === "ledger_accounts_not_negative" ||
      (err.message ?? "").includes("ledger_accounts_not_negative"))
  );
}

/** The only place the ledger's SQL lives. Entries are written inside the caller's transaction. */
export function createLedgerRepository() {
  return {
    /**
     * Posts one balanced entry, in one statement (one round trip, whatever the number of postings).
     * Returns false (and writes nothing) when an entry with the same business key exists. Cached
     * balances move by upsert in account order, so concurrent entries lock rows in the same order and
     * cannot deadlock; a balance that would go negative is refused by the table's own CHECK
     * constraint (→ InsufficientBalanceError, and the caller's transaction is lost with it).
     */
    async post(tx: Queryable, entry: LedgerEntry, now: Date): Promise<boolean> {
      assertBalanced(entry);
      const postings = entry.postings
        .filter((p) => p.amount.amount !== 0)
        .map((p) => ({ ...p, facts: accountKind(p.account) }));
      let rows: { inserted: number; cached: number; moved: number; overdrawn: number }[];
      try {
        rows = await tx.query<{ inserted: number; cached: number; moved: number; overdrawn: number }>(
          `WITH t AS (
             INSERT INTO ledger_transactions (id, business_key, kind, order_id, memo, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (business_key) DO NOTHING RETURNING id
           ), p AS (
             SELECT * FROM unnest($7::text[], $8::text[], $9::text[], $10::boolean[], $11::boolean[],
                                  $12::bigint[], $13::text[]) WITH ORDINALITY
               AS x(account, kind, owner_id, allow_negative, cached, amount, currency, n)
           ), opened AS (
             INSERT INTO ledger_accounts (id, kind, owner_id, currency, allow_negative, created_at)
             SELECT DISTINCT account, kind, owner_id, currency, allow_negative, $6::timestamptz
             FROM p, t WHERE NOT cached
             ON CONFLICT (id) DO NOTHING
           ), d AS (
             SELECT account, kind, owner_id, currency, allow_negative, sum(amount) AS delta
             FROM p, t WHERE cached GROUP BY account, kind, owner_id, currency, allow_negative
           ), moved AS (
             -- The proposed row never carries a negative balance (CHECK constraints apply to it before
             -- the conflict is seen); a new account debited below zero is caught by the caller below.
             INSERT INTO ledger_accounts AS a (id, kind, owner_id, currency, allow_negative, balance, created_at)
             SELECT account, kind, owner_id, currency, allow_negative, GREATEST(delta, 0), $6::timestamptz
             FROM d ORDER BY account
             ON CONFLICT (id) DO UPDATE
               SET balance = a.balance + (SELECT d.delta FROM d WHERE d.account = EXCLUDED.id)
               WHERE a.currency = EXCLUDED.currency
             RETURNING a.id, (xmax = 0) AS created
           ), posted AS (
             INSERT INTO ledger_postings (transaction_id, account_id, amount, currency, created_at)
             SELECT t.id, account, amount, currency, $6 FROM p, t ORDER BY account, n
           )
           SELECT (SELECT count(*) FROM t)::int AS inserted,
                  (SELECT count(*) FROM d)::int AS cached,
                  (SELECT count(*) FROM moved)::int AS moved,
                  (SELECT count(*) FROM moved JOIN d ON d.account = moved.id WHERE moved.created AND d.delta < 0)::int
                    AS overdrawn`,
          [
            newId("txn"),
            entry.businessKey,
            entry.kind,
            entry.orderId ?? null,
            entry.memo ?? "",
            now,
            postings.map((p) => p.account),
            postings.map((p) => p.facts.kind),
            postings.map((p) => p.facts.ownerId),
            postings.map((p) => p.facts.allowNegative),
            postings.map((p) => p.facts.cached),
            postings.map((p) => p.amount.amount),
            postings.map((p) => p.amount.currency),
          ],
        );
      } catch (e) {
        if (isNegativeBalance(e)) throw new InsufficientBalanceError(entry.businessKey);
        throw e;
      }
      const result = rows[0];
      if (!result || result.inserted === 0) return false;
      // A new account's first posting may not be a debit (it would start below zero).
      if (result.overdrawn > 0) throw new InsufficientBalanceError(entry.businessKey);
      // An account held in another currency is not moved: refuse rather than post around it.
      if (result.moved !== result.cached)
        throw new Error(`ledger entry ${entry.businessKey}: currency mismatch`);
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
