import type { AppDeps } from "../../platform/deps";
import { conflict, validationFailed } from "../../platform/errors";
import { runIdempotent, type IdempotentResult } from "../../platform/idempotency";
import { newId } from "../../platform/ids";
import { DAY } from "../../platform/clock";
import { addDays, addSeconds } from "../../platform/durations";
import { money } from "../../platform/money";
import { decodeCursor, SeqCursor, toPage } from "../../platform/pagination";
import { accounts, transfer } from "../ledger/ledger.usecases";
import { ledger } from "../ledger/ledger.usecases";
import { createWalletRepository } from "./wallet.repository";
import { clearingSeconds } from "../orders/orders.usecases";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "state">;

/**
 * Balances derived from the ledger: available, pending clearance, credits, and all-time withdrawn;
 * with the seller's clearing period today (`clearingDays`: 7 for Top Rated, 14 otherwise) and what
 * is pending clearance, order by order and tip by tip, with the moment each clears.
 */
export async function getWallet(deps: Deps, { userId }: { userId: string }) {
  const c = deps.config.currency;
  const repo = createWalletRepository(deps.db);
  const [available, pending, credits, withdrawn, user, clearing] = await Promise.all([
    ledger.balance(deps.db, accounts.available(userId)),
    ledger.balance(deps.db, accounts.pending(userId)),
    ledger.balance(deps.db, accounts.credits(userId)),
    repo.withdrawnTotal(userId),
    repo.sellerLevel(userId),
    repo.pendingClearance(userId),
  ]);
  return {
    available: money(available, c),
    pendingClearance: money(pending, c),
    credits: money(credits, c),
    withdrawn: money(withdrawn, c),
    clearingDays: Math.round(clearingSeconds(deps.config, user) / DAY),
    clearing: clearing.map((r) => ({
      orderId: r.order_id,
      tipId: r.tip_id,
      milestoneId: r.milestone_id,
      milestoneTitle: r.milestone_title,
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
  const before = cursor ? decodeCursor(cursor, SeqCursor) : null;
  const rows = await ledger.linesFor(deps.db, ids, limit + 1, before);
  return toPage(
    rows,
    limit,
    (r) => {
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
    },
    (last) => [last.id],
  );
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
        const repo = createWalletRepository(tx);
        const recent = await repo.hasWithdrawalSince(
          p.userId,
          addSeconds(now, -cfg.withdrawalIntervalSeconds),
        );
        if (recent) throw conflict("One withdrawal per 24 hours; try again later.", "withdrawal_limit");
        if (p.amount.amount > available) {
          throw conflict("The amount is more than your available balance.", "insufficient_funds");
        }
        const id = newId("wdr");
        await repo.insertWithdrawal({
          id,
          userId: p.userId,
          amount: p.amount,
          destination: p.destination,
          now,
        });
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
  const rows = await createWalletRepository(deps.db).listWithdrawals(userId, 100);
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
  const rows = await ledger.dailyCredits(deps.db, accounts.pending(userId), addDays(deps.clock.now(), -days));
  return rows.map((r) => ({ day: r.day, amount: money(Number(r.amount), deps.config.currency) }));
}
