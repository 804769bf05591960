import type { LicenceKind } from "@atelier/contracts";
import { one, type Queryable } from "../../db/client";

export type OfferStatusRow = "open" | "accepted" | "withdrawn" | "declined" | "expired";

export interface OfferRow {
  id: string;
  conversation_id: string;
  brief_id: string | null;
  seller_id: string;
  buyer_id: string;
  gig_id: string;
  title: string;
  description: string;
  currency: string;
  price: number;
  delivery_days: number;
  revisions: number | null;
  licence_kind: LicenceKind;
  /** The parts the order is worked and paid in (prices in minor units); null: one delivery. */
  milestones: { title: string; price: number; deliveryDays: number }[] | null;
  status: OfferStatusRow;
  order_id: string | null;
  expires_at: Date;
  created_at: Date;
  updated_at: Date;
}

/** An offer with the names its view shows. */
export interface OfferViewRow extends OfferRow {
  buyer_username: string;
  seller_username: string;
  seller_display_name: string;
  gig_title: string;
}

export interface BriefRow {
  id: string;
  buyer_id: string;
  buyer_username: string;
  title: string;
  description: string;
  category_slug: string | null;
  currency: string | null;
  budget_max: number | null;
  deadline: Date | null;
  file_ids: string[];
  status: "open" | "closed";
  created_at: Date;
  closed_at: Date | null;
}

export interface BriefMatchRow {
  brief_id: string;
  seller_id: string;
  seller_username: string;
  gig_id: string;
  gig_title: string;
  score: number;
  rank: number;
}

export interface NaiveCandidateRow {
  id: string;
  title: string;
  currency: string;
  starting_price: number;
  rating_sum: number;
  rating_count: number;
  username: string;
  seller_level: string | null;
  hits: number;
}

const OFFER_COLUMNS = `o.id, o.conversation_id, o.brief_id, o.seller_id, o.buyer_id, o.gig_id, o.title, o.description,
  o.currency, o.price::float8 AS price, o.delivery_days, o.revisions, o.licence_kind, o.milestones, o.status, o.order_id, o.expires_at,
  o.created_at, o.updated_at`;

const OFFER_VIEW = `SELECT ${OFFER_COLUMNS}, b.username AS buyer_username, s.username AS seller_username,
  s.display_name AS seller_display_name, g.title AS gig_title
  FROM offers o JOIN users b ON b.id = o.buyer_id JOIN users s ON s.id = o.seller_id JOIN gigs g ON g.id = o.gig_id`;

const BRIEF_SELECT = `SELECT br.id, br.buyer_id, u.username AS buyer_username, br.title, br.description, br.category_slug,
  br.currency, br.budget_max::float8 AS budget_max, br.deadline, br.file_ids, br.status, br.created_at, br.closed_at
  FROM briefs br JOIN users u ON u.id = br.buyer_id`;

/** The only place the negotiation module's SQL lives (offers, briefs, brief matches). */
export function createNegotiationRepository(db: Queryable) {
  return {
    /** A user who may take part: a seller's flag and suspension, by id. */
    findUser: (id: string) =>
      one<{ id: string; username: string; is_seller: boolean; suspended: boolean }>(
        db,
        "SELECT id, username, is_seller, suspended_at IS NOT NULL AS suspended FROM users WHERE id = $1",
        [id],
      ),

    findGig: (id: string) =>
      one<{ id: string; seller_id: string; status: string; currency: string; title: string }>(
        db,
        "SELECT id, seller_id, status, currency, title FROM gigs WHERE id = $1",
        [id],
      ),

    /**
     * The sellers of gigs, by gig id (search results name gigs and sellers' usernames only), with
     * when each seller was last active: the latest of their last use of a session (written at most
     * once a minute while signed in), of a personal access token, and of a delivery among their 20
     * latest orders. Null when none is known. Index lookups only (sessions_user,
     * personal_access_tokens_user, orders_seller), a few per gig.
     */
    sellersOfGigs: (gigIds: readonly string[]) =>
      db.query<{ gig_id: string; seller_id: string; active_at: Date | null }>(
        `SELECT g.id AS gig_id, g.seller_id, GREATEST(
           (SELECT max(s.last_seen_at) FROM sessions s WHERE s.user_id = g.seller_id),
           (SELECT max(t.last_used_at) FROM personal_access_tokens t WHERE t.user_id = g.seller_id),
           (SELECT max(o.delivered_at) FROM (SELECT delivered_at FROM orders WHERE seller_id = g.seller_id
              ORDER BY created_at DESC LIMIT 20) o)
         ) AS active_at
         FROM gigs g WHERE g.id = ANY($1::text[])`,
        [gigIds],
      ),

    async insertOffer(o: Omit<OfferRow, "status" | "order_id" | "updated_at">): Promise<void> {
      await db.query(
        `INSERT INTO offers (id, conversation_id, brief_id, seller_id, buyer_id, gig_id, title, description, currency,
           price, delivery_days, revisions, status, expires_at, created_at, updated_at, licence_kind, milestones)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $14, $15, $16::jsonb)`,
        [
          o.id,
          o.conversation_id,
          o.brief_id,
          o.seller_id,
          o.buyer_id,
          o.gig_id,
          o.title,
          o.description,
          o.currency,
          o.price,
          o.delivery_days,
          o.revisions,
          o.expires_at,
          o.created_at,
          o.licence_kind,
          o.milestones ? JSON.stringify(o.milestones) : null,
        ],
      );
    },

    findOffer: (id: string) => one<OfferViewRow>(db, `${OFFER_VIEW} WHERE o.id = $1`, [id]),

    /** The offers made on briefs; of one seller only when `sellerId` is given. */
    offersOfBriefs: (briefIds: readonly string[], sellerId: string | null) =>
      db.query<OfferViewRow>(
        `${OFFER_VIEW} WHERE o.brief_id = ANY($1::text[]) AND ($2::text IS NULL OR o.seller_id = $2)
         ORDER BY o.created_at, o.id`,
        [briefIds, sellerId],
      ),

    /** Whether the user posted the brief or was matched to it (who may read its files). */
    async isBriefParty(briefId: string, userId: string): Promise<boolean> {
      const rows = await db.query<{ found: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM briefs WHERE id = $1 AND buyer_id = $2)
             OR EXISTS (SELECT 1 FROM brief_matches WHERE brief_id = $1 AND seller_id = $2) AS found`,
        [briefId, userId],
      );
      return rows[0]?.found ?? false;
    },

    /**
     * Moves an open offer to `to` (compare-and-set on the status; an offer past its expiry is not
     * open any more, whatever its row says until the expiry job runs). Undefined when it was not open.
     */
    setStatus: (p: { id: string; to: OfferStatusRow; now: Date; orderId?: string; buyerId?: string }) =>
      one<OfferRow>(
        db,
        `UPDATE offers o SET status = $2, order_id = $4, updated_at = $3
         WHERE o.id = $1 AND o.status = 'open'
           AND (CASE WHEN $2::text = 'expired' THEN o.expires_at <= $3 ELSE o.expires_at > $3 END)
           AND ($5::text IS NULL OR o.buyer_id = $5)
         RETURNING ${OFFER_COLUMNS}`,
        [p.id, p.to, p.now, p.orderId ?? null, p.buyerId ?? null],
      ),

    /** Deferred (inside the brief's transaction it travels with the next statement or the COMMIT). */
    async insertBrief(b: Omit<BriefRow, "buyer_username" | "status" | "closed_at">): Promise<void> {
      await db.defer(
        `INSERT INTO briefs (id, buyer_id, title, description, category_slug, currency, budget_max, deadline, file_ids,
           status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10)`,
        [
          b.id,
          b.buyer_id,
          b.title,
          b.description,
          b.category_slug,
          b.currency,
          b.budget_max,
          b.deadline,
          b.file_ids,
          b.created_at,
        ],
      );
    },

    async insertMatches(
      briefId: string,
      matches: readonly { sellerId: string; gigId: string; score: number }[],
      now: Date,
    ): Promise<void> {
      if (matches.length === 0) return;
      await db.defer(
        `INSERT INTO brief_matches (brief_id, seller_id, gig_id, score, rank, created_at)
         SELECT $1, m.seller_id, m.gig_id, m.score, m.ord::int, $5
         FROM unnest($2::text[], $3::text[], $4::float8[]) WITH ORDINALITY AS m (seller_id, gig_id, score, ord)`,
        [
          briefId,
          matches.map((m) => m.sellerId),
          matches.map((m) => m.gigId),
          matches.map((m) => m.score),
          now,
        ],
      );
    },

    findBrief: (id: string) => one<BriefRow>(db, `${BRIEF_SELECT} WHERE br.id = $1`, [id]),

    /** The buyer's briefs, newest first, after the cursor. */
    briefsOf: (buyerId: string, before: { at: Date; id: string } | null, limit: number) =>
      db.query<BriefRow>(
        `${BRIEF_SELECT} WHERE br.buyer_id = $1
           AND ($2::timestamptz IS NULL OR (br.created_at, br.id) < ($2::timestamptz, $3::text))
         ORDER BY br.created_at DESC, br.id DESC LIMIT $4`,
        [buyerId, before?.at ?? null, before?.id ?? null, limit],
      ),

    /** The briefs sent to a seller, newest first, after the cursor. */
    inboxOf: (sellerId: string, before: { at: Date; id: string } | null, limit: number) =>
      db.query<BriefRow>(
        `${BRIEF_SELECT} JOIN brief_matches m ON m.brief_id = br.id AND m.seller_id = $1
         WHERE ($2::timestamptz IS NULL OR (br.created_at, br.id) < ($2::timestamptz, $3::text))
         ORDER BY br.created_at DESC, br.id DESC LIMIT $4`,
        [sellerId, before?.at ?? null, before?.id ?? null, limit],
      ),

    /** The matches of briefs; of one seller only when `sellerId` is given. */
    matchesOf: (briefIds: readonly string[], sellerId: string | null) =>
      db.query<BriefMatchRow>(
        `SELECT m.brief_id, m.seller_id, u.username AS seller_username, m.gig_id, g.title AS gig_title, m.score, m.rank
         FROM brief_matches m JOIN users u ON u.id = m.seller_id JOIN gigs g ON g.id = m.gig_id
         WHERE m.brief_id = ANY($1::text[]) AND ($2::text IS NULL OR m.seller_id = $2)
         ORDER BY m.brief_id, m.rank`,
        [briefIds, sellerId],
      ),

    /**
     * The naive plan of brief matching, for the benchmark only (test mode): every active gig whose
     * title, description or tags contain any of `patterns` (LIKE patterns, lower case), in the
     * category (or its parent) when given, scored by how many patterns it contains — no search index.
     */
    naiveCandidates: (patterns: readonly string[], categorySlug: string | null, limit: number) =>
      db.query<NaiveCandidateRow>(
        `WITH d AS (
           SELECT g.id, g.title, g.currency, g.starting_price::float8 AS starting_price, g.rating_sum::float8 AS rating_sum,
             g.rating_count, u.username, u.seller_level,
             lower(g.title || ' ' || g.description || ' ' || array_to_string(g.tags, ' ')) AS doc
           FROM gigs g JOIN users u ON u.id = g.seller_id
             JOIN categories c ON c.id = g.category_id LEFT JOIN categories p ON p.id = c.parent_id
           WHERE g.status = 'active' AND u.suspended_at IS NULL
             AND ($2::text IS NULL OR c.slug = $2 OR p.slug = $2))
         SELECT d.id, d.title, d.currency, d.starting_price, d.rating_sum, d.rating_count, d.username, d.seller_level,
           (SELECT count(*) FROM unnest($1::text[]) AS w (pattern) WHERE d.doc LIKE w.pattern)::int AS hits
         FROM d WHERE d.doc LIKE ANY ($1::text[])
         ORDER BY hits DESC, d.rating_sum DESC, d.id LIMIT $3`,
        [patterns, categorySlug, limit],
      ),

    closeBrief: (id: string, buyerId: string, now: Date) =>
      one<{ id: string }>(
        db,
        "UPDATE briefs SET status = 'closed', closed_at = $3 WHERE id = $1 AND buyer_id = $2 AND status = 'open' RETURNING id",
        [id, buyerId, now],
      ),
  };
}
