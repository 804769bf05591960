import { z } from "zod";
import { IsoDateTime } from "./common";

/** The ranking factors of a gig's static rank (docs/search.md "Ranking"). */
export const RankingFactorNameSchema = z.enum(["rating", "orders", "seller_level"]);
export type RankingFactorName = z.infer<typeof RankingFactorNameSchema>;

export const RankingFactorSchema = z.object({
  name: RankingFactorNameSchema,
  /** The factor's input: the Bayesian average rating, completed orders, or the level's score (0–1). */
  value: z.number(),
  /** The value as a person reads it ("4.62 (31 reviews)", "Level 2"). */
  label: z.string(),
  /** Its weight in the rank, in points out of 100. */
  weight: z.number(),
  /** Points (out of 100) it adds to the gig's rank; the contributions sum to `score`. */
  contribution: z.number(),
  /** The value now minus the value seven days earlier. */
  changeFromPreviousWeek: z.number(),
  /** The contribution now minus the contribution seven days earlier. */
  contributionChange: z.number(),
});
export type RankingFactor = z.infer<typeof RankingFactorSchema>;

export const VisibilityWeekSchema = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  impressions: z.number().int(),
  clicks: z.number().int(),
  orders: z.number().int(),
  averagePosition: z.number().nullable(),
});
export type VisibilityWeek = z.infer<typeof VisibilityWeekSchema>;

/** `GET /api/gigs/:id/visibility` (the gig's owner, admins): why the gig ranks where it does. */
export const GigVisibilitySchema = z.object({
  gigId: z.string(),
  title: z.string(),
  /** Whether the gig is in search now (active, seller not suspended). */
  searchable: z.boolean(),
  /** The last seven days. */
  period: z.object({ from: IsoDateTime, to: IsoDateTime }),
  impressions: z.number().int(),
  clicks: z.number().int(),
  orders: z.number().int(),
  /** Mean 1-based position on first result pages; null when not shown on one. */
  averagePosition: z.number().nullable(),
  /** The static rank in points out of 100 (sum of the contributions); ties on text match are broken by it. */
  score: z.number(),
  factors: z.array(RankingFactorSchema),
  advice: z.array(z.string()),
  /** The last eight weeks, oldest first (the chart). */
  weeks: z.array(VisibilityWeekSchema),
});
export type GigVisibility = z.infer<typeof GigVisibilitySchema>;

export const GigVisibilityParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

/** `GET /api/insights/demand` */
export const DemandQuerySchema = z.strictObject({
  /** A category slug: searches filtered by it or by one of its subcategories. */
  category: z.string().min(1).max(100).optional(),
  days: z.coerce.number().int().min(1).max(90).default(30),
});
export type DemandQuery = z.infer<typeof DemandQuerySchema>;

export const DemandTrendSchema = z.object({
  thisWeek: z.number().int(),
  previousWeek: z.number().int(),
  direction: z.enum(["new", "up", "down", "flat"]),
});

export const DemandEntrySchema = z.object({
  query: z.string(),
  /** The category the buyers searched in (slug), null when they searched every category. */
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  searches: z.number().int(),
  /** Distinct signed-in people (at least the configured minimum, 5 by default). */
  searchers: z.number().int(),
  /** Mean number of gigs that matched every word. */
  averageResults: z.number(),
  trend: DemandTrendSchema,
});
export type DemandEntry = z.infer<typeof DemandEntrySchema>;

export const DemandResultSchema = z.object({
  data: z.array(DemandEntrySchema),
  period: z.object({ from: IsoDateTime, to: IsoDateTime }),
  /** Searches are aggregated by a job; data is as of this time (null before its first run). */
  aggregatedAt: IsoDateTime.nullable(),
});
export type DemandResult = z.infer<typeof DemandResultSchema>;
