import type { Queryable } from "../../db/client";
import type { SellerLevel } from "./search.ranking";

/** A gig's ranking inputs now, and what changed them since a moment (for "change from last week"). */
export interface VisibilityGigRow {
  id: string;
  title: string;
  seller_id: string;
  /** The search document's figures when the gig is searchable (what the ranking uses), else the gig's. */
  rating_sum: number;
  rating_count: number;
  orders_completed: number;
  level: SellerLevel;
  /** The stored static rank; null when the gig is not in search. */
  quality: number | null;
  /** Published buyer reviews, completed orders and the first level change since `since`. */
  recent_rating_sum: number;
  recent_rating_count: number;
  recent_orders: number;
  level_before: SellerLevel | null;
}

/** Per UTC day since a date: impressions (with positions), clicks and orders of one gig. */
export interface VisibilityDayRow {
  day: string;
  impressions: number;
  ranked: number;
  position_sum: number;
  clicks: number;
  orders: number;
}

/**
 * The visibility report's SQL. It reads the figures other modules keep (reviews, orders, level
 * changes) only to undo the last week's changes; the ranking's own inputs come from search_documents.
 */
export function createVisibilityRepository(db: Queryable) {
  return {
    async gig(gigId: string, since: Date): Promise<VisibilityGigRow | undefined> {
      const rows = await db.query<VisibilityGigRow>(
        `SELECT g.id, g.title, g.seller_id,
                COALESCE(d.rating_sum, g.rating_sum)::float8 AS rating_sum,
                COALESCE(d.rating_count, g.rating_count)::int AS rating_count,
                COALESCE(d.orders_completed, g.orders_completed)::int AS orders_completed,
                COALESCE(d.seller_level, u.seller_level, 'new') AS level,
                d.quality,
                COALESCE((SELECT sum(r.rating) FROM reviews r
                          WHERE r.gig_id = g.id AND r.side = 'buyer' AND r.published_at >= $2), 0)::float8 AS recent_rating_sum,
                (SELECT count(*) FROM reviews r
                 WHERE r.gig_id = g.id AND r.side = 'buyer' AND r.published_at >= $2)::int AS recent_rating_count,
                (SELECT count(*) FROM orders o
                 WHERE o.gig_id = g.id AND o.status = 'completed' AND o.completed_at >= $2)::int AS recent_orders,
                (SELECT c.from_level FROM seller_level_changes c
                 WHERE c.user_id = g.seller_id AND c.created_at >= $2 ORDER BY c.created_at LIMIT 1) AS level_before
         FROM gigs g JOIN users u ON u.id = g.seller_id
         LEFT JOIN search_documents d ON d.gig_id = g.id
         WHERE g.id = $1`,
        [gigId, since],
      );
      return rows[0];
    },

    /** Days with any activity since `since` (a UTC midnight), oldest first. */
    days: (gigId: string, since: Date) =>
      db.query<VisibilityDayRow>(
        `WITH imp AS (
           SELECT to_char(day, 'YYYY-MM-DD') AS day, count, ranked, position_sum
           FROM search_impressions WHERE gig_id = $1 AND day >= $2::date
         ), clk AS (
           SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
           FROM search_clicks WHERE gig_id = $1 AND created_at >= $2 GROUP BY 1
         ), ord AS (
           SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
           FROM orders WHERE gig_id = $1 AND created_at >= $2 GROUP BY 1
         )
         SELECT day, COALESCE(imp.count, 0)::int AS impressions, COALESCE(imp.ranked, 0)::int AS ranked,
                COALESCE(imp.position_sum, 0)::float8 AS position_sum,
                COALESCE(clk.n, 0)::int AS clicks, COALESCE(ord.n, 0)::int AS orders
         FROM imp FULL JOIN clk USING (day) FULL JOIN ord USING (day)
         ORDER BY day`,
        [gigId, since],
      ),
  };
}
