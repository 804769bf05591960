import { encodeCursor as encodeKey, parseCursor, TimeIdCursor } from "../../platform/pagination";
import type {
  CategoryDetail,
  CategoryNode,
  CreateGigBody,
  Gig,
  GigCard,
  GigPackage,
  GigStatus,
  MyGigCard,
} from "@atelier/contracts";
import { GIG_LIMITS } from "@atelier/contracts";
import { type FieldError } from "../../platform/errors";
import { money, type Money } from "../../platform/money";
import { allIn, type FeeConfig } from "../orders/orders.public";
import type { CategoryRow, GigPageRow, GigRow, GigViewRow } from "./catalog.repository";
import { offeredLicences, type StoredLicence } from "./catalog.credit";

// ---- the gig lifecycle, as data ----

export type GigAction = "edit" | "publish" | "pause" | "archive" | "approve" | "deny";

/**
 * Which statuses each action may start from. `publish` ends in `active` or `pending_review`
 * (moderation decides); `edit` keeps the status except that moderation may hold an active gig.
 */
export const GIG_TRANSITIONS: Record<GigAction, { from: readonly GigStatus[]; to?: GigStatus }> = {
  edit: { from: ["draft", "active", "paused", "pending_review", "denied"] },
  publish: { from: ["draft", "paused", "denied"] },
  pause: { from: ["active"], to: "paused" },
  archive: { from: ["draft", "active", "paused", "pending_review", "denied"], to: "archived" },
  approve: { from: ["pending_review"], to: "active" },
  deny: { from: ["pending_review"], to: "denied" },
};

export const canTransition = (action: GigAction, from: GigStatus): boolean =>
  GIG_TRANSITIONS[action].from.includes(from);

/** Statuses that take one of the seller's active-gig slots. */
export const LIVE_STATUSES: readonly GigStatus[] = ["active", "pending_review"];

// ---- slugs ----

const SLUG_MAX = 60;

/** A URL slug from a title: ASCII lower case words joined by hyphens ("Logo Design" → "logo-design"). */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
  return slug === "" ? "gig" : slug;
}

/** The base slug, or the base with the smallest free `-N` suffix (N ≥ 2). */
export function pickFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

// ---- body checks the schema cannot make alone ----

/** Every price must be in the marketplace's currency (the schema knows only the shape). */
export function currencyErrors(
  body: { packages?: readonly { price: Money }[]; extras?: readonly { price: Money }[] },
  currency: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const message = `must be ${currency}, the marketplace currency`;
  body.packages?.forEach((p, i) => {
    if (p.price.currency !== currency) errors.push({ path: `packages.${i}.price.currency`, message });
  });
  body.extras?.forEach((e, i) => {
    if (e.price.currency !== currency) errors.push({ path: `extras.${i}.price.currency`, message });
  });
  return errors;
}

/** A byte count for messages: "5 MiB", "200 KiB", "1.5 MiB". */
export function formatBytes(bytes: number): string {
  const [unit, size] =
    bytes >= 1024 * 1024 ? ["MiB", 1024 * 1024] : bytes >= 1024 ? ["KiB", 1024] : ["bytes", 1];
  return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
}

/** Gives every item without an `id` a new one; ids the client sent are kept, so edits keep them stable. */
export function withIds<T extends { id?: string | undefined }>(
  items: readonly T[],
  newId: () => string,
): (T & { id: string })[] {
  return items.map((item) => ({ ...item, id: item.id ?? newId() }));
}

/** The figures kept beside the packages for cards, filters and sorting: the basic tier's. */
export function packageFigures(
  packages: readonly GigPackage[],
  currency: string,
): {
  startingPrice: number;
  minDeliveryDays: number;
  currency: string;
} {
  const [basic] = packages;
  // A draft saved before its pricing step has no packages yet: no price, no delivery time.
  if (!basic) return { startingPrice: 0, minDeliveryDays: 0, currency };
  return {
    startingPrice: basic.price.amount,
    minDeliveryDays: basic.deliveryDays,
    currency: basic.price.currency,
  };
}

/**
 * What a gig still lacks before it can be published. A draft may be saved from the editor's first
 * step, without a description or packages; every other state has them (edits never remove them).
 */
export function missingForPublish(gig: { description: string; packages: readonly unknown[] }): FieldError[] {
  const missing: FieldError[] = [];
  if (gig.packages.length === 0) missing.push({ path: "packages", message: "needs the basic package" });
  if (gig.description.trim().length < GIG_LIMITS.description.min) {
    missing.push({
      path: "description",
      message: `must be at least ${GIG_LIMITS.description.min} characters`,
    });
  }
  return missing;
}

export type StoredGigContent = Omit<
  CreateGigBody,
  "extras" | "requirements" | "categorySlug" | "description" | "packages"
> & {
  description: string;
  packages: GigPackage[];
  extras: (CreateGigBody["extras"][number] & { id: string })[];
  requirements: (CreateGigBody["requirements"][number] & { id: string })[];
};

// ---- presenters ----

/** Mean of ratings to two decimals; null before the first one. */
export function ratingSummary(sum: number, count: number): { average: number | null; count: number } {
  return { average: count > 0 ? Math.round((sum / count) * 100) / 100 : null, count };
}

export interface Viewer {
  userId: string | null;
  isAdmin: boolean;
}

export const isOwner = (viewer: Viewer, gig: Pick<GigRow, "seller_id">): boolean =>
  viewer.userId === gig.seller_id;

/**
 * Who may see a gig: anyone when it is active and its seller is not suspended; its owner and admins
 * in any status. Everyone else gets a 404, as if it did not exist.
 */
export function canView(
  viewer: Viewer,
  gig: Pick<GigRow, "seller_id" | "status">,
  sellerSuspended: boolean,
): boolean {
  if (viewer.isAdmin || isOwner(viewer, gig)) return true;
  return gig.status === "active" && !sellerSuspended;
}

export interface FileUrls {
  url(fileId: string, variant?: "thumb" | "card"): string;
}

export function toCategoryTree(rows: readonly CategoryRow[]): CategoryNode[] {
  const tops = rows.filter((r) => r.parent_id === null).sort((a, b) => a.position - b.position);
  return tops.map((top) => ({
    slug: top.slug,
    name: top.name,
    ...(top.description ? { description: top.description } : {}),
    children: rows
      .filter((r) => r.parent_id === top.id)
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ slug: c.slug, name: c.name })),
  }));
}

export function toCategoryDetail(
  category: CategoryRow,
  parent: CategoryRow | undefined,
  children: readonly CategoryRow[],
): CategoryDetail {
  return {
    slug: category.slug,
    name: category.name,
    ...(category.description ? { description: category.description } : {}),
    parent: parent ? { slug: parent.slug, name: parent.name } : null,
    children: [...children]
      .sort((a, b) => a.position - b.position)
      .map((c) => ({ slug: c.slug, name: c.name })),
  };
}

const startingPrice = (row: Pick<GigRow, "starting_price" | "currency">): Money =>
  money(row.starting_price, row.currency);

/** A package as shown to buyers: its price and what one unit of it costs with the service fee. */
function pricedPackage(
  pkg: GigPackage,
  licences: readonly StoredLicence[],
  fees: FeeConfig,
): Gig["packages"][number] {
  const { serviceFee, total } = allIn(pkg.price, fees);
  const licencesAllIn = licences.map((l) => ({
    kind: l.kind,
    total: allIn(money(pkg.price.amount + l.price.amount, pkg.price.currency), fees).total,
  }));
  return { ...pkg, serviceFee, priceAllIn: total, licencesAllIn };
}

export function toGig(row: GigViewRow, viewer: Viewer, files: FileUrls, fees: FeeConfig): Gig {
  const privileged = viewer.isAdmin || isOwner(viewer, row);
  const images = row.image_ids.map((fileId) => ({
    fileId,
    url: files.url(fileId),
    thumbUrl: files.url(fileId, "thumb"),
  }));
  const licences = offeredLicences(row.licences, row.currency);
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    title: row.title,
    description: row.description,
    category: {
      slug: row.category_slug,
      name: row.category_name,
      parent: row.parent_slug && row.parent_name ? { slug: row.parent_slug, name: row.parent_name } : null,
    },
    tags: row.tags,
    packages: row.packages.map((pkg) => pricedPackage(pkg, licences, fees)),
    extras: row.extras,
    faq: row.faq,
    requirements: row.requirements,
    aiAssisted: row.ai_use !== "none",
    licences: licences.map((l) => ({ kind: l.kind, price: money(l.price.amount, row.currency) })),
    aiUse: row.ai_use,
    aiTools: row.ai_tools,
    protectDeliveries: row.protect_deliveries,
    allowAiTraining: row.allow_ai_training,
    seller: {
      username: row.seller_username,
      displayName: row.seller_display_name,
      level: row.seller_level,
      rating: ratingSummary(row.seller_rating_sum, row.seller_rating_count),
      memberSince: row.seller_member_since.toISOString(),
      country: row.seller_country,
    },
    rating: ratingSummary(row.rating_sum, row.rating_count),
    ordersCompleted: row.orders_completed,
    images,
    coverImageUrl: images[0]?.url ?? null,
    startingPrice: startingPrice(row),
    startingPriceAllIn: allIn(startingPrice(row), fees).total,
    deliveryDays: row.min_delivery_days,
    moderationReason: privileged ? row.moderation_reason : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

/**
 * What a public gig page shows (the parts of `Gig` it reads, with the same values: a `Gig` is one).
 * Read and built for the page alone, so a page does not pay for the columns and prices it never shows.
 */
export interface GigPageView {
  slug: string;
  title: string;
  description: string;
  category: Gig["category"];
  packages: (GigPackage & { priceAllIn: Money })[];
  faq: Gig["faq"];
  seller: Pick<Gig["seller"], "username" | "displayName">;
  rating: Gig["rating"];
  coverImageUrl: string | null;
  startingPriceAllIn: Money;
  deliveryDays: number;
}

/** The page's part of `toGig` for nobody signed in (the row holds only gigs anyone may see). */
export function toGigPageView(row: GigPageRow, files: FileUrls, fees: FeeConfig): GigPageView {
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    category: {
      slug: row.category_slug,
      name: row.category_name,
      parent: row.parent_slug && row.parent_name ? { slug: row.parent_slug, name: row.parent_name } : null,
    },
    packages: row.packages.map((pkg) => ({ ...pkg, priceAllIn: allIn(pkg.price, fees).total })),
    faq: row.faq,
    seller: { username: row.seller_username, displayName: row.seller_display_name },
    rating: ratingSummary(row.rating_sum, row.rating_count),
    coverImageUrl: row.cover_image_id ? files.url(row.cover_image_id) : null,
    startingPriceAllIn: allIn(startingPrice(row), fees).total,
    deliveryDays: row.min_delivery_days,
  };
}

export function toGigCard(row: GigViewRow, files: FileUrls, fees: FeeConfig): GigCard {
  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    seller: { username: row.seller_username, displayName: row.seller_display_name, level: row.seller_level },
    startingPrice: startingPrice(row),
    startingPriceAllIn: allIn(startingPrice(row), fees).total,
    rating: ratingSummary(row.rating_sum, row.rating_count),
    deliveryDays: row.min_delivery_days,
    coverImageUrl: row.cover_file_id ? files.url(row.cover_file_id, "card") : null,
    aiUse: row.ai_use,
  };
}

export function toMyGigCard(row: GigViewRow, files: FileUrls, fees: FeeConfig): MyGigCard {
  return {
    ...toGigCard(row, files, fees),
    status: row.status,
    moderationReason: row.moderation_reason,
    ordersCompleted: row.orders_completed,
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

// ---- keyset cursors ----

/** An opaque cursor for keyset pagination over (timestamp, id): the platform's one codec. */
export function encodeCursor(at: Date, id: string): string {
  return encodeKey([at.toISOString(), id]);
}

export function decodeCursor(cursor: string): { at: Date; id: string } | undefined {
  return parseCursor(cursor, TimeIdCursor) ?? undefined;
}
