import { one, type Queryable } from "../../db/client";

export interface ReviewRow {
  id: string;
  order_id: string;
  gig_id: string;
  side: "buyer" | "seller";
  author_id: string;
  subject_id: string;
  rating: number;
  communication: number | null;
  service_as_described: number | null;
  recommend: boolean | null;
  comment: string;
  created_at: Date;
  published_at: Date | null;
  response: string | null;
  response_at: Date | null;
  author_username: string;
  author_display_name: string;
}

const SELECT = `SELECT r.*, u.username AS author_username, u.display_name AS author_display_name
  FROM reviews r JOIN users u ON u.id = r.author_id`;

/** The only place the reviews module's SQL lives. */
export function createReviewsRepository(db: Queryable) {
  return {
    /** What a review needs to know of its order. */
    async orderFacts(orderId: string) {
      const rows = await db.query<{
        id: string;
        gig_id: string;
        buyer_id: string;
        seller_id: string;
        status: string;
        completed_at: Date | null;
      }>("SELECT id, gig_id, buyer_id, seller_id, status, completed_at FROM orders WHERE id = $1", [orderId]);
      return rows[0];
    },

    /** The id of a user who is not suspended, by username. */
    async activeUserId(username: string): Promise<string | undefined> {
      const rows = await db.query<{ id: string }>(
        "SELECT id FROM users WHERE username = $1 AND suspended_at IS NULL",
        [username],
      );
      return rows[0]?.id;
    },

    /** Counts a completed order on its gig; returns the gig's id (undefined: no such order). */
    async countCompletedOrder(orderId: string): Promise<string | undefined> {
      const rows = await db.query<{ gig_id: string }>(
        "UPDATE gigs SET orders_completed = orders_completed + 1 FROM orders o WHERE o.id = $1 AND gigs.id = o.gig_id RETURNING gigs.id AS gig_id",
        [orderId],
      );
      return rows[0]?.gig_id;
    },

    async insert(
      r: Omit<
        ReviewRow,
        "published_at" | "response" | "response_at" | "author_username" | "author_display_name"
      >,
    ): Promise<boolean> {
      const rows = await db.query(
        `INSERT INTO reviews (id, order_id, gig_id, side, author_id, subject_id, rating, communication,
           service_as_described, recommend, comment, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (order_id, side) DO NOTHING RETURNING id`,
        [
          r.id,
          r.order_id,
          r.gig_id,
          r.side,
          r.author_id,
          r.subject_id,
          r.rating,
          r.communication,
          r.service_as_described,
          r.recommend,
          r.comment,
          r.created_at,
        ],
      );
      return rows.length > 0;
    },

    forOrder: (orderId: string) =>
      db.query<ReviewRow>(`${SELECT} WHERE r.order_id = $1 ORDER BY r.side`, [orderId]),

    find: (id: string) => one<ReviewRow>(db, `${SELECT} WHERE r.id = $1`, [id]),

    /** Publishes the order's unpublished reviews; returns what was published. */
    publish: (orderId: string, at: Date) =>
      db.query<{ id: string; side: "buyer" | "seller"; gig_id: string; rating: number; subject_id: string }>(
        `UPDATE reviews SET published_at = $2 WHERE order_id = $1 AND published_at IS NULL
         RETURNING id, side, gig_id, rating, subject_id`,
        [orderId, at],
      ),

    async addToGigRating(gigId: string, rating: number) {
      await db.query(
        "UPDATE gigs SET rating_sum = rating_sum + $2, rating_count = rating_count + 1 WHERE id = $1",
        [gigId, rating],
      );
    },

    async respond(id: string, text: string, at: Date): Promise<boolean> {
      const rows = await db.query(
        "UPDATE reviews SET response = $2, response_at = $3 WHERE id = $1 AND response IS NULL AND published_at IS NOT NULL RETURNING id",
        [id, text, at],
      );
      return rows.length > 0;
    },

    publishedForGig: (gigId: string, limit: number, before: { at: Date; id: string } | null) =>
      db.query<ReviewRow>(
        `${SELECT} WHERE r.gig_id = $1 AND r.side = 'buyer' AND r.published_at IS NOT NULL
           AND ($2::timestamptz IS NULL OR (r.published_at, r.id) < ($2::timestamptz, $3::text))
         ORDER BY r.published_at DESC, r.id DESC LIMIT $4`,
        [gigId, before?.at ?? null, before?.id ?? "", limit],
      ),

    publishedForSeller: (sellerId: string, limit: number) =>
      db.query<ReviewRow>(
        `${SELECT} WHERE r.subject_id = $1 AND r.side = 'buyer' AND r.published_at IS NOT NULL
         ORDER BY r.published_at DESC, r.id DESC LIMIT $2`,
        [sellerId, limit],
      ),

    /** Star counts and averages of published buyer reviews of a gig or of a seller. */
    summary: (by: "gig" | "seller", id: string) =>
      one<{
        count: number;
        avg: number | null;
        s1: number;
        s2: number;
        s3: number;
        s4: number;
        s5: number;
        comm: number | null;
        sad: number | null;
        rec: number | null;
      }>(
        db,
        `SELECT count(*)::int AS count, avg(rating)::float8 AS avg,
           count(*) FILTER (WHERE rating = 1)::int AS s1, count(*) FILTER (WHERE rating = 2)::int AS s2,
           count(*) FILTER (WHERE rating = 3)::int AS s3, count(*) FILTER (WHERE rating = 4)::int AS s4,
           count(*) FILTER (WHERE rating = 5)::int AS s5,
           avg(communication)::float8 AS comm, avg(service_as_described)::float8 AS sad,
           (100.0 * avg(CASE WHEN recommend THEN 1 ELSE 0 END))::float8 AS rec
         FROM reviews WHERE ${by === "gig" ? "gig_id" : "subject_id"} = $1 AND side = 'buyer' AND published_at IS NOT NULL`,
        [id],
      ),
  };
}
