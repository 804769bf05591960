import { one, type Queryable } from "../../db/client";

/**
 * Reads (and, for deletion, the few writes) across the tables of other modules that the data export
 * and account deletion need, all keyed by the user's id. A read-only snapshot for the export; the
 * ledger is only read, never written (financial records are kept as they are).
 */
export function createAccountDataRepository(db: Queryable) {
  const rows = <T>(sql: string, params: unknown[]) => db.query<T & Record<string, unknown>>(sql, params);
  return {
    async openOrderCount(userId: string): Promise<number> {
      const row = await one<{ n: string }>(
        db,
        `SELECT count(*) AS n FROM orders WHERE (buyer_id = $1 OR seller_id = $1)
           AND status IN ('awaiting_requirements', 'in_progress', 'delivered', 'disputed')`,
        [userId],
      );
      return Number(row?.n ?? 0);
    },

    /** The user's gigs leave the marketplace (archived); returns their ids. */
    async archiveGigs(userId: string, now: Date): Promise<string[]> {
      const result = await db.query<{ id: string }>(
        "UPDATE gigs SET status = 'archived', updated_at = $2 WHERE seller_id = $1 AND status <> 'archived' RETURNING id",
        [userId, now],
      );
      return result.map((r) => r.id);
    },

    export(userId: string) {
      return Promise.all([
        one(db, "SELECT * FROM seller_profiles WHERE user_id = $1", [userId]),
        rows("SELECT * FROM gigs WHERE seller_id = $1 ORDER BY created_at, id", [userId]),
        rows("SELECT * FROM orders WHERE buyer_id = $1 OR seller_id = $1 ORDER BY created_at, id", [userId]),
        rows(
          `SELECT m.id, m.conversation_id, m.sender_id, m.recipient_id, m.body, m.order_id, m.created_at, m.read_at
           FROM messages m WHERE m.sender_id = $1 OR m.recipient_id = $1 ORDER BY m.seq`,
          [userId],
        ),
        rows(
          `SELECT id, order_id, gig_id, side, author_id, subject_id, rating, comment, created_at, published_at,
                  response, response_at
           FROM reviews WHERE author_id = $1 OR subject_id = $1 ORDER BY created_at, id`,
          [userId],
        ),
        rows(
          `SELECT p.id, a.kind AS account_kind, t.kind AS transaction_kind, t.order_id, p.amount, p.currency,
                  p.created_at
           FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
           JOIN ledger_transactions t ON t.id = p.transaction_id
           WHERE a.owner_id = $1 ORDER BY p.id`,
          [userId],
        ),
        rows(
          `SELECT id, kind, category, title, body, created_at, read_at FROM notifications WHERE user_id = $1
           ORDER BY created_at, id`,
          [userId],
        ),
      ]).then(([sellerProfile, gigs, orders, messages, reviews, ledgerLines, notifications]) => ({
        sellerProfile: sellerProfile ?? null,
        gigs,
        orders,
        messages,
        reviews,
        ledgerLines,
        notifications,
      }));
    },
  };
}
