import type { GigFaqSchema, GigPackage, GigStatus, SellerLevel } from "@atelier/contracts";
import type { z } from "zod";
import { one, type Queryable } from "../../db/client";

export interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  parent_id: string | null;
  position: number;
  description: string;
}

export interface StoredExtra {
  id: string;
  title: string;
  price: { amount: number; currency: string };
  additionalDays: number;
}

/** A licence as a gig stores it (API.md section 12). */
export interface StoredLicence {
  kind: "personal" | "commercial" | "full_transfer";
  price: { amount: number; currency: string };
}

export interface StoredRequirement {
  id: string;
  question: string;
  kind: "text" | "file" | "choice";
  required: boolean;
  choices?: string[] | undefined;
}

export interface GigRow {
  id: string;
  seller_id: string;
  slug: string;
  title: string;
  description: string;
  category_id: string;
  tags: string[];
  status: GigStatus;
  ai_assisted: boolean;
  licences: StoredLicence[];
  ai_use: "none" | "assisted" | "generated";
  ai_tools: string[];
  protect_deliveries: boolean;
  allow_ai_training: boolean;
  packages: GigPackage[];
  extras: StoredExtra[];
  faq: z.infer<typeof GigFaqSchema>[];
  requirements: StoredRequirement[];
  currency: string;
  starting_price: number;
  min_delivery_days: number;
  rating_sum: number;
  rating_count: number;
  orders_completed: number;
  cover_file_id: string | null;
  moderation_reason: string | null;
  review_requested_at: Date | null;
  moderation_cleared_hash: string | null;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** A gig with everything its public view shows: category, seller summary and gallery. */
export interface GigViewRow extends GigRow {
  category_slug: string;
  category_name: string;
  parent_slug: string | null;
  parent_name: string | null;
  seller_username: string;
  seller_display_name: string;
  seller_level: SellerLevel | null;
  seller_member_since: Date;
  seller_suspended_at: Date | null;
  seller_country: string | null;
  seller_rating_sum: number;
  seller_rating_count: number;
  image_ids: string[];
}

/**
 * What a public gig page shows, read for it alone: a third of the view's columns, the cover image
 * instead of the gallery, no seller totals (the page shows the gig's own rating).
 */
export interface GigPageRow {
  slug: string;
  title: string;
  description: string;
  packages: GigPackage[];
  faq: GigRow["faq"];
  currency: string;
  starting_price: number;
  min_delivery_days: number;
  rating_sum: number;
  rating_count: number;
  category_slug: string;
  category_name: string;
  parent_slug: string | null;
  parent_name: string | null;
  seller_username: string;
  seller_display_name: string;
  cover_image_id: string | null;
}

/** Columns a use-case may change, with the JSON documents already serialised by the repository. */
export interface GigChanges {
  slug?: string;
  title?: string;
  description?: string;
  category_id?: string;
  tags?: string[];
  status?: GigStatus;
  ai_assisted?: boolean;
  licences?: StoredLicence[];
  ai_use?: "none" | "assisted" | "generated";
  ai_tools?: string[];
  protect_deliveries?: boolean;
  allow_ai_training?: boolean;
  packages?: GigPackage[];
  extras?: StoredExtra[];
  faq?: GigRow["faq"];
  requirements?: StoredRequirement[];
  currency?: string;
  starting_price?: number;
  min_delivery_days?: number;
  cover_file_id?: string | null;
  moderation_reason?: string | null;
  review_requested_at?: Date | null;
  moderated_by?: string | null;
  moderated_at?: Date | null;
  moderation_cleared_hash?: string | null;
  published_at?: Date | null;
  updated_at: Date;
}

const JSON_COLUMNS: ReadonlySet<string> = new Set([
  "packages",
  "extras",
  "faq",
  "requirements",
  "licences",
  "ai_tools",
]);

// Casts keep bigint figures as numbers on both drivers (PGlite and node-postgres).
const GIG_COLUMNS = `g.id, g.seller_id, g.slug, g.title, g.description, g.category_id, g.tags, g.status,
  g.ai_assisted, g.licences, g.ai_use, g.ai_tools, g.protect_deliveries, g.allow_ai_training, g.packages, g.extras, g.faq, g.requirements, g.currency, g.starting_price::bigint AS starting_price,
  g.min_delivery_days, g.rating_sum::bigint AS rating_sum, g.rating_count, g.orders_completed, g.cover_file_id,
  g.moderation_reason, g.review_requested_at, g.moderation_cleared_hash, g.published_at, g.created_at, g.updated_at`;

const VIEW_SELECT = `SELECT ${GIG_COLUMNS},
    c.slug AS category_slug, c.name AS category_name, p.slug AS parent_slug, p.name AS parent_name,
    u.username AS seller_username, u.display_name AS seller_display_name, u.seller_level,
    u.created_at AS seller_member_since, u.suspended_at AS seller_suspended_at, sp.country AS seller_country,
    sr.rating_sum AS seller_rating_sum, sr.rating_count AS seller_rating_count,
    COALESCE((SELECT array_agg(gi.file_id ORDER BY gi.position) FROM gig_images gi WHERE gi.gig_id = g.id),
             ARRAY[]::text[]) AS image_ids
  FROM gigs g
  JOIN categories c ON c.id = g.category_id
  LEFT JOIN categories p ON p.id = c.parent_id
  JOIN users u ON u.id = g.seller_id
  LEFT JOIN seller_profiles sp ON sp.user_id = u.id
  CROSS JOIN LATERAL (
    SELECT COALESCE(sum(sg.rating_sum), 0)::bigint AS rating_sum, COALESCE(sum(sg.rating_count), 0)::bigint AS rating_count
    FROM gigs sg WHERE sg.seller_id = g.seller_id
  ) sr`;

/**
 * Public gig pages by address (`WHERE (username, slug) IN unnest(...)`), only those anyone may see
 * (active, seller not suspended: `canView` for nobody signed in), with the columns the page shows.
 */
const PAGE_SELECT = `SELECT g.slug, g.title, g.description, g.packages, g.faq, g.currency,
    g.starting_price::bigint AS starting_price, g.min_delivery_days, g.rating_sum::bigint AS rating_sum, g.rating_count,
    c.slug AS category_slug, c.name AS category_name, p.slug AS parent_slug, p.name AS parent_name,
    u.username AS seller_username, u.display_name AS seller_display_name,
    (SELECT gi.file_id FROM gig_images gi WHERE gi.gig_id = g.id ORDER BY gi.position LIMIT 1) AS cover_image_id
  FROM gigs g
  JOIN categories c ON c.id = g.category_id
  LEFT JOIN categories p ON p.id = c.parent_id
  JOIN users u ON u.id = g.seller_id
  WHERE (u.username, g.slug) IN (SELECT * FROM unnest($1::text[], $2::text[]))
    AND g.status = 'active' AND u.suspended_at IS NULL`;

/** The only place the catalog's SQL lives. */
export function createCatalogRepository(db: Queryable) {
  return {
    listCategories: () =>
      db.query<CategoryRow>(
        "SELECT id, slug, name, parent_id, position, description FROM categories ORDER BY position, slug",
      ),

    findSubcategoryBySlug: (slug: string) =>
      one<CategoryRow>(
        db,
        "SELECT id, slug, name, parent_id, position, description FROM categories WHERE slug = $1 AND parent_id IS NOT NULL",
        [slug],
      ),

    /** The gig's own row; `forUpdate` locks it for the rest of the transaction. */
    findGig: (id: string, { forUpdate = false } = {}) =>
      one<GigRow>(db, `SELECT ${GIG_COLUMNS} FROM gigs g WHERE g.id = $1${forUpdate ? " FOR UPDATE" : ""}`, [
        id,
      ]),

    async findViews(ids: readonly string[]): Promise<GigViewRow[]> {
      if (ids.length === 0) return [];
      const rows = await db.query<GigViewRow>(`${VIEW_SELECT} WHERE g.id = ANY($1::text[])`, [[...ids]]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    findView: async (id: string) => one<GigViewRow>(db, `${VIEW_SELECT} WHERE g.id = $1`, [id]),

    async takenSlugs(sellerId: string, base: string): Promise<Set<string>> {
      const rows = await db.query<{ slug: string }>(
        "SELECT slug FROM gigs WHERE seller_id = $1 AND (slug = $2 OR left(slug, length($2) + 1) = $2 || '-')",
        [sellerId, base],
      );
      return new Set(rows.map((r) => r.slug));
    },

    /** Inserts a draft; false when the seller already has a gig with this slug (a concurrent create). */
    async insertGig(gig: {
      id: string;
      sellerId: string;
      slug: string;
      title: string;
      description: string;
      categoryId: string;
      tags: string[];
      aiAssisted: boolean;
      packages: GigPackage[];
      extras: StoredExtra[];
      faq: GigRow["faq"];
      requirements: StoredRequirement[];
      currency: string;
      startingPrice: number;
      minDeliveryDays: number;
      now: Date;
    }): Promise<boolean> {
      const rows = await db.query(
        `INSERT INTO gigs (id, seller_id, slug, title, description, category_id, tags, status, ai_assisted,
           packages, extras, faq, requirements, currency, starting_price, min_delivery_days, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14, $15, $16, $16)
         ON CONFLICT (seller_id, slug) DO NOTHING RETURNING id`,
        [
          gig.id,
          gig.sellerId,
          gig.slug,
          gig.title,
          gig.description,
          gig.categoryId,
          gig.tags,
          gig.aiAssisted,
          JSON.stringify(gig.packages),
          JSON.stringify(gig.extras),
          JSON.stringify(gig.faq),
          JSON.stringify(gig.requirements),
          gig.currency,
          gig.startingPrice,
          gig.minDeliveryDays,
          gig.now,
        ],
      );
      return rows.length > 0;
    },

    /**
     * Writes the given columns. A new slug is written only when no other gig of the seller has it;
     * returns false when it collides (another edit took it meanwhile).
     */
    async updateGig(id: string, changes: GigChanges): Promise<boolean> {
      const sets: string[] = [];
      const params: unknown[] = [id, changes.slug ?? null];
      for (const [column, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        const isJson = JSON_COLUMNS.has(column);
        params.push(isJson ? JSON.stringify(value) : value);
        sets.push(`${column} = $${params.length}${isJson ? "::jsonb" : ""}`);
      }
      const rows = await db.query(
        `UPDATE gigs g SET ${sets.join(", ")} WHERE g.id = $1 AND ($2::text IS NULL OR NOT EXISTS (
           SELECT 1 FROM gigs o WHERE o.seller_id = g.seller_id AND o.slug = $2::text AND o.id <> g.id))
         RETURNING id`,
        params,
      );
      return rows.length > 0;
    },

    /** Locks the seller's row so that concurrent publishes of one seller count slots one at a time. */
    lockSeller: (sellerId: string) =>
      one<{ seller_level: SellerLevel | null }>(
        db,
        "SELECT seller_level FROM users WHERE id = $1 FOR UPDATE",
        [sellerId],
      ),

    async countLiveGigs(sellerId: string, statuses: readonly GigStatus[], exceptGigId: string) {
      const rows = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM gigs WHERE seller_id = $1 AND status = ANY($2::text[]) AND id <> $3",
        [sellerId, [...statuses], exceptGigId],
      );
      return rows[0]?.n ?? 0;
    },

    async replaceImages(gigId: string, fileIds: readonly string[]): Promise<void> {
      await db.query("DELETE FROM gig_images WHERE gig_id = $1", [gigId]);
      for (const [position, fileId] of fileIds.entries()) {
        await db.query("INSERT INTO gig_images (gig_id, file_id, position) VALUES ($1, $2, $3)", [
          gigId,
          fileId,
          position,
        ]);
      }
    },

    findUserByUsername: (username: string) =>
      one<{ id: string; is_seller: boolean; suspended_at: Date | null }>(
        db,
        "SELECT id, is_seller, suspended_at FROM users WHERE username = $1",
        [username],
      ),

    /** A seller's active gigs, most recently published first. */
    listActiveBySeller: (sellerId: string, after: { at: Date; id: string } | undefined, limit: number) =>
      db.query<GigViewRow>(
        `${VIEW_SELECT} WHERE g.seller_id = $1 AND g.status = 'active'
           AND ($2::timestamptz IS NULL OR (g.published_at, g.id) < ($2::timestamptz, $3::text))
         ORDER BY g.published_at DESC, g.id DESC LIMIT $4`,
        [sellerId, after?.at ?? null, after?.id ?? "", limit],
      ),

    /** The seller's own gigs of every status but archived, most recently changed first. */
    listMine: (
      sellerId: string,
      status: GigStatus | undefined,
      after: { at: Date; id: string } | undefined,
      limit: number,
    ) =>
      db.query<GigViewRow>(
        `${VIEW_SELECT} WHERE g.seller_id = $1 AND g.status <> 'archived'
           AND ($2::text IS NULL OR g.status = $2::text)
           AND ($3::timestamptz IS NULL OR (g.updated_at, g.id) < ($3::timestamptz, $4::text))
         ORDER BY g.updated_at DESC, g.id DESC LIMIT $5`,
        [sellerId, status ?? null, after?.at ?? null, after?.id ?? "", limit],
      ),

    /** Gigs by their public addresses: pairs of the seller's username and the gig's slug. */
    findViewsBySellerSlugs: (usernames: readonly string[], slugs: readonly string[]) =>
      db.query<GigViewRow>(
        `${VIEW_SELECT} WHERE (u.username, g.slug) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [[...usernames], [...slugs]],
      ),

    /** Public gig pages by address (what anyone may see; others are not returned). */
    findPagesBySellerSlugs: (usernames: readonly string[], slugs: readonly string[]) =>
      db.query<GigPageRow>(PAGE_SELECT, [[...usernames], [...slugs]]),

    /** Active gigs of sellers in good standing in a category or its subcategories, most ordered first. */
    listActiveInCategory: (categorySlug: string, limit: number) =>
      db.query<GigViewRow>(
        `${VIEW_SELECT} WHERE g.status = 'active' AND u.suspended_at IS NULL AND (c.slug = $1 OR p.slug = $1)
         ORDER BY g.orders_completed DESC, g.id LIMIT $2`,
        [categorySlug, limit],
      ),

    /** How many gigs anyone may see (active, seller in good standing). */
    async countPublicGigs(): Promise<number> {
      const rows = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM gigs g JOIN users u ON u.id = g.seller_id
         WHERE g.status = 'active' AND u.suspended_at IS NULL`,
      );
      return rows[0]?.n ?? 0;
    },

    /** One slice of the public gigs' addresses, in a stable order (the gig id). */
    listPublicGigPaths: (offset: number, limit: number) =>
      db.query<{ username: string; slug: string; updated_at: Date }>(
        `SELECT u.username, g.slug, g.updated_at FROM gigs g JOIN users u ON u.id = g.seller_id
         WHERE g.status = 'active' AND u.suspended_at IS NULL
         ORDER BY g.id OFFSET $1 LIMIT $2`,
        [offset, limit],
      ),

    /** How many sellers have at least one public gig. */
    async countPublicSellers(): Promise<number> {
      const rows = await db.query<{ n: number }>(
        `SELECT count(DISTINCT g.seller_id)::int AS n FROM gigs g JOIN users u ON u.id = g.seller_id
         WHERE g.status = 'active' AND u.suspended_at IS NULL`,
      );
      return rows[0]?.n ?? 0;
    },

    /** One slice of those sellers' usernames, with their latest public gig change. */
    listPublicSellerPaths: (offset: number, limit: number) =>
      db.query<{ username: string; updated_at: Date }>(
        `SELECT u.username, max(g.updated_at) AS updated_at FROM gigs g JOIN users u ON u.id = g.seller_id
         WHERE g.status = 'active' AND u.suspended_at IS NULL
         GROUP BY u.id, u.username ORDER BY u.id OFFSET $1 LIMIT $2`,
        [offset, limit],
      ),

    /** Gigs waiting for an admin, the longest-waiting first. */
    listReviewQueue: (after: { at: Date; id: string } | undefined, limit: number) =>
      db.query<GigViewRow>(
        `${VIEW_SELECT} WHERE g.status = 'pending_review'
           AND ($1::timestamptz IS NULL OR (g.review_requested_at, g.id) > ($1::timestamptz, $2::text))
         ORDER BY g.review_requested_at, g.id LIMIT $3`,
        [after?.at ?? null, after?.id ?? "", limit],
      ),
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
