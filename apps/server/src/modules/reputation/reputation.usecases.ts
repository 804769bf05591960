import type { SellerLevel, SellerMetrics } from "@atelier/contracts";
import { recordAdminAction } from "../../platform/audit";
import type { AppDeps } from "../../platform/deps";
import type { Queryable } from "../../db/client";
import { addDays, DAY_MS } from "../../platform/durations";
import { notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { money } from "../../platform/money";
import { syncSellerSearchDocuments } from "../search/search.public";
import { sellerRating } from "../reviews/reviews.usecases";
import { evaluateLevel, nextLevel, requirementsFor } from "./reputation.models";
import { createReputationRepository } from "./reputation.repository";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "events" | "state">;

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** A seller's metrics over the last `windowDays` (60 by default) at `now`. */
export async function sellerMetrics(
  deps: Pick<Deps, "config">,
  q: Queryable,
  sellerId: string,
  now: Date,
): Promise<SellerMetrics> {
  const windowDays = deps.config.reputation.windowDays;
  const since = addDays(now, -windowDays);
  const seller = await createReputationRepository(q).seller(sellerId);
  if (!seller) throw notFound("user");
  const [orders, deliveries, responses, ratings] = await Promise.all([
    createReputationRepository(q).orderFigures(sellerId, since, now),
    createReputationRepository(q).deliveryFigures(sellerId, since, now),
    createReputationRepository(q).responseFigures(sellerId, since, now),
    createReputationRepository(q).ratingFigures(sellerId, since, now),
  ]);
  const lateCancels = orders.seller_fault;
  return {
    windowDays,
    responseRate: ratio(responses.answered, responses.inquiries),
    averageFirstResponseHours:
      responses.avg_seconds === null ? null : Number((responses.avg_seconds / 3600).toFixed(2)),
    onTimeRate: ratio(deliveries.on_time, deliveries.delivered + lateCancels),
    completionRate: ratio(orders.completed, orders.completed + lateCancels),
    rating: ratings.avg === null ? null : Number(ratings.avg.toFixed(2)),
    ratingCount: ratings.count,
    completedOrders: orders.completed,
    earnings: money(Number(orders.earnings), deps.config.currency),
    uniqueBuyers: orders.buyers,
    daysAsSeller: seller.became_seller_at
      ? Math.floor((now.getTime() - seller.became_seller_at.getTime()) / DAY_MS)
      : 0,
  };
}

/**
 * Re-evaluates one seller's level at `at`; on a change, records it, notifies the seller
 * (`level.changed`) and updates the level on their search cards. Returns the new level.
 */
export async function evaluateSeller(
  deps: Deps,
  tx: Queryable,
  sellerId: string,
  at: Date,
): Promise<SellerLevel> {
  const seller = await createReputationRepository(tx).seller(sellerId);
  if (!seller?.is_seller) throw notFound("user");
  const metrics = await sellerMetrics(deps, tx, sellerId, at);
  const { level, topRatedEligible } = evaluateLevel(
    metrics,
    deps.config.reputation.levels,
    seller.top_rated_approved_at !== null,
  );
  const current = (seller.seller_level ?? "new") as SellerLevel;
  await createReputationRepository(tx).setLevel(sellerId, level, topRatedEligible ? at : null, at);
  if (level !== current) {
    const up =
      ["new", "level_1", "level_2", "top_rated"].indexOf(level) >
      ["new", "level_1", "level_2", "top_rated"].indexOf(current);
    const reason = up ? `Met every requirement of ${level}` : `A metric fell below the bar of ${current}`;
    await createReputationRepository(tx).recordChange({
      id: newId("evt"),
      userId: sellerId,
      from: current,
      to: level,
      reason,
      now: at,
    });
    await syncSellerSearchDocuments(deps, tx, sellerId);
    await deps.events.emit(
      tx,
      { type: "level.changed", userIds: [sellerId], data: { from: current, to: level, promoted: up } },
      at,
    );
  }
  return level;
}

/**
 * The daily evaluation of every seller, in the job's transaction (PGlite has one connection: a job
 * must never open a second transaction of its own).
 */
export async function evaluateAllSellers(deps: Deps, tx: Queryable, at: Date): Promise<number> {
  const ids = await createReputationRepository(tx).sellerIds();
  for (const { id } of ids) await evaluateSeller(deps, tx, id, at);
  return ids.length;
}

export async function scheduleNextEvaluation(
  deps: Pick<AppDeps, "clock" | "jobs">,
  q: Queryable,
  at: Date,
): Promise<void> {
  // From the clock, not from `at`: a long test-clock jump evaluates once, at its end.
  const next = addDays(deps.clock.now(), 1);
  await deps.jobs.schedule(
    q,
    "reputation.evaluate_levels",
    { runAt: next, payload: {}, dedupeKey: `levels:${next.toISOString()}` },
    at,
  );
}

/** An admin's approval of Top Rated, for a seller who meets its bar; the level follows at once. */
export async function approveTopRated(deps: Deps, { adminId, userId }: { adminId: string; userId: string }) {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    if (!(await createReputationRepository(tx).approveTopRated(userId, now))) throw notFound("user");
    const level = await evaluateSeller(deps, tx, userId, now);
    await recordAdminAction(tx, {
      actorId: adminId,
      action: "user.approve_top_rated",
      subject: { type: "user", id: userId },
      reason: `Level now ${level}`,
      at: now,
    });
    return { level };
  });
}

export async function topRatedCandidates(deps: Deps) {
  return createReputationRepository(deps.db).topRatedCandidates();
}

/** What the seller still needs for the next level ("what you still need for Level 1"). */
export async function levelProgress(deps: Deps, { userId }: { userId: string }) {
  const seller = await createReputationRepository(deps.db).seller(userId);
  if (!seller?.is_seller) throw notFound("seller profile");
  const metrics = await sellerMetrics(deps, deps.db, userId, deps.clock.now());
  const level = (seller.seller_level ?? "new") as SellerLevel;
  const next = nextLevel(level);
  const requirements = next ? requirementsFor(deps.config.reputation.levels[next], metrics) : [];
  return {
    metrics,
    progress: {
      level,
      next,
      requirements,
      awaitingApproval:
        next === "top_rated" && requirements.every((r) => r.met) && seller.top_rated_approved_at === null,
    },
  };
}

/** The seller dashboard: metrics, level progress, orders by status, earnings over time, per-gig funnel. */
export async function dashboard(deps: Deps, { userId }: { userId: string }) {
  const { metrics, progress } = await levelProgress(deps, { userId });
  const now = deps.clock.now();
  const since = addDays(now, -90);
  const [byStatus, earnings, gigs] = await Promise.all([
    createReputationRepository(deps.db).ordersByStatus(userId),
    createReputationRepository(deps.db).completedEarningsByDay(userId, since),
    createReputationRepository(deps.db).gigFunnel(userId, since),
  ]);
  return {
    metrics,
    progress,
    ordersByStatus: byStatus,
    earningsByDay: earnings.map((e) => ({
      day: e.day,
      amount: money(Number(e.amount), deps.config.currency),
    })),
    gigs: gigs.map((g) => ({
      ...g,
      clickRate: g.impressions === 0 ? null : Number((g.clicks / g.impressions).toFixed(4)),
      conversion: g.clicks === 0 ? null : Number((g.orders / g.clicks).toFixed(4)),
    })),
  };
}

/** A seller's figures on the public profile (`GET /api/users/:username`): rating and response time. */
export async function sellerProfileFigures(deps: Pick<Deps, "db" | "clock" | "config">, sellerId: string) {
  const [rating, metrics] = await Promise.all([
    sellerRating(deps.db, sellerId),
    sellerMetrics(deps, deps.db, sellerId, deps.clock.now()),
  ]);
  return {
    ratingAverage: rating.average,
    ratingCount: rating.count,
    responseTimeHours: metrics.averageFirstResponseHours,
  };
}
