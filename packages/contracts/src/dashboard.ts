import { z } from "zod";
import { MoneySchema } from "./common";
import { LevelProgressSchema, SellerMetricsSchema } from "./reviews";

/** `GET /api/me/seller-dashboard`: the last 90 days of a seller's business, for the dashboard page. */
export const SellerDashboardSchema = z.object({
  metrics: SellerMetricsSchema,
  progress: LevelProgressSchema,
  ordersByStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  earningsByDay: z.array(z.object({ day: z.string(), amount: MoneySchema })),
  gigs: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.string(),
      impressions: z.number().int(),
      clicks: z.number().int(),
      orders: z.number().int(),
      clickRate: z.number().nullable(),
      conversion: z.number().nullable(),
    }),
  ),
});
export type SellerDashboard = z.infer<typeof SellerDashboardSchema>;
export type SellerDashboardGig = SellerDashboard["gigs"][number];
