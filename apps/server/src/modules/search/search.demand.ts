import type { DemandQuery, DemandResult } from "@atelier/contracts";
import type { Queryable } from "../../db/client";
import { addDays, DAY_MS } from "../../platform/durations";
import type { SearchDeps } from "./search.deps";
import { createDemandRepository, type DemandRow } from "./search.demand-repository";

/** Entries the radar lists at most. */
const DEMAND_LIMIT = 100;

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const daysBefore = (at: Date, days: number) => dayOf(addDays(at, -days));

/** up/down when this week's searches differ from last week's by more than a fifth. */
export function trendOf(thisWeek: number, previousWeek: number): DemandResult["data"][number]["trend"] {
  const direction =
    previousWeek === 0
      ? thisWeek === 0
        ? "flat"
        : "new"
      : thisWeek > previousWeek * 1.2
        ? "up"
        : thisWeek < previousWeek * 0.8
          ? "down"
          : "flat";
  return { thisWeek, previousWeek, direction };
}

const toEntry = (r: DemandRow): DemandResult["data"][number] => ({
  query: r.query,
  category: r.category === "" ? null : r.category,
  categoryName: r.category === "" ? null : r.category_name,
  searches: r.searches,
  searchers: r.searchers,
  averageResults: Math.round(r.average_results * 10) / 10,
  trend: trendOf(r.this_week, r.previous_week),
});

/**
 * The demand radar (API.md section 14): searches that found few or no gigs, grouped by normalised
 * query (and the category they were made in), listed only when at least `demandMinSearchers`
 * distinct signed-in people made them. Reads the aggregate the job keeps (`aggregateDemand`).
 */
export async function demand(
  deps: Pick<SearchDeps, "db" | "clock" | "config">,
  query: DemandQuery,
): Promise<DemandResult> {
  const repo = createDemandRepository(deps.db);
  const now = deps.clock.now();
  const fromDay = daysBefore(now, query.days - 1);
  const rows = await repo.demand({
    fromDay,
    weekDay: daysBefore(now, 6),
    previousWeekDay: daysBefore(now, 13),
    category: query.category ?? null,
    minSearchers: deps.config.search.demandMinSearchers,
    limit: DEMAND_LIMIT,
  });
  const aggregatedAt = await repo.lastRun();
  return {
    data: rows.map(toEntry),
    period: { from: `${fromDay}T00:00:00.000Z`, to: now.toISOString() },
    aggregatedAt: aggregatedAt?.toISOString() ?? null,
  };
}

/**
 * The aggregation job's work: re-aggregates search_log from the day before the last aggregated day
 * (log rows arrive up to a few seconds late, so the last two days are recomputed), then deletes
 * search data older than the retention period (`logRetentionDays`, 90 by default). Idempotent.
 */
export async function aggregateDemand(
  deps: Pick<SearchDeps, "config">,
  q: Queryable,
  now: Date,
): Promise<void> {
  const repo = createDemandRepository(q);
  const resume = await repo.resumeDay();
  const retention = deps.config.search.logRetentionDays;
  const cutoff = addDays(now, -retention);
  if (resume !== null) {
    const from = new Date(Math.max(Date.parse(resume) - DAY_MS, cutoff.getTime()));
    await repo.aggregate(dayOf(from), deps.config.search.demandMaxResults);
  }
  await repo.purge(cutoff);
  await repo.markRun(now);
}
