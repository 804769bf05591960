import type { Review, ReviewBody } from "@atelier/contracts";
import { decodeCursor, TimeIdCursor, toPage } from "../../platform/pagination";
import type { AppDeps } from "../../platform/deps";
import type { Queryable } from "../../db/client";
import { addSeconds } from "../../platform/clock";
import { conflict, forbidden, notFound, validationFailed } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { syncGigSearchDocument } from "../search/search.public";
import { createReviewsRepository, type ReviewRow } from "./reviews.repository";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "events" | "state">;

export interface Viewer {
  id: string;
  roles: readonly string[];
}

interface OrderFacts {
  id: string;
  gig_id: string;
  buyer_id: string;
  seller_id: string;
  status: string;
  completed_at: Date | null;
}

async function findOrder(q: Queryable, id: string): Promise<OrderFacts | undefined> {
  return createReviewsRepository(q).orderFacts(id);
}

export function toReview(r: ReviewRow): Review {
  return {
    id: r.id,
    orderId: r.order_id,
    gigId: r.gig_id,
    side: r.side,
    author: { username: r.author_username, displayName: r.author_display_name },
    rating: r.rating,
    communication: r.communication,
    serviceAsDescribed: r.service_as_described,
    recommend: r.recommend,
    comment: r.comment,
    createdAt: r.created_at.toISOString(),
    publishedAt: r.published_at?.toISOString() ?? null,
    response: r.response && r.response_at ? { text: r.response, at: r.response_at.toISOString() } : null,
  };
}

/**
 * Publishes the order's waiting reviews (both sides are in, or the reveal time came): from now on
 * they are public and final; buyer ratings join the gig's rating and the search index.
 */
export async function publishReviews(deps: Deps, tx: Queryable, orderId: string, at: Date): Promise<number> {
  const published = await createReviewsRepository(tx).publish(orderId, at);
  for (const r of published) {
    if (r.side === "buyer") {
      await createReviewsRepository(tx).addToGigRating(r.gig_id, r.rating);
      await syncGigSearchDocument(deps, tx, r.gig_id);
    }
    await deps.events.emit(
      tx,
      {
        type: "review.published",
        userIds: [r.subject_id],
        data: { reviewId: r.id, orderId, side: r.side, rating: r.rating },
      },
      at,
    );
  }
  return published.length;
}

/**
 * Writes the caller's review of a completed order, within the review window (14 days after
 * completion). Double-blind: it stays private until the other side has written too (then both are
 * published) or until the reveal time (10 days after completion). A review written at or after the
 * reveal time is published at once: the reveal job has already run, and nothing is left to hide.
 */
export async function writeReview(
  deps: Deps,
  { orderId, viewer, body }: { orderId: string; viewer: Viewer; body: ReviewBody },
): Promise<Review> {
  return deps.db.transaction(async (tx) => {
    const order = await findOrder(tx, orderId);
    const side = order?.buyer_id === viewer.id ? "buyer" : order?.seller_id === viewer.id ? "seller" : null;
    if (!order || !side) throw notFound("order");
    if (order.status !== "completed" || !order.completed_at) {
      throw conflict("Reviews open when the order is completed.", "invalid_transition");
    }
    const now = deps.clock.now();
    const closesAt = addSeconds(order.completed_at, deps.config.reviews.windowSeconds);
    if (now > closesAt) throw conflict("The review window of this order has closed.", "review_window_closed");
    if (side === "buyer") {
      const missing = (["communication", "serviceAsDescribed", "recommend"] as const).filter(
        (k) => body[k] === undefined,
      );
      if (missing.length > 0)
        throw validationFailed(missing.map((path) => ({ path, message: "is required" })));
    } else {
      const extra = (["communication", "serviceAsDescribed", "recommend"] as const).filter(
        (k) => body[k] !== undefined,
      );
      if (extra.length > 0)
        throw validationFailed(extra.map((path) => ({ path, message: "is only for the buyer's review" })));
    }
    const inserted = await createReviewsRepository(tx).insert({
      id: newId("rev"),
      order_id: order.id,
      gig_id: order.gig_id,
      side,
      author_id: viewer.id,
      subject_id: side === "buyer" ? order.seller_id : order.buyer_id,
      rating: body.rating,
      communication: body.communication ?? null,
      service_as_described: body.serviceAsDescribed ?? null,
      recommend: body.recommend ?? null,
      comment: body.comment,
      created_at: now,
    });
    if (!inserted) throw conflict("You have already reviewed this order.", "already_reviewed");
    const revealAt = addSeconds(order.completed_at, deps.config.reviews.revealSeconds);
    const both = await createReviewsRepository(tx).forOrder(order.id);
    if (both.length === 2 || now >= revealAt) await publishReviews(deps, tx, order.id, now);
    const mine = (await createReviewsRepository(tx).forOrder(order.id)).find((r) => r.side === side);
    if (!mine) throw new Error("review vanished");
    return toReview(mine);
  });
}

/** Published reviews of the order, plus the viewer's own review before publication; nothing else leaks. */
export async function orderReviews(deps: Deps, { orderId, viewer }: { orderId: string; viewer: Viewer }) {
  const order = await findOrder(deps.db, orderId);
  const isParty = order && (order.buyer_id === viewer.id || order.seller_id === viewer.id);
  if (!order || (!isParty && !viewer.roles.includes("admin"))) throw notFound("order");
  const rows = await createReviewsRepository(deps.db).forOrder(orderId);
  const visible = rows.filter((r) => r.published_at !== null || r.author_id === viewer.id);
  const now = deps.clock.now();
  const deadline = order.completed_at
    ? addSeconds(order.completed_at, deps.config.reviews.windowSeconds)
    : null;
  const revealAt = order.completed_at
    ? addSeconds(order.completed_at, deps.config.reviews.revealSeconds)
    : null;
  const canReview =
    !!isParty &&
    order.status === "completed" &&
    !!deadline &&
    now <= deadline &&
    !rows.some((r) => r.author_id === viewer.id);
  return {
    data: visible.map(toReview),
    canReview,
    reviewDeadline: deadline?.toISOString() ?? null,
    revealAt: revealAt?.toISOString() ?? null,
  };
}

/** The seller's one public reply to a published review of them. */
export async function respond(
  deps: Deps,
  { reviewId, viewer, text }: { reviewId: string; viewer: Viewer; text: string },
) {
  return deps.db.transaction(async (tx) => {
    const review = await createReviewsRepository(tx).find(reviewId);
    if (!review || review.published_at === null) throw notFound("review");
    if (review.subject_id !== viewer.id || review.side !== "buyer")
      throw forbidden("Only the reviewed seller can reply.");
    const ok = await createReviewsRepository(tx).respond(reviewId, text, deps.clock.now());
    if (!ok) throw conflict("You have already replied to this review.", "already_replied");
    const updated = await createReviewsRepository(tx).find(reviewId);
    if (!updated) throw new Error("review vanished");
    return toReview(updated);
  });
}

function summaryOf(s: Awaited<ReturnType<ReturnType<typeof createReviewsRepository>["summary"]>>) {
  const round = (v: number | null | undefined, digits = 2) =>
    v === null || v === undefined ? null : Number(v.toFixed(digits));
  return {
    average: round(s?.avg),
    count: s?.count ?? 0,
    breakdown: [s?.s1 ?? 0, s?.s2 ?? 0, s?.s3 ?? 0, s?.s4 ?? 0, s?.s5 ?? 0],
    communication: round(s?.comm),
    serviceAsDescribed: round(s?.sad),
    recommendPercent: round(s?.rec, 0),
  };
}

/** Revealed buyer reviews of a gig, newest first, with its rating breakdown. */
/**
 * A gig's published reviews, newest first, with their summary. Whether the viewer may see the gig at
 * all is the catalog's rule: its route checks it before calling this (reviews sit below the catalog).
 */
export async function gigReviews(
  deps: Deps,
  { gigId, limit, cursor }: { gigId: string; limit: number; cursor?: string },
) {
  const before = cursor ? decodeCursor(cursor, TimeIdCursor) : null;
  const rows = await createReviewsRepository(deps.db).publishedForGig(gigId, limit + 1, before);
  return {
    ...toPage(rows, limit, toReview, (last) =>
      last.published_at ? [last.published_at.toISOString(), last.id] : null,
    ),
    summary: summaryOf(await createReviewsRepository(deps.db).summary("gig", gigId)),
  };
}

/** A seller's revealed reviews and rating breakdown, for the profile page. */
export async function sellerReviews(deps: Deps, { username, limit }: { username: string; limit: number }) {
  const id = await createReviewsRepository(deps.db).activeUserId(username);
  if (!id) throw notFound("user");
  const rows = await createReviewsRepository(deps.db).publishedForSeller(id, limit);
  return {
    data: rows.map(toReview),
    summary: summaryOf(await createReviewsRepository(deps.db).summary("seller", id)),
  };
}

/** A seller's public rating (published buyer reviews). */
export async function sellerRating(q: Queryable, sellerId: string) {
  const s = await createReviewsRepository(q).summary("seller", sellerId);
  return {
    average: s?.avg === null || s?.avg === undefined ? null : Number(s.avg.toFixed(2)),
    count: s?.count ?? 0,
  };
}

/** On completion: schedule the reveal and count the completed order on the gig. */
export function subscribeReviewTimers(deps: Pick<AppDeps, "events" | "config" | "jobs" | "state">) {
  deps.events.subscribe("order.updated", async (tx, events, at) => {
    for (const event of events) {
      if (event.data.status !== "completed" || typeof event.data.orderId !== "string") continue;
      if (!["accept", "auto_complete", "resolve_complete", "resolve_split"].includes(String(event.data.kind)))
        continue;
      const orderId = event.data.orderId;
      await deps.jobs.schedule(
        tx,
        "reviews.reveal",
        {
          runAt: addSeconds(at, deps.config.reviews.revealSeconds),
          payload: { orderId },
          dedupeKey: `order:${orderId}:reveal`,
        },
        at,
      );
      const gigId = await createReviewsRepository(tx).countCompletedOrder(orderId);
      if (gigId) await syncGigSearchDocument(deps, tx, gigId);
    }
  });
}
