import { LevelProgressSchema, MoneySchema, SellerMetricsSchema } from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { requireAdmin, requireSeller } from "../identity/identity.public";
import * as reputation from "./reputation.usecases";

export function reputationRoutes(deps: AppDeps) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["reputation"];

    r.get(
      "/api/me/seller-metrics",
      {
        schema: {
          operationId: "sellerMetrics",
          tags,
          response: { 200: z.object({ metrics: SellerMetricsSchema, progress: LevelProgressSchema }) },
        },
      },
      async (request) => reputation.levelProgress(deps, { userId: requireSeller(request).id }),
    );

    r.get(
      "/api/me/seller-dashboard",
      {
        schema: {
          operationId: "sellerDashboard",
          tags,
          response: {
            200: z.object({
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
            }),
          },
        },
      },
      async (request) => reputation.dashboard(deps, { userId: requireSeller(request).id }),
    );

    r.get(
      "/api/admin/top-rated-candidates",
      {
        schema: {
          operationId: "topRatedCandidates",
          tags: ["admin"],
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  id: z.string(),
                  username: z.string(),
                  displayName: z.string(),
                  level: z.string(),
                  eligibleSince: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        requireAdmin(request);
        const rows = await reputation.topRatedCandidates(deps);
        return {
          data: rows.map((u) => ({
            id: u.id,
            username: u.username,
            displayName: u.display_name,
            level: u.seller_level,
            eligibleSince: u.top_rated_eligible_at.toISOString(),
          })),
        };
      },
    );

    r.post(
      "/api/admin/users/:id/approve-top-rated",
      {
        schema: {
          operationId: "approveTopRated",
          tags: ["admin"],
          params: z.strictObject({ id: z.string().min(1).max(64) }),
          response: { 200: z.object({ level: z.string() }) },
        },
      },
      async (request) => {
        const admin = requireAdmin(request);
        return reputation.approveTopRated(deps, { adminId: admin.id, userId: request.params.id });
      },
    );
  };
}
