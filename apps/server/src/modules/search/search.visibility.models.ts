import type { RankingFactor, VisibilityWeek } from "@atelier/contracts";
import { DAY_MS } from "../../platform/durations";
import { RANKING, rankingFactors, type RankingInputs, type SellerLevel } from "./search.ranking";
import type { VisibilityDayRow } from "./search.visibility-repository";

const LEVEL_NAMES: Record<SellerLevel, string> = {
  new: "New seller",
  level_1: "Level 1",
  level_2: "Level 2",
  top_rated: "Top Rated",
};
const NEXT_LEVEL: Record<SellerLevel, SellerLevel | null> = {
  new: "level_1",
  level_1: "level_2",
  level_2: "top_rated",
  top_rated: null,
};

/** Points out of 100, two decimals: how the report states scores. */
export const points = (share: number) => Math.round(share * 10_000) / 100;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The rank's score in points out of 100 (the stored quality is this × 10,000). */
export function scorePoints(inputs: RankingInputs): number {
  return points(rankingFactors(inputs).reduce((sum, f) => sum + f.contribution, 0));
}

/** Each ranking factor now, with its change since `before` (the same function the rank is stored from). */
export function factorsWithChange(now: RankingInputs, before: RankingInputs): RankingFactor[] {
  const previous = rankingFactors(before);
  return rankingFactors(now).map((f, i) => {
    const p = previous[i]!;
    const label =
      f.name === "rating"
        ? `${f.value.toFixed(2)} (${now.ratingCount} review${now.ratingCount === 1 ? "" : "s"})`
        : f.name === "orders"
          ? `${f.value} completed order${f.value === 1 ? "" : "s"}`
          : LEVEL_NAMES[now.level];
    const digits = f.name === "orders" ? 0 : 3;
    return {
      name: f.name,
      value: round(f.value, digits),
      label,
      weight: points(f.weight),
      contribution: points(f.contribution),
      changeFromPreviousWeek: round(f.value - p.value, digits),
      contributionChange: round(points(f.contribution) - points(p.contribution), 2),
    };
  });
}

/** The weeks of the chart: week 0 ends now, each starts at a UTC midnight seven days before the next. */
export function weekBounds(now: Date, weeks: number): { from: Date; to: Date }[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const out: { from: Date; to: Date }[] = [];
  for (let k = weeks - 1; k >= 0; k--) {
    const from = new Date(today - (7 * k + 6) * DAY_MS);
    const to = k === 0 ? now : new Date(today - (7 * k - 1) * DAY_MS);
    out.push({ from, to });
  }
  return out;
}

/** Sums the daily rows into the weeks. */
export function bucketWeeks(bounds: { from: Date; to: Date }[], days: VisibilityDayRow[]): VisibilityWeek[] {
  return bounds.map(({ from, to }) => {
    const lo = from.toISOString().slice(0, 10);
    const end = new Date(from.getTime() + 7 * DAY_MS).toISOString().slice(0, 10);
    const inWeek = days.filter((d) => d.day >= lo && d.day < end);
    const sum = (pick: (d: VisibilityDayRow) => number) => inWeek.reduce((s, d) => s + pick(d), 0);
    const ranked = sum((d) => d.ranked);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      impressions: sum((d) => d.impressions),
      clicks: sum((d) => d.clicks),
      orders: sum((d) => d.orders),
      averagePosition: ranked === 0 ? null : round(sum((d) => d.position_sum) / ranked, 1),
    };
  });
}

/** Concrete things the seller can do, from the factors and the week's figures (most useful first). */
export function visibilityAdvice(p: {
  searchable: boolean;
  inputs: RankingInputs;
  week: VisibilityWeek;
  pageSize: number;
}): string[] {
  const { inputs, week } = p;
  const gain = (changed: Partial<RankingInputs>) =>
    round(scorePoints({ ...inputs, ...changed }) - scorePoints(inputs), 2);
  const advice: string[] = [];
  if (!p.searchable) {
    advice.push("This gig is not in search: publish it (or resume it) so that buyers can find it.");
  }
  if (week.impressions === 0 && p.searchable) {
    advice.push(
      "Nobody was shown this gig in search this week. Search compares words first: put the words buyers type (see the demand radar) in the title and tags.",
    );
  } else if (week.averagePosition !== null && week.averagePosition > p.pageSize) {
    advice.push(
      `On average this gig appeared at position ${week.averagePosition}, after the first ${p.pageSize} results. A title holding every word of the searches you want ranks above gigs that have them only in tags or the description.`,
    );
  }
  if (week.impressions >= 100 && week.clicks / week.impressions < 0.01) {
    advice.push(
      `Shown ${week.impressions} times but opened ${week.clicks} times: a clearer cover image and a title that states the result help buyers choose it.`,
    );
  }
  if (week.clicks >= 20 && week.orders === 0) {
    advice.push(
      `Opened ${week.clicks} times without an order: check that the packages say what is delivered and that the starting price fits.`,
    );
  }
  if (inputs.ratingCount < RANKING.ratingPriorWeight) {
    advice.push(
      `With ${inputs.ratingCount} review${inputs.ratingCount === 1 ? "" : "s"} the rating is pulled toward ${RANKING.ratingPriorMean} until about ${RANKING.ratingPriorWeight} reviews; each 5-star review adds about ${gain({ ratingSum: inputs.ratingSum + 5, ratingCount: inputs.ratingCount + 1 })} points.`,
    );
  }
  const ordersGain = gain({ ordersCompleted: inputs.ordersCompleted + 10 });
  if (ordersGain > 0) {
    advice.push(`Ten more completed orders would add ${ordersGain} points.`);
  }
  const next = NEXT_LEVEL[inputs.level];
  if (next) {
    advice.push(
      `Reaching ${LEVEL_NAMES[next]} would add ${gain({ level: next })} points to every gig of yours.`,
    );
  }
  return advice;
}
