import { columns, type Queryable } from "../../db/client";
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

/** The statement that writes `entries`, ending with `result` (a SELECT over the CTEs t, d, moved). */
function postingStatement(entries: readonly LedgerEntry[], now: Date, result: string) {
  const ids = entries.map(() => newId("txn"));
  const postings = entries.flatMap((entry, e) => {
    assertBalanced(entry);
    return entry.postings
      .filter((p) => p.amount.amount !== 0)
      .map((p) => ({ ...p, entry: e, txId: ids[e]!, facts: accountKind(p.account) }));
  });
  const sql = `WITH t AS (
         INSERT INTO ledger_transactions (id, business_key, kind, order_id, memo, created_at)
         SELECT id, business_key, kind, order_id, memo, COALESCE(at, $6::timestamptz)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $16::timestamptz[]) WITH ORDINALITY
           AS e(id, business_key, kind, order_id, memo, at, n)
         ORDER BY n
         ON CONFLICT (business_key) DO NOTHING RETURNING id
       ), p AS (
         SELECT * FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::boolean[], $12::boolean[],
                              $13::bigint[], $14::text[], $15::int[]) WITH ORDINALITY
           AS x(tx_id, account, kind, owner_id, allow_negative, cached, amount, currency, entry, n)
         WHERE tx_id IN (SELECT id FROM t)
       ), opened AS (
         INSERT INTO ledger_accounts (id, kind, owner_id, currency, allow_negative, created_at)
         SELECT DISTINCT account, kind, owner_id, currency, allow_negative, $6::timestamptz
         FROM p WHERE NOT cached
         ON CONFLICT (id) DO NOTHING
       ), d AS (
         SELECT account, kind, owner_id, currency, allow_negative, sum(amount) AS delta
         FROM p WHERE cached GROUP BY account, kind, owner_id, currency, allow_negative
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
         SELECT tx_id, account, amount, currency, COALESCE(($16::timestamptz[])[entry + 1], $6::timestamptz)
         FROM p ORDER BY entry, account, n
       )
       ${result}`;
  const params: unknown[] = [
    ...columns(
      entries.map((e, i) => ({ ...e, id: ids[i] })),
      (e) => [e.id, e.businessKey, e.kind, e.orderId ?? null, e.memo ?? ""],
    ),
    now,
    ...columns(
      postings,
      (p) => [
        p.txId,
        p.account,
        p.facts.kind,
        p.facts.ownerId,
        p.facts.allowNegative,
        p.facts.cached,
        p.amount.amount,
        p.amount.currency,
        p.entry,
      ],
      9,
    ),
    entries.map((e) => e.at ?? null),
  ];
  return { sql, params };
}

const OVERDRAWN =
  "(SELECT count(*) FROM moved JOIN d ON d.account = moved.id WHERE moved.created AND d.delta < 0)::int";
const keysOf = (entries: readonly LedgerEntry[]) => entries.map((x) => x.businessKey).join(", ");

/**
 * Posts one balanced entry, in one statement (one round trip, whatever the number of postings).
 * Returns false (and writes nothing) when an entry with the same business key exists. Cached
 * balances move by upsert in account order, so concurrent entries lock rows in the same order and
 * cannot deadlock; a balance that would go negative is refused by the table's own CHECK constraint
 * (→ InsufficientBalanceError, and the caller's transaction is lost with it).
 */
async function post(tx: Queryable, entry: LedgerEntry, now: Date): Promise<boolean> {
  const { sql, params } = postingStatement(
    [entry],
    now,
    `SELECT (SELECT count(*) FROM t)::int AS inserted, (SELECT count(*) FROM d)::int AS cached,
            (SELECT count(*) FROM moved)::int AS moved, ${OVERDRAWN} AS overdrawn`,
  );
  let rows: { inserted: number; cached: number; moved: number; overdrawn: number }[];
  try {
    rows = await tx.query(sql, params);
  } catch (e) {
    if (isNegativeBalance(e)) throw new InsufficientBalanceError(entry.businessKey);
    throw e;
  }
  const result = rows[0];
  if (!result || result.inserted === 0) return false;
  // A new account's first posting may not be a debit (it would start below zero).
  if (result.overdrawn > 0) throw new InsufficientBalanceError(entry.businessKey);
  // An account held in another currency is not moved: refuse rather than post around it.
  if (result.moved !== result.cached) throw new Error(`ledger entry ${entry.businessKey}: currency mismatch`);
  return true;
}

/**
 * Posts new entries without waiting for the answer (deferred: the statement travels with the
 * transaction's next query or its COMMIT). The database checks what `post` checks after reading: an
 * entry whose business key exists, a new account debited below zero, an account in another
 * currency all fail the statement, and with it the transaction (InsufficientBalanceError for the
 * balances; for several entries, write them one by one to know whose).
 */
async function deferMany(tx: Queryable, entries: readonly LedgerEntry[], now: Date): Promise<void> {
  if (entries.length === 0) return;
  const { sql, params } = postingStatement(
    entries,
    now,
    `SELECT atelier_expect_rows((SELECT count(*) FROM t)::int, $17::int, 'atelier_ledger_duplicate'),
            atelier_expect_rows(${OVERDRAWN}, 0, 'atelier_ledger_overdrawn'),
            atelier_expect_rows((SELECT count(*) FROM moved)::int, (SELECT count(*) FROM d)::int,
                                'atelier_ledger_currency')`,
  );
  await tx.defer(sql, [...params, entries.length], {
    mapError: (e) => {
      const message = e instanceof Error ? e.message : "";
      if (isNegativeBalance(e) || message.includes("atelier_ledger_overdrawn")) {
        return new InsufficientBalanceError(keysOf(entries));
      }
      if (message.includes("atelier_ledger_duplicate")) {
        return new Error(`ledger entries ${keysOf(entries)}: a business key is already posted`);
      }
      if (message.includes("atelier_ledger_currency")) {
        return new Error(`ledger entries ${keysOf(entries)}: currency mismatch`);
      }
      return e;
    },
  });
}

/** The only place the ledger's SQL lives. Entries are written inside the caller's transaction. */
export function createLedgerRepository(db: Queryable) {
  return {
    post: (entry: LedgerEntry, now: Date) => post(db, entry, now),
    deferMany: (entries: readonly LedgerEntry[], now: Date) => deferMany(db, entries, now),

    /** A balance: the cached row for per-user accounts, the sum of postings for marketplace-wide ones. */
    async balance(account: string): Promise<number> {
      if (!accountKind(account).cached) {
        const rows = await db.query<{ balance: number }>(
          "SELECT COALESCE(SUM(amount), 0)::bigint AS balance FROM ledger_postings WHERE account_id = $1",
          [account],
        );
        return Number(rows[0]?.balance ?? 0);
      }
      const rows = await db.query<{ balance: number }>("SELECT balance FROM ledger_accounts WHERE id = $1", [
        account,
      ]);
      return Number(rows[0]?.balance ?? 0);
    },

    /** Locks an account row (creating it empty if needed) for a read-then-write decision. */
    async lockAccount(account: string, currency: string, now: Date): Promise<number> {
      const { kind, ownerId, allowNegative } = accountKind(account);
      await db.query(
        `INSERT INTO ledger_accounts (id, kind, owner_id, currency, allow_negative, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [account, kind, ownerId, currency, allowNegative, now],
      );
      const rows = await db.query<{ balance: number }>(
        "SELECT balance FROM ledger_accounts WHERE id = $1 FOR UPDATE",
        [account],
      );
      return Number(rows[0]?.balance ?? 0);
    },

    async exists(businessKey: string): Promise<boolean> {
      const rows = await db.query("SELECT 1 FROM ledger_transactions WHERE business_key = $1", [businessKey]);
      return rows.length > 0;
    },

    /** Credits to the account per UTC day since `since` (`YYYY-MM-DD`, oldest first). */
    dailyCredits: (account: string, since: Date) =>
      db.query<{ day: string; amount: number }>(
        `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, SUM(amount)::bigint AS amount
         FROM ledger_postings WHERE account_id = $1 AND amount > 0 AND created_at >= $2
         GROUP BY 1 ORDER BY 1`,
        [account, since],
      ),

    /** Postings on any of the accounts, newest first, for a wallet's transaction list. */
    linesFor: (accountIds: readonly string[], limit: number, beforeId: number | null) =>
      db.query<{
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
    async check() {
      const [totals] = await db.query<{ entries: number; debits: number; credits: number }>(
        `SELECT (SELECT count(*) FROM ledger_transactions)::bigint AS entries,
                COALESCE(SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END), 0)::bigint AS debits,
                COALESCE(SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END), 0)::bigint AS credits
         FROM ledger_postings`,
      );
      const unbalanced = await db.query<{ transaction_id: string }>(
        `SELECT transaction_id FROM ledger_postings GROUP BY transaction_id, currency HAVING SUM(amount) <> 0 LIMIT 20`,
      );
      const tooFew = await db.query<{ id: string }>(
        `SELECT t.id FROM ledger_transactions t LEFT JOIN ledger_postings p ON p.transaction_id = t.id
         GROUP BY t.id HAVING count(p.id) < 2 LIMIT 20`,
      );
      const sums = await db.query<{ id: string; cached: number; summed: number; allow_negative: boolean }>(
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
