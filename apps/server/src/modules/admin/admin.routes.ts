import { AdminUsersPageSchema, AdminUsersQuerySchema } from "@atelier/contracts";
import { SuspensionResultSchema } from "@atelier/contracts/safety";
import { SuspendBodySchema } from "@atelier/contracts/safety";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { requireAdmin } from "../identity/identity.public";
import * as admin from "./admin.usecases";

const UserParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });
const ReinstateBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(2000).optional() });

/** People administration: search, suspension and reinstatement (admins only; 404 to everyone else). */
export function adminRoutes(deps: AppDeps) {
  return (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["admin"];

    r.get(
      "/api/admin/users",
      {
        schema: {
          operationId: "adminSearchUsers",
          tags,
          querystring: AdminUsersQuerySchema,
          response: { 200: AdminUsersPageSchema },
        },
      },
      async (request) => {
        requireAdmin(request);
        return admin.searchUsers(deps, { query: request.query });
      },
    );

    r.post(
      "/api/admin/users/:id/suspend",
      {
        schema: {
          operationId: "suspendUser",
          tags,
          description:
            "Suspends a user with a reason and the rule it applies, optionally until a date; written to the audit log.",
          params: UserParamsSchema,
          body: SuspendBodySchema,
          response: { 200: SuspensionResultSchema },
        },
      },
      async (request) => {
        const actor = requireAdmin(request);
        const { reason, rule, until } = request.body;
        return admin.suspendUser(deps, {
          admin: actor,
          userId: request.params.id,
          reason,
          rule,
          until: until === undefined ? undefined : new Date(until),
        });
      },
    );

    r.post(
      "/api/admin/users/:id/reinstate",
      {
        schema: {
          operationId: "reinstateUser",
          tags,
          params: UserParamsSchema,
          body: ReinstateBodySchema.nullish(),
          response: { 200: SuspensionResultSchema },
        },
      },
      async (request) =>
        admin.reinstateUser(deps, {
          admin: requireAdmin(request),
          userId: request.params.id,
          reason: request.body?.reason,
        }),
    );
  };
}
