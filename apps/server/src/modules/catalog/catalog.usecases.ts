import type {
  CategoryDetail,
  CategoryNode,
  CreateGigBody,
  Gig,
  GigCard,
  GigStatus,
  ModerationItem,
  MyGigCard,
  UpdateGigBody,
} from "@atelier/contracts";
import { recordAdminAction } from "../../platform/audit";
import type { AppDeps } from "../../platform/deps";
import { currentRules, shownRules } from "../../platform/settings";
import type { Queryable } from "../../db/client";
import { creditChanges } from "./catalog.credit";
import { notFound, validationFailed, type FieldError } from "../../platform/errors";
import type { DomainEvent } from "../../platform/events";
import { newId } from "../../platform/ids";
import { fileUrl, findOwnedFiles, IMAGE_TYPES, linkFiles, unlinkFiles } from "../files/files.public";
import { syncGigSearchDocument } from "../search/search.public";
import { gigIncomplete, gigInvalidTransition, gigLimitReached, gigNotFound } from "./catalog.errors";
import {
  canTransition,
  canView,
  currencyErrors,
  decodeCursor,
  encodeCursor,
  formatBytes,
  LIVE_STATUSES,
  missingForPublish,
  packageFigures,
  pickFreeSlug,
  slugify,
  toCategoryDetail,
  toCategoryTree,
  toGig,
  toGigCard,
  toMyGigCard,
  withIds,
  type FileUrls,
  type GigAction,
  type Viewer,
} from "./catalog.models";
import { findProhibitedTerm, moderate, moderationDigest, moderationReason } from "./catalog.moderation";
import { createCatalogRepository, type GigChanges, type GigRow, type GigViewRow } from "./catalog.repository";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "events" | "state">;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

const FILE_URLS: FileUrls = { url: (id, variant) => fileUrl(id, variant) };

/** How many times a create or an edit retries when a concurrent one took the slug it chose. */
const SLUG_ATTEMPTS = 5;

function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const parsed = decodeCursor(cursor);
  if (!parsed) throw validationFailed([{ path: "cursor", message: "is not a cursor this list gave out" }]);
  return parsed;
}

function pageOf<R, T>(
  rows: R[],
  limit: number,
  present: (row: R) => T,
  key: (row: R) => { at: Date; id: string },
) {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  const lastKey = more && last ? key(last) : undefined;
  return { data: kept.map(present), nextCursor: lastKey ? encodeCursor(lastKey.at, lastKey.id) : null };
}

/** The category, price-currency and other checks that need the database or the configuration. */
async function checkBody(
  deps: Deps,
  body: UpdateGigBody,
  q: Queryable,
): Promise<{ categoryId: string | undefined }> {
  const errors: FieldError[] = currencyErrors(body, deps.config.currency);
  let categoryId: string | undefined;
  if (body.categorySlug !== undefined) {
    const category = await createCatalogRepository(q).findSubcategoryBySlug(body.categorySlug);
    if (category) categoryId = category.id;
    else errors.push({ path: "categorySlug", message: "must be the slug of an existing subcategory" });
  }
  if (errors.length > 0) throw validationFailed(errors);
  return { categoryId };
}

/** Loads the gig for a change by its owner, locked; anyone else gets the same 404 as a missing gig. */
async function ownGigForUpdate(
  q: Queryable,
  gigId: string,
  userId: string,
  action: GigAction,
): Promise<GigRow> {
  const gig = await createCatalogRepository(q).findGig(gigId, { forUpdate: true });
  if (!gig || gig.seller_id !== userId) throw gigNotFound();
  if (!canTransition(action, gig.status)) throw gigInvalidTransition(gig.status, action);
  return gig;
}

async function viewOf(deps: Deps, q: Queryable, gigId: string, viewer: Viewer): Promise<Gig> {
  const row = await createCatalogRepository(q).findView(gigId);
  if (!row) throw gigNotFound();
  // Often inside the transaction that just wrote the gig: the rules are read through it.
  return toGig(row, viewer, FILE_URLS, (await currentRules(deps, q)).fees);
}

/** Writes the changes and refreshes the search document in the same transaction. */
async function saveGig(deps: Deps, q: Queryable, gigId: string, changes: GigChanges): Promise<boolean> {
  const saved = await createCatalogRepository(q).updateGig(gigId, changes);
  if (saved) await syncGigSearchDocument(deps, q, gigId);
  return saved;
}

// ---- categories ----

/** The category tree: top-level categories with their subcategories, in display order. */
export async function listCategories(deps: Deps): Promise<CategoryNode[]> {
  return toCategoryTree(await createCatalogRepository(deps.db).listCategories());
}

/** One category (top-level or sub) with its parent and children; 404 for an unknown slug. */
export async function getCategory(deps: Deps, { slug }: { slug: string }): Promise<CategoryDetail> {
  const rows = await createCatalogRepository(deps.db).listCategories();
  const category = rows.find((r) => r.slug === slug);
  if (!category) throw notFound("category");
  const parent = rows.find((r) => r.id === category.parent_id);
  return toCategoryDetail(
    category,
    parent,
    rows.filter((r) => r.parent_id === category.id),
  );
}

// ---- gigs: the seller's side ----

/**
 * Creates a draft gig for a seller. It may be saved before its description and packages exist (the
 * editor saves from its first step): such a draft has no price (0) and cannot be published yet. Extras and requirements without an id get one; the slug comes
 * from the title and is unique among the seller's gigs ("logo-design", "logo-design-2", …).
 */
export async function createGig(deps: Deps, { sellerId, body }: { sellerId: string; body: CreateGigBody }) {
  const { categoryId } = await checkBody(deps, body, deps.db);
  if (categoryId === undefined) throw validationFailed([{ path: "categorySlug", message: "is required" }]);
  const now = deps.clock.now();
  const id = newId("gig");
  const packages = body.packages ?? [];
  const figures = packageFigures(packages, deps.config.currency);
  const credit = creditChanges(body, undefined, figures.currency);
  if (credit.errors.length > 0) throw validationFailed(credit.errors);
  return deps.db.transaction(async (tx) => {
    const repo = createCatalogRepository(tx);
    const base = slugify(body.title);
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const slug = pickFreeSlug(base, await repo.takenSlugs(sellerId, base));
      const inserted = await repo.insertGig({
        id,
        sellerId,
        slug,
        title: body.title,
        description: body.description ?? "",
        categoryId,
        tags: body.tags,
        aiAssisted: body.aiAssisted,
        packages,
        extras: withIds(body.extras, () => newId("ext")),
        faq: body.faq,
        requirements: withIds(body.requirements, () => newId("req")),
        currency: figures.currency,
        startingPrice: figures.startingPrice,
        minDeliveryDays: figures.minDeliveryDays,
        now,
      });
      if (inserted) {
        await repo.updateGig(id, { ...credit.changes, updated_at: now });
        await syncGigSearchDocument(deps, tx, id);
        return viewOf(deps, tx, id, { userId: sellerId, isAdmin: false });
      }
    }
    throw new Error(`could not find a free slug for "${base}"`);
  });
}

/**
 * Edits a gig (owner only; anyone else gets 404). Lists given replace the stored ones. An active gig
 * is moderated again: text that hits the prohibited list sends it to review. A gig never published
 * follows its title with its slug; a published one keeps its slug so shared links stay valid.
 */
export async function updateGig(
  deps: Deps,
  { gigId, userId, body }: { gigId: string; userId: string; body: UpdateGigBody },
): Promise<Gig> {
  return deps.db.transaction(async (tx) => {
    const gig = await ownGigForUpdate(tx, gigId, userId, "edit");
    const { categoryId } = await checkBody(deps, body, tx);
    const credit = creditChanges(body, gig, body.packages?.[0]?.price.currency ?? gig.currency);
    if (credit.errors.length > 0) throw validationFailed(credit.errors);
    const now = deps.clock.now();
    const content = {
      title: body.title ?? gig.title,
      description: body.description ?? gig.description,
      tags: body.tags ?? gig.tags,
      packages: body.packages ?? gig.packages,
      extras: body.extras ?? gig.extras,
      faq: body.faq ?? gig.faq,
      requirements: body.requirements ?? gig.requirements,
    };
    const changes: GigChanges = {
      title: body.title,
      description: body.description,
      tags: body.tags,
      category_id: categoryId,
      ...credit.changes,
      faq: body.faq,
      extras: body.extras && withIds(body.extras, () => newId("ext")),
      requirements: body.requirements && withIds(body.requirements, () => newId("req")),
      updated_at: now,
    };
    if (body.packages) {
      const figures = packageFigures(body.packages, deps.config.currency);
      Object.assign(changes, {
        packages: body.packages,
        currency: figures.currency,
        starting_price: figures.startingPrice,
        min_delivery_days: figures.minDeliveryDays,
      });
    }
    if (gig.status === "active") {
      const verdict = moderate(
        (await currentRules(deps, tx)).prohibitedTerms,
        content,
        gig.moderation_cleared_hash,
      );
      if (verdict.status === "pending_review") {
        Object.assign(changes, {
          status: verdict.status,
          moderation_reason: verdict.reason,
          review_requested_at: now,
        });
      }
    } else if (gig.status === "pending_review") {
      // Still in the queue: the admin sees why the latest text was flagged.
      const hit = findProhibitedTerm((await currentRules(deps, tx)).prohibitedTerms, content);
      if (hit) changes.moderation_reason = moderationReason(hit);
    }

    const retitled = body.title !== undefined && body.title !== gig.title && gig.published_at === null;
    if (!retitled) {
      await saveGig(deps, tx, gigId, changes);
      return viewOf(deps, tx, gigId, { userId, isAdmin: false });
    }
    const base = slugify(content.title);
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const taken = await createCatalogRepository(tx).takenSlugs(userId, base);
      taken.delete(gig.slug);
      const slug = pickFreeSlug(base, taken);
      if (await saveGig(deps, tx, gigId, { ...changes, slug }))
        return viewOf(deps, tx, gigId, { userId, isAdmin: false });
    }
    throw new Error(`could not find a free slug for "${base}"`);
  });
}

/**
 * Publishes a draft, paused or denied gig: `active`, or `pending_review` when its text hits the
 * prohibited list (unless an admin already cleared this exact text). Active and in-review gigs count
 * against the seller level's limit; over it → 409 `gig_limit_reached`.
 */
export async function publishGig(
  deps: Deps,
  { gigId, userId }: { gigId: string; userId: string },
): Promise<Gig> {
  const { config, clock } = deps;
  return deps.db.transaction(async (tx) => {
    const repo = createCatalogRepository(tx);
    const gig = await ownGigForUpdate(tx, gigId, userId, "publish");
    const missing = missingForPublish(gig);
    if (missing.length > 0) throw gigIncomplete(missing);
    const seller = await repo.lockSeller(gig.seller_id);
    const level = seller?.seller_level ?? "new";
    const limit = config.catalog.activeGigLimits[level];
    const live = await repo.countLiveGigs(gig.seller_id, LIVE_STATUSES, gig.id);
    if (live >= limit) throw gigLimitReached(limit, level);

    const now = clock.now();
    const verdict = moderate(
      (await currentRules(deps, tx)).prohibitedTerms,
      gig,
      gig.moderation_cleared_hash,
    );
    await saveGig(
      deps,
      tx,
      gigId,
      verdict.status === "active"
        ? {
            status: "active",
            moderation_reason: null,
            published_at: gig.published_at ?? now,
            updated_at: now,
          }
        : {
            status: "pending_review",
            moderation_reason: verdict.reason,
            review_requested_at: now,
            updated_at: now,
          },
    );
    return viewOf(deps, tx, gigId, { userId, isAdmin: false });
  });
}

/** Takes an active gig out of the marketplace until it is published again. */
export async function pauseGig(
  deps: Deps,
  { gigId, userId }: { gigId: string; userId: string },
): Promise<Gig> {
  return deps.db.transaction(async (tx) => {
    await ownGigForUpdate(tx, gigId, userId, "pause");
    await saveGig(deps, tx, gigId, { status: "paused", updated_at: deps.clock.now() });
    return viewOf(deps, tx, gigId, { userId, isAdmin: false });
  });
}

/**
 * Archives a gig for good: it leaves the marketplace and the seller's lists. Orders already placed
 * keep their own copy of what was bought and are not touched.
 */
export async function archiveGig(
  deps: Deps,
  { gigId, userId }: { gigId: string; userId: string },
): Promise<Gig> {
  return deps.db.transaction(async (tx) => {
    await ownGigForUpdate(tx, gigId, userId, "archive");
    await saveGig(deps, tx, gigId, {
      status: "archived",
      review_requested_at: null,
      updated_at: deps.clock.now(),
    });
    return viewOf(deps, tx, gigId, { userId, isAdmin: false });
  });
}

/**
 * Sets the gallery: the order given is the display order and the first image is the cover. Every
 * file must be the seller's own upload, a JPEG, PNG or WebP image within the size limit.
 */
export async function setGigImages(
  deps: Deps,
  { gigId, userId, fileIds }: { gigId: string; userId: string; fileIds: string[] },
): Promise<Gig> {
  return deps.db.transaction(async (tx) => {
    await ownGigForUpdate(tx, gigId, userId, "edit");
    const owned = new Map((await findOwnedFiles(tx, userId, fileIds)).map((f) => [f.id, f]));
    const maxBytes = deps.config.catalog.maxImageBytes;
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    fileIds.forEach((id, i) => {
      const file = owned.get(id);
      const path = `fileIds.${i}`;
      if (seen.has(id)) errors.push({ path, message: "is listed twice" });
      else if (!file) errors.push({ path, message: "is not a file you uploaded" });
      else if (!IMAGE_TYPES.includes(file.contentType))
        errors.push({ path, message: "must be a JPEG, PNG or WebP image" });
      else if (file.size > maxBytes)
        errors.push({ path, message: `must be at most ${formatBytes(maxBytes)}` });
      seen.add(id);
    });
    if (errors.length > 0) throw validationFailed(errors);

    const now = deps.clock.now();
    const subject = { type: "gig", id: gigId } as const;
    await createCatalogRepository(tx).replaceImages(gigId, fileIds);
    await unlinkFiles(tx, subject, fileIds);
    if (fileIds.length > 0) await linkFiles(tx, fileIds, subject, now);
    await saveGig(deps, tx, gigId, { cover_file_id: fileIds[0] ?? null, updated_at: now });
    return viewOf(deps, tx, gigId, { userId, isAdmin: false });
  });
}

// ---- gigs: reading ----

/**
 * A gig as the viewer may see it: active gigs of sellers in good standing for everyone, any status
 * for the owner and admins. Anything else is a 404, whether or not it exists.
 */
export async function getGig(deps: Deps, { gigId, viewer }: { gigId: string; viewer: Viewer }): Promise<Gig> {
  const row = await createCatalogRepository(deps.db).findView(gigId);
  if (!row || !canView(viewer, row, row.seller_suspended_at !== null)) throw gigNotFound();
  return toGig(row, viewer, FILE_URLS, (await shownRules(deps)).fees);
}

/** Whether the viewer may see a gig (and so its gallery files and reviews): `canView` on its row. */
export async function canViewGig(q: Queryable, viewer: Viewer, gigId: string): Promise<boolean> {
  const row = await createCatalogRepository(q).findView(gigId);
  return row !== undefined && canView(viewer, row, row.seller_suspended_at !== null);
}

const publishedKey = (row: GigViewRow) => ({ at: row.published_at ?? row.created_at, id: row.id });

/** A seller's active gigs as cards, most recently published first. Unknown or suspended users → 404. */
export async function listSellerGigs(
  deps: Deps,
  { username, limit, cursor }: { username: string; limit: number; cursor?: string | undefined },
): Promise<Page<GigCard>> {
  const repo = createCatalogRepository(deps.db);
  const after = parseCursor(cursor);
  const user = await repo.findUserByUsername(username);
  if (!user || user.suspended_at) throw notFound("user");
  if (!user.is_seller) return { data: [], nextCursor: null };
  const rows = await repo.listActiveBySeller(user.id, after, limit + 1);
  const { fees } = await shownRules(deps);
  return pageOf(rows, limit, (r) => toGigCard(r, FILE_URLS, fees), publishedKey);
}

/** The caller's own gigs of every status but archived, most recently changed first. */
export async function listMyGigs(
  deps: Deps,
  {
    userId,
    status,
    limit,
    cursor,
  }: { userId: string; status?: GigStatus | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<MyGigCard>> {
  const after = parseCursor(cursor);
  const rows = await createCatalogRepository(deps.db).listMine(userId, status, after, limit + 1);
  const { fees } = await shownRules(deps);
  return pageOf(
    rows,
    limit,
    (r) => toMyGigCard(r, FILE_URLS, fees),
    (r) => ({ at: r.updated_at, id: r.id }),
  );
}

// ---- moderation (admins) ----

/** Gigs waiting for an admin's decision, the longest-waiting first. */
export async function listModerationQueue(
  deps: Deps,
  { viewer, limit, cursor }: { viewer: Viewer; limit: number; cursor?: string | undefined },
): Promise<Page<ModerationItem>> {
  const after = parseCursor(cursor);
  const rows = await createCatalogRepository(deps.db).listReviewQueue(after, limit + 1);
  const queuedAt = (r: GigViewRow) => r.review_requested_at ?? r.updated_at;
  const { fees } = await shownRules(deps);
  return pageOf(
    rows,
    limit,
    (r) => ({
      ...toGig(r, viewer, FILE_URLS, fees),
      reviewRequestedAt: queuedAt(r).toISOString(),
    }),
    (r) => ({ at: queuedAt(r), id: r.id }),
  );
}

async function decide(
  deps: Deps,
  {
    gigId,
    adminId,
    action,
    reason,
  }: { gigId: string; adminId: string; action: "approve" | "deny"; reason?: string },
  changes: (gig: GigRow, now: Date) => GigChanges,
  event?: (gig: GigRow) => DomainEvent,
): Promise<Gig> {
  return deps.db.transaction(async (tx) => {
    const gig = await createCatalogRepository(tx).findGig(gigId, { forUpdate: true });
    if (!gig) throw gigNotFound();
    if (!canTransition(action, gig.status)) throw gigInvalidTransition(gig.status, action);
    const now = deps.clock.now();
    await saveGig(deps, tx, gigId, {
      ...changes(gig, now),
      moderated_by: adminId,
      moderated_at: now,
      review_requested_at: null,
    });
    if (event) await deps.events.emit(tx, event(gig), now);
    await recordAdminAction(tx, {
      actorId: adminId,
      action: `gig.${action}`,
      subject: { type: "gig", id: gigId },
      reason: reason ?? null,
      at: now,
    });
    return viewOf(deps, tx, gigId, { userId: adminId, isAdmin: true });
  });
}

/**
 * An admin clears a gig in review: it goes live, and its current text is remembered as cleared so
 * that pausing and re-publishing it does not queue it again (editing the text does).
 */
export function approveGig(deps: Deps, { gigId, adminId }: { gigId: string; adminId: string }): Promise<Gig> {
  return decide(deps, { gigId, adminId, action: "approve" }, (gig, now) => ({
    status: "active",
    moderation_reason: null,
    moderation_cleared_hash: moderationDigest(gig),
    published_at: gig.published_at ?? now,
    updated_at: now,
  }));
}

/**
 * An admin refuses a gig in review, with a reason the seller sees; the seller may edit and publish
 * again. The seller is told (`gig.denied`: in the app, and by e-mail per their preferences).
 */
export function denyGig(
  deps: Deps,
  { gigId, adminId, reason }: { gigId: string; adminId: string; reason: string },
): Promise<Gig> {
  return decide(
    deps,
    { gigId, adminId, action: "deny", reason },
    (_gig, now) => ({
      status: "denied",
      moderation_reason: reason,
      updated_at: now,
    }),
    (gig) => ({
      type: "gig.denied",
      userIds: [gig.seller_id],
      data: { gigId: gig.id, gigTitle: gig.title, reason },
    }),
  );
}
