import type { Queryable } from "../../db/client";

/** The SQL of seller metrics; every figure is over the window [since, now]. */
export function createReputationRepository(db: Queryable) {
  return {
    seller: async (id: string) =>
      (
        await db.query<{
          id: string;
          seller_level: string | null;
          became_seller_at: Date | null;
          top_rated_approved_at: Date | null;
          is_seller: boolean;
        }>(
          "SELECT id, seller_level, became_seller_at, top_rated_approved_at, is_seller FROM users WHERE id = $1",
          [id],
        )
      )[0],

    sellerIds: () =>
      db.query<{ id: string }>("SELECT id FROM users WHERE is_seller AND suspended_at IS NULL ORDER BY id"),

    async orderFigures(sellerId: string, since: Date, now: Date) {
      const rows = await db.query<{
        completed: number;
        earnings: number;
        buyers: number;
        seller_fault: number;
      }>(
        `SELECT count(*) FILTER (WHERE status = 'completed' AND completed_at BETWEEN $2 AND $3)::int AS completed,
                COALESCE(SUM(seller_earnings) FILTER (WHERE status = 'completed' AND completed_at BETWEEN $2 AND $3), 0)::bigint AS earnings,
                count(DISTINCT buyer_id) FILTER (WHERE status = 'completed' AND completed_at BETWEEN $2 AND $3)::int AS buyers,
                count(*) FILTER (WHERE status = 'cancelled' AND cancelled_at BETWEEN $2 AND $3
                                 AND cancellation->>'fault' = 'seller')::int AS seller_fault
         FROM orders WHERE seller_id = $1`,
        [sellerId, since, now],
      );
      return rows[0] ?? { completed: 0, earnings: 0, buyers: 0, seller_fault: 0 };
    },

    /** Orders first delivered in the window, and how many of those were on time; late cancellations count as late. */
    async deliveryFigures(sellerId: string, since: Date, now: Date) {
      const rows = await db.query<{ delivered: number; on_time: number }>(
        `SELECT count(*)::int AS delivered, count(*) FILTER (WHERE f.first_at <= o.due_at)::int AS on_time
         FROM orders o JOIN LATERAL (SELECT min(d.created_at) AS first_at FROM order_deliveries d WHERE d.order_id = o.id) f ON true
         WHERE o.seller_id = $1 AND f.first_at BETWEEN $2 AND $3`,
        [sellerId, since, now],
      );
      return rows[0] ?? { delivered: 0, on_time: 0 };
    },

    /**
     * Conversations where someone wrote to the seller in the window: the first such message, and the
     * seller's first answer after it. Messages younger than 24 h without an answer are not judged yet.
     */
    async responseFigures(sellerId: string, since: Date, now: Date) {
      const rows = await db.query<{ inquiries: number; answered: number; avg_seconds: number | null }>(
        `WITH firsts AS (
           SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.seq, m.created_at
           FROM messages m WHERE m.recipient_id = $1 AND m.created_at BETWEEN $2 AND $3
           ORDER BY m.conversation_id, m.seq
         ), judged AS (
           SELECT f.created_at, r.at FROM firsts f
           LEFT JOIN LATERAL (SELECT min(m2.created_at) AS at FROM messages m2
                              WHERE m2.conversation_id = f.conversation_id AND m2.sender_id = $1 AND m2.seq > f.seq) r ON true
         )
         SELECT count(*) FILTER (WHERE at <= created_at + interval '24 hours' OR created_at <= $3::timestamptz - interval '24 hours')::int AS inquiries,
                count(*) FILTER (WHERE at <= created_at + interval '24 hours')::int AS answered,
                avg(extract(epoch FROM (at - created_at))) FILTER (WHERE at <= created_at + interval '24 hours')::float8 AS avg_seconds
         FROM judged`,
        [sellerId, since, now],
      );
      return rows[0] ?? { inquiries: 0, answered: 0, avg_seconds: null };
    },

    async ratingFigures(sellerId: string, since: Date, now: Date) {
      const rows = await db.query<{ avg: number | null; count: number }>(
        `SELECT avg(rating)::float8 AS avg, count(*)::int AS count FROM reviews
         WHERE subject_id = $1 AND side = 'buyer' AND published_at BETWEEN $2 AND $3`,
        [sellerId, since, now],
      );
      return rows[0] ?? { avg: null, count: 0 };
    },

    ordersByStatus: (sellerId: string) =>
      db.query<{ status: string; count: number }>(
        "SELECT status, count(*)::int AS count FROM orders WHERE seller_id = $1 GROUP BY status ORDER BY status",
        [sellerId],
      ),

    async setLevel(id: string, level: string, eligibleAt: Date | null, now: Date) {
      await db.query(
        "UPDATE users SET seller_level = $2, top_rated_eligible_at = $3, level_evaluated_at = $4 WHERE id = $1",
        [id, level, eligibleAt, now],
      );
    },

    async recordChange(c: {
      id: string;
      userId: string;
      from: string | null;
      to: string;
      reason: string;
      now: Date;
    }) {
      await db.query(
        "INSERT INTO seller_level_changes (id, user_id, from_level, to_level, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        [c.id, c.userId, c.from, c.to, c.reason, c.now],
      );
    },
  };
}
