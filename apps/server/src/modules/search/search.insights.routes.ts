import {
  DemandQuerySchema,
  DemandResultSchema,
  GigVisibilityParamsSchema,
  GigVisibilitySchema,
} from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppDeps } from "../../platform/deps";
import { isAdmin, requireSeller, requireUser } from "../identity/identity.public";
import { demand } from "./search.demand";
import { gigVisibility } from "./search.visibility";

/** What search tells sellers and admins: a gig's visibility report and the demand radar. */
export function searchInsightsRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      "/api/gigs/:id/visibility",
      {
        schema: {
          operationId: "getGigVisibility",
          tags: ["search"],
          params: GigVisibilityParamsSchema,
          response: { 200: GigVisibilitySchema },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return gigVisibility(deps, {
          gigId: request.params.id,
          viewer: { id: user.id, admin: isAdmin(user) },
        });
      },
    );

    r.get(
      "/api/insights/demand",
      {
        schema: {
          operationId: "getSearchDemand",
          tags: ["search"],
          querystring: DemandQuerySchema,
          response: { 200: DemandResultSchema },
        },
      },
      async (request) => {
        // Sellers and admins (an admin need not be a seller).
        if (!isAdmin(requireUser(request))) requireSeller(request);
        return demand(deps, request.query);
      },
    );
  };
}
