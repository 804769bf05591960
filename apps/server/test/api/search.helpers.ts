import type { Db } from "../../src/db/client";
import { syncGigSearchDocument, syncSellerSearchDocuments } from "../../src/modules/search/search.indexer";
import type { AppState } from "../../src/platform/deps";
import { newId } from "../../src/platform/ids";
import { unique } from "../client";

export interface SellerOverrides {
  username?: string;
  displayName?: string;
  level?: "new" | "level_1" | "level_2" | "top_rated";
}

/** Inserts a seller straight into the database (no password, no profile: search needs neither). */
export async function buildSeller(
  db: Db,
  o: SellerOverrides = {},
): Promise<{ id: string; username: string }> {
  const id = newId("usr");
  const username = o.username ?? unique("seller");
  await db.query(
    `INSERT INTO users (id, email, username, display_name, password_hash, is_seller, seller_level, became_seller_at, created_at)
     VALUES ($1, $2, $3, $4, 'unusable', true, $5, now(), now())`,
    [id, `${username}@example.test`, username, o.displayName ?? "Sam Seller", o.level ?? "new"],
  );
  return { id, username };
}

export interface GigOverrides {
  title?: string;
  description?: string;
  category?: string;
  tags?: string[];
  price?: number;
  deliveryDays?: number;
  ratingSum?: number;
  ratingCount?: number;
  orders?: number;
  status?: string;
  publishedAt?: Date;
  aiUse?: "none" | "assisted" | "generated";
}

/**
 * Inserts a gig row the way the catalog stores it and syncs its search document in the same
 * transaction, as the catalog does. Defaults make a plain, unrated logo gig.
 */
/** A database and the app state whose index-write hub hears the writes (a test server's `deps`). */
export type SearchTestDeps = { db: Db; state: Pick<AppState, "search"> };

export async function buildGig(
  deps: SearchTestDeps,
  sellerId: string,
  o: GigOverrides = {},
): Promise<string> {
  const { db } = deps;
  const id = newId("gig");
  const title = o.title ?? "I will draw a simple emblem for you";
  const price = o.price ?? 5000;
  const days = o.deliveryDays ?? 3;
  const packages = [
    {
      tier: "basic",
      name: "Basic",
      description: "One concept",
      price: { amount: price, currency: "USD" },
      deliveryDays: days,
      revisions: 1,
      features: ["1 concept"],
    },
  ];
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO gigs (id, seller_id, slug, title, description, category_id, tags, status, packages, currency,
         starting_price, min_delivery_days, rating_sum, rating_count, orders_completed, published_at, created_at, updated_at,
         ai_use, ai_assisted)
       VALUES ($1, $2, $3, $4, $5, (SELECT id FROM categories WHERE slug = $6), $7, $8, $9::jsonb, 'USD', $10, $11, $12, $13, $14,
               $15, $15, $15, $16, $16 <> 'none')`,
      [
        id,
        sellerId,
        unique("slug"),
        title,
        o.description ??
          "A short description of the work that I deliver with care, on time and exactly to your brief, every single time.",
        o.category ?? "logo-design",
        o.tags ?? ["emblem"],
        o.status ?? "active",
        JSON.stringify(packages),
        price,
        days,
        o.ratingSum ?? 0,
        o.ratingCount ?? 0,
        o.orders ?? 0,
        o.publishedAt ?? new Date(),
        o.aiUse ?? "none",
      ],
    );
    await syncGigSearchDocument(deps, tx, id);
  });
  return id;
}

export async function setGigStatus(deps: SearchTestDeps, gigId: string, status: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.query("UPDATE gigs SET status = $2 WHERE id = $1", [gigId, status]);
    await syncGigSearchDocument(deps, tx, gigId);
  });
}

export async function suspendSeller(
  deps: SearchTestDeps,
  sellerId: string,
  suspended: boolean,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.query("UPDATE users SET suspended_at = CASE WHEN $2 THEN now() END WHERE id = $1", [
      sellerId,
      suspended,
    ]);
    await syncSellerSearchDocuments(deps, tx, sellerId);
  });
}
