import type { GigVisibility } from "@atelier/contracts";
import { notFound } from "../../platform/errors";
import type { SearchDeps } from "./search.deps";
import type { RankingInputs } from "./search.ranking";
import { createVisibilityRepository } from "./search.visibility-repository";
import {
  bucketWeeks,
  factorsWithChange,
  scorePoints,
  visibilityAdvice,
  weekBounds,
} from "./search.visibility.models";

/** Weeks in the report's chart. */
const CHART_WEEKS = 8;

/**
 * A gig's visibility report (API.md section 14): the last seven days' impressions, clicks, orders and
 * average position, each ranking factor (computed by the function the stored rank comes from) with
 * its change since seven days ago, and advice. The owner and admins only; 404 to anyone else.
 */
export async function gigVisibility(
  deps: Pick<SearchDeps, "db" | "clock">,
  { gigId, viewer }: { gigId: string; viewer: { id: string; admin: boolean } },
): Promise<GigVisibility> {
  const repo = createVisibilityRepository(deps.db);
  const now = deps.clock.now();
  const bounds = weekBounds(now, CHART_WEEKS);
  const current = bounds[bounds.length - 1]!;
  const gig = await repo.gig(gigId, current.from);
  if (!gig || (gig.seller_id !== viewer.id && !viewer.admin)) throw notFound("gig");

  const inputs: RankingInputs = {
    ratingSum: gig.rating_sum,
    ratingCount: gig.rating_count,
    ordersCompleted: gig.orders_completed,
    level: gig.level,
  };
  const before: RankingInputs = {
    ratingSum: Math.max(0, gig.rating_sum - gig.recent_rating_sum),
    ratingCount: Math.max(0, gig.rating_count - gig.recent_rating_count),
    ordersCompleted: Math.max(0, gig.orders_completed - gig.recent_orders),
    level: gig.level_before ?? gig.level,
  };
  const weeks = bucketWeeks(bounds, await repo.days(gigId, bounds[0]!.from));
  const week = weeks[weeks.length - 1]!;
  const searchable = gig.quality !== null;
  return {
    gigId: gig.id,
    title: gig.title,
    searchable,
    period: { from: week.from, to: week.to },
    impressions: week.impressions,
    clicks: week.clicks,
    orders: week.orders,
    averagePosition: week.averagePosition,
    score: scorePoints(inputs),
    factors: factorsWithChange(inputs, before),
    advice: visibilityAdvice({ searchable, inputs, week, pageSize: 20 }),
    weeks,
  };
}
