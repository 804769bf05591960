import type { Queryable } from "../../db/client";
import type { Money } from "../../platform/money";

export interface WithdrawalRow {
  id: string;
  amount: number;
  currency: string;
  destination: { kind: "bank"; accountLast4: string };
  status: string;
  created_at: Date;
}

export interface ClearingRow {
  order_id: string;
  tip_id: string | null;
  milestone_id: string | null;
  milestone_title: string | null;
  gig_title: string;
  amount: number;
  currency: string;
  clears_at: Date;
}

/** The only place the wallet's SQL lives: withdrawals, and the seller's earnings awaiting clearance. */
export function createWalletRepository(db: Queryable) {
  return {
    async withdrawnTotal(userId: string): Promise<number> {
      const rows = await db.query<{ total: number }>(
        "SELECT COALESCE(SUM(amount), 0)::bigint AS total FROM withdrawals WHERE user_id = $1",
        [userId],
      );
      return Number(rows[0]?.total ?? 0);
    },

    async sellerLevel(userId: string): Promise<string | null> {
      const rows = await db.query<{ seller_level: string | null }>(
        "SELECT seller_level FROM users WHERE id = $1",
        [userId],
      );
      return rows[0]?.seller_level ?? null;
    },

    /** Order earnings and tips not cleared yet, soonest first. */
    pendingClearance: (sellerId: string) =>
      db.query<ClearingRow>(
        `SELECT id AS order_id, NULL AS tip_id, NULL AS milestone_id, NULL AS milestone_title, gig_title,
                seller_earnings::bigint AS amount, currency, clears_at
         FROM orders WHERE seller_id = $1 AND cleared_at IS NULL AND clears_at IS NOT NULL AND seller_earnings > 0
           AND milestone_count = 0
         UNION ALL
         -- An order in milestones clears with the order only what an admin's split paid from the
         -- milestones still held: its earnings less the released milestones' (which clear below).
         SELECT * FROM (
           SELECT o.id, NULL, NULL, NULL, o.gig_title,
                  (o.seller_earnings - COALESCE((SELECT sum(m.seller_earnings) FROM order_milestones m
                                                 WHERE m.order_id = o.id AND m.status = 'completed'), 0))::bigint,
                  o.currency, o.clears_at
           FROM orders o WHERE o.seller_id = $1 AND o.cleared_at IS NULL AND o.clears_at IS NOT NULL
             AND o.milestone_count > 0
         ) AS split(order_id, tip_id, milestone_id, milestone_title, gig_title, amount, currency, clears_at)
         WHERE split.amount > 0
         UNION ALL
         SELECT o.id, t.id, NULL, NULL, o.gig_title, (t.amount - t.commission)::bigint, t.currency, t.clears_at
         FROM tips t JOIN orders o ON o.id = t.order_id
         WHERE o.seller_id = $1 AND t.cleared_at IS NULL AND t.clears_at IS NOT NULL AND t.amount > t.commission
         UNION ALL
         SELECT o.id, NULL, m.id, m.title, o.gig_title, m.seller_earnings::bigint, o.currency, m.clears_at
         FROM order_milestones m JOIN orders o ON o.id = m.order_id
         WHERE o.seller_id = $1 AND o.milestone_count > 0 AND m.cleared_at IS NULL AND m.clears_at IS NOT NULL
           AND m.seller_earnings > 0
         ORDER BY clears_at, order_id, tip_id NULLS FIRST, milestone_id NULLS FIRST`,
        [sellerId],
      ),

    async hasWithdrawalSince(userId: string, since: Date): Promise<boolean> {
      const rows = await db.query(
        "SELECT 1 FROM withdrawals WHERE user_id = $1 AND created_at > $2 LIMIT 1",
        [userId, since],
      );
      return rows.length > 0;
    },

    async insertWithdrawal(w: {
      id: string;
      userId: string;
      amount: Money;
      destination: WithdrawalRow["destination"];
      now: Date;
    }): Promise<void> {
      await db.query(
        `INSERT INTO withdrawals (id, user_id, amount, currency, destination, status, created_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, 'paid', $6)`,
        [w.id, w.userId, w.amount.amount, w.amount.currency, JSON.stringify(w.destination), w.now],
      );
    },

    listWithdrawals: (userId: string, limit: number) =>
      db.query<WithdrawalRow>(
        "SELECT id, amount, currency, destination, status, created_at FROM withdrawals WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2",
        [userId, limit],
      ),
  };
}
