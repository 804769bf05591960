import { z } from "zod";
import { IsoDateTime } from "./common";
import { SellerLevelSchema } from "./identity";

const Stars = z.number().int().min(1).max(5);

export const BuyerReviewBodySchema = z.strictObject({
  rating: Stars,
  communication: Stars,
  serviceAsDescribed: Stars,
  recommend: z.boolean(),
  comment: z.string().trim().min(1).max(2000),
});
export const SellerReviewBodySchema = z.strictObject({
  rating: Stars,
  comment: z.string().trim().min(1).max(2000),
});
/** Either side's review; the server checks which fields the author's side needs. */
export const ReviewBodySchema = z.strictObject({
  rating: Stars,
  communication: Stars.optional(),
  serviceAsDescribed: Stars.optional(),
  recommend: z.boolean().optional(),
  comment: z.string().trim().min(1).max(2000),
});
export type ReviewBody = z.infer<typeof ReviewBodySchema>;

export const ReviewSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  gigId: z.string(),
  side: z.enum(["buyer", "seller"]),
  author: z.object({ username: z.string(), displayName: z.string() }),
  rating: z.number().int(),
  communication: z.number().int().nullable(),
  serviceAsDescribed: z.number().int().nullable(),
  recommend: z.boolean().nullable(),
  comment: z.string(),
  createdAt: IsoDateTime,
  /** null while the review waits for the other side (visible to its author only). */
  publishedAt: IsoDateTime.nullable(),
  response: z.object({ text: z.string(), at: IsoDateTime }).nullable(),
});
export type Review = z.infer<typeof ReviewSchema>;

export const ReviewSummarySchema = z.object({
  average: z.number().nullable(),
  count: z.number().int(),
  /** Count of reviews per star, index 0 = 1 star. */
  breakdown: z.array(z.number().int()).length(5),
  communication: z.number().nullable(),
  serviceAsDescribed: z.number().nullable(),
  recommendPercent: z.number().nullable(),
});

export const ReviewResponseBodySchema = z.strictObject({ text: z.string().trim().min(1).max(2000) });

export const OrderReviewsSchema = z.object({
  /** Published reviews of both sides, and the viewer's own review even before publication. */
  data: z.array(ReviewSchema),
  canReview: z.boolean(),
  reviewDeadline: IsoDateTime.nullable(),
  revealAt: IsoDateTime.nullable(),
});

export const SellerMetricsSchema = z.object({
  windowDays: z.number().int(),
  responseRate: z.number().nullable(),
  averageFirstResponseHours: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  completionRate: z.number().nullable(),
  rating: z.number().nullable(),
  ratingCount: z.number().int(),
  completedOrders: z.number().int(),
  earnings: z.object({ amount: z.number().int(), currency: z.string() }),
  uniqueBuyers: z.number().int(),
  daysAsSeller: z.number().int(),
});
export type SellerMetrics = z.infer<typeof SellerMetricsSchema>;

export const LevelRequirementSchema = z.object({
  key: z.string(),
  label: z.string(),
  met: z.boolean(),
  current: z.string(),
  needed: z.string(),
});

export const LevelProgressSchema = z.object({
  level: SellerLevelSchema,
  next: SellerLevelSchema.nullable(),
  requirements: z.array(LevelRequirementSchema),
  awaitingApproval: z.boolean(),
});
