import type { Queryable } from "../../db/client";

/** The SQL of seller metrics; every figure is over the window [since, now]. */
export function createReputationRepository(db: Queryable) {
  return {
    /** Records an admin's Top Rated approval; false: no such seller. */
    async approveTopRated(userId: string, now: Date): Promise<boolean> {
      const rows = await db.query(
        "UPDATE users SET top_rated_approved_at = $2 WHERE id = $1 AND is_seller RETURNING id",
        [userId, now],
      );
      return rows.length > 0;
    },

    topRatedCandidates: () =>
      db.query<{
        id: string;
        username: string;
        display_name: string;
        seller_level: string;
        top_rated_eligible_at: Date;
      }>(
        `SELECT id, username, display_name, seller_level, top_rated_eligible_at FROM users
         WHERE top_rated_eligible_at IS NOT NULL AND top_rated_approved_at IS NULL ORDER BY top_rated_eligible_at`,
      ),

    /** The seller's earnings from completed orders per UTC day since `since`. */
    completedEarningsByDay: (sellerId: string, since: Date) =>
      db.query<{ day: string; amount: number }>(
        `SELECT to_char(date_trunc('day', completed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, SUM(seller_earnings)::bigint AS amount
         FROM orders WHERE seller_id = $1 AND status = 'completed' AND completed_at >= $2 GROUP BY 1 ORDER BY 1`,
        [sellerId, since],
      ),

    /** Per gig of the seller: search impressions, clicks and orders since `since`. */
    gigFunnel: (sellerId: string, since: Date) =>
      db.query<{
        id: string;
        title: string;
        status: string;
        impressions: number;
        clicks: number;
        orders: number;
      }>(
        `SELECT g.id, g.title, g.status,
           COALESCE((SELECT SUM(i.count) FROM search_impressions i WHERE i.gig_id = g.id AND i.day >= $2::date), 0)::int AS impressions,
           (SELECT count(*) FROM search_clicks c WHERE c.gig_id = g.id AND c.created_at >= $2)::int AS clicks,
           (SELECT count(*) FROM orders o WHERE o.gig_id = g.id AND o.created_at >= $2)::int AS orders
         FROM gigs g WHERE g.seller_id = $1 AND g.status <> 'archived' ORDER BY g.created_at DESC`,
        [sellerId, since],
      ),

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
