import type { AppDeps } from "../../platform/deps";
import { conflict, validationFailed } from "../../platform/errors";
import { runIdempotent, type IdempotentResult } from "../../platform/idempotency";
import { newId } from "../../platform/ids";
import { DAY } from "../../platform/clock";
import { money } from "../../platform/money";
import { accounts, transfer } from "../ledger/ledger.usecases";
import { ledger } from "../ledger/ledger.usecases";
import { clearingSeconds } from "../orders/orders.usecases";

type Deps = Pick<AppDeps, "db" | "clock" | "config">;

/**
 * Balances derived from the ledger: available, pending clearance, credits, and all-time withdrawn;
 * with the seller's clearing period today (`clearingDays`: 7 for Top Rated, 14 otherwise) and what
 * is pending clearance, order by order and tip by tip, with the moment each clears.
 */
export async function getWallet(deps: Deps, { userId }: { userId: string }) {
  const c = deps.config.currency;
  const [available, pending, credits, withdrawn, user, clearing] = await Promise.all([
    ledger.balance(deps.db, accounts.available(userId)),
    ledger.balance(deps.db, accounts.pending(userId)),
    ledger.balance(deps.db, accounts.credits(userId)),
    deps.db.query<{ total: number }>(
      "SELECT COALESCE(SUM(amount), 0)::bigint AS total FROM withdrawals WHERE user_id = $1",
      [userId],
    ),
    deps.db.query<{ seller_level: string | null }>("SELECT seller_level FROM users WHERE id = $1", [userId]),
    deps.db.query<{
      order_id: string;
      tip_id: string | null;
      gig_title: string;
      amount: number;
      currency: string;
      clears_at: Date;
    }>(
      `SELECT id AS order_id, NULL AS tip_id, gig_title, seller_earnings::bigint AS amount, currency, clears_at
       FROM orders WHERE seller_id = $1 AND cleared_at IS NULL AND clears_at IS NOT NULL AND seller_earnings > 0
       UNION ALL
       SELECT o.id, t.id, o.gig_title, (t.amount - t.commission)::bigint, t.currency, t.clears_at
       FROM tips t JOIN orders o ON o.id = t.order_id
       WHERE o.seller_id = $1 AND t.cleared_at IS NULL AND t.clears_at IS NOT NULL AND t.amount > t.commission
       ORDER BY clears_at, order_id, tip_id NULLS FIRST`,
      [userId],
    ),
  ]);
  return {
    available: money(available, c),
    pendingClearance: money(pending, c),
    credits: money(credits, c),
    withdrawn: money(Number(withdrawn[0]?.total ?? 0), c),
    clearingDays: Math.round(clearingSeconds(deps.config, user[0]?.seller_level ?? null) / DAY),
    clearing: clearing.map((r) => ({
      orderId: r.order_id,
      tipId: r.tip_id,
      gigTitle: r.gig_title,
      amount: money(Number(r.amount), r.currency),
      clearsAt: r.clears_at.toISOString(),
    })),
  };
}

const ACCOUNT_NAMES = {
  available: "available",
  pending: "pending_clearance",
  credits: "credits",
} as const;

/** The caller's ledger lines, newest first, with an opaque cursor. */
export async function listTransactions(
  deps: Deps,
  { userId, limit, cursor }: { userId: string; limit: number; cursor?: string },
) {
  const ids = [accounts.available(userId), accounts.pending(userId), accounts.credits(userId)];
  let before: number | null = null;
  if (cursor) {
    before = Number(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Number.isSafeInteger(before))
      throw validationFailed([{ path: "cursor", message: "is not a valid cursor" }]);
  }
  const rows = await ledger.linesFor(deps.db, ids, limit + 1, before);
  const page = rows.slice(0, limit);
  const data = page.map((r) => {
    const tail = r.account_id.split(":")[2];
    const account =
      tail === "available"
        ? ACCOUNT_NAMES.available
        : tail === "pending"
          ? ACCOUNT_NAMES.pending
          : ACCOUNT_NAMES.credits;
    return {
      id: `line_${r.id}`,
      account,
      kind: r.kind,
      amount: money(Number(r.amount), r.currency),
      orderId: r.order_id,
      memo: r.memo,
      createdAt: r.created_at.toISOString(),
    };
  });
  const last = page.at(-1);
  return {
    data,
    nextCursor: rows.length > limit && last ? Buffer.from(String(last.id)).toString("base64url") : null,
  };
}

/**
 * Withdraws from the available balance (idempotent). The available account's row is locked first,
 * so concurrent withdrawals are decided one at a time: never above the balance, at most
 * `maxWithdrawal` each, at most one per `withdrawalIntervalSeconds`.
 */
export async function withdraw(
  deps: Deps,
  p: {
    userId: string;
    amount: { amount: number; currency: string };
    destination: { kind: "bank"; accountLast4: string };
    idempotencyKey: string;
  },
): Promise<IdempotentResult> {
  const cfg = deps.config.orders;
  return runIdempotent(
    deps,
    {
      userId: p.userId,
      key: p.idempotencyKey,
      methodPath: "POST /api/wallet/withdrawals",
      params: { amount: p.amount, destination: p.destination },
    },
    async (save) => {
      if (p.amount.currency !== deps.config.currency) {
        throw validationFailed([{ path: "amount.currency", message: `must be ${deps.config.currency}` }]);
      }
      if (p.amount.amount < 1 || p.amount.amount > cfg.maxWithdrawal) {
        throw validationFailed([
          {
            path: "amount.amount",
            message: `must be between 0.01 and ${(cfg.maxWithdrawal / 100).toFixed(2)}`,
          },
        ]);
      }
      return deps.db.transaction(async (tx) => {
        const available = await ledger.lockAccount(
          tx,
          accounts.available(p.userId),
          p.amount.currency,
          deps.clock.now(),
        );
        // The time of the decision is read once the lock is held: a withdrawal that committed while
        // this one waited is then in the past, never "after now", whatever the interval.
        const now = deps.clock.now();
        const recent = await tx.query(
          "SELECT 1 FROM withdrawals WHERE user_id = $1 AND created_at > $2 LIMIT 1",
          [p.userId, new Date(now.getTime() - cfg.withdrawalIntervalSeconds * 1000)],
        );
        if (recent.length > 0)
          throw conflict("One withdrawal per 24 hours; try again later.", "withdrawal_limit");
        if (p.amount.amount > available) {
          throw conflict("The amount is more than your available balance.", "insufficient_funds");
        }
        const id = newId("wdr");
        await tx.query(
          `INSERT INTO withdrawals (id, user_id, amount, currency, destination, status, created_at)
           VALUES ($1, $2, $3, $4, $5::jsonb, 'paid', $6)`,
          [id, p.userId, p.amount.amount, p.amount.currency, JSON.stringify(p.destination), now],
        );
        await ledger.post(
          tx,
          {
            businessKey: `withdrawal:${id}`,
            kind: "withdrawal",
            memo: `to bank ••${p.destination.accountLast4}`,
            postings: transfer(
              accounts.available(p.userId),
              accounts.payouts(),
              money(p.amount.amount, p.amount.currency),
            ),
          },
          now,
        );
        const response = {
          status: 201,
          body: {
            id,
            amount: p.amount,
            destination: p.destination,
            status: "paid",
            createdAt: now.toISOString(),
          },
        };
        await save(tx, response);
        return response;
      });
    },
  );
}

export async function listWithdrawals(deps: Deps, { userId }: { userId: string }) {
  const rows = await deps.db.query<{
    id: string;
    amount: number;
    currency: string;
    destination: { kind: "bank"; accountLast4: string };
    status: string;
    created_at: Date;
  }>(
    "SELECT id, amount, currency, destination, status, created_at FROM withdrawals WHERE user_id = $1 ORDER BY created_at DESC LIMIT 100",
    [userId],
  );
  return rows.map((r) => ({
    id: r.id,
    amount: money(Number(r.amount), r.currency),
    destination: r.destination,
    status: r.status,
    createdAt: r.created_at.toISOString(),
  }));
}

/** Earnings that reached the seller's pending clearance, per day, for the wallet's chart. */
export async function earningsByDay(deps: Deps, { userId, days }: { userId: string; days: number }) {
  const since = new Date(deps.clock.now().getTime() - days * 86_400_000);
  const rows = await deps.db.query<{ day: string; amount: number }>(
    `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, SUM(amount)::bigint AS amount
     FROM ledger_postings WHERE account_id = $1 AND amount > 0 AND created_at >= $2
     GROUP BY 1 ORDER BY 1`,
    [accounts.pending(userId), since],
  );
  return rows.map((r) => ({ day: r.day, amount: money(Number(r.amount), deps.config.currency) }));
}
