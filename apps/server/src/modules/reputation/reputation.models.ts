import type { SellerLevel, SellerMetrics } from "@atelier/contracts";

/** The bar of each level (PRODUCT.md), as configuration. Amounts in minor units, rates 0..1. */
export interface LevelBar {
  daysAsSeller: number;
  completedOrders: number;
  earnings: number;
  rating: number;
  responseRate: number;
  completionRate: number;
  onTimeRate: number;
  needsApproval: boolean;
}

export type LevelRules = Record<Exclude<SellerLevel, "new">, LevelBar>;

const quality = { rating: 4.7, responseRate: 0.9, completionRate: 0.9, onTimeRate: 0.9 };

export const DEFAULT_LEVEL_RULES: LevelRules = {
  level_1: { daysAsSeller: 60, completedOrders: 10, earnings: 40000, ...quality, needsApproval: false },
  level_2: { daysAsSeller: 120, completedOrders: 50, earnings: 200000, ...quality, needsApproval: false },
  top_rated: { daysAsSeller: 180, completedOrders: 100, earnings: 2000000, ...quality, needsApproval: true },
};

export const LEVEL_ORDER: readonly SellerLevel[] = ["new", "level_1", "level_2", "top_rated"];

export interface Requirement {
  key: string;
  label: string;
  met: boolean;
  current: string;
  needed: string;
}

const pct = (v: number | null) => (v === null ? "no data" : `${Math.round(v * 100)}%`);
const usd = (minor: number) => (minor / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });

/**
 * What a seller meets and misses of one level's bar. A rate with no data (no messages to answer,
 * no orders yet) counts as met: nothing went wrong; the order and earnings bars still hold them back.
 */
export function requirementsFor(bar: LevelBar, m: SellerMetrics): Requirement[] {
  const rate = (v: number | null, min: number) => v === null || v >= min;
  return [
    {
      key: "daysAsSeller",
      label: "Days as a seller",
      met: m.daysAsSeller >= bar.daysAsSeller,
      current: String(m.daysAsSeller),
      needed: String(bar.daysAsSeller),
    },
    {
      key: "completedOrders",
      label: "Completed orders (60 days)",
      met: m.completedOrders >= bar.completedOrders,
      current: String(m.completedOrders),
      needed: String(bar.completedOrders),
    },
    {
      key: "earnings",
      label: "Earnings (60 days)",
      met: m.earnings.amount >= bar.earnings,
      current: usd(m.earnings.amount),
      needed: usd(bar.earnings),
    },
    {
      key: "rating",
      label: "Rating",
      met: m.rating !== null && m.rating >= bar.rating,
      current: m.rating === null ? "no reviews" : m.rating.toFixed(2),
      needed: bar.rating.toFixed(1),
    },
    {
      key: "responseRate",
      label: "Response rate",
      met: rate(m.responseRate, bar.responseRate),
      current: pct(m.responseRate),
      needed: pct(bar.responseRate),
    },
    {
      key: "completionRate",
      label: "Order completion",
      met: rate(m.completionRate, bar.completionRate),
      current: pct(m.completionRate),
      needed: pct(bar.completionRate),
    },
    {
      key: "onTimeRate",
      label: "On-time delivery",
      met: rate(m.onTimeRate, bar.onTimeRate),
      current: pct(m.onTimeRate),
      needed: pct(bar.onTimeRate),
    },
  ];
}

/**
 * The level a seller's metrics earn: the highest level whose every bar is met. Top Rated also needs
 * an admin's approval; a seller who meets its bar without one stays at Level 2 and is `eligible`.
 * The same rule demotes: when a metric drops below the current level's bar, the seller falls back.
 */
export function evaluateLevel(
  m: SellerMetrics,
  rules: LevelRules,
  approvedTopRated: boolean,
): { level: SellerLevel; topRatedEligible: boolean } {
  const meets = (l: Exclude<SellerLevel, "new">) => requirementsFor(rules[l], m).every((r) => r.met);
  const topRatedEligible = meets("top_rated");
  if (topRatedEligible && approvedTopRated) return { level: "top_rated", topRatedEligible };
  if (meets("level_2")) return { level: "level_2", topRatedEligible };
  if (meets("level_1")) return { level: "level_1", topRatedEligible };
  return { level: "new", topRatedEligible };
}

export function nextLevel(level: SellerLevel): Exclude<SellerLevel, "new"> | null {
  const i = LEVEL_ORDER.indexOf(level);
  const next = LEVEL_ORDER[i + 1];
  return next && next !== "new" ? next : null;
}
