import { AdminUsersPageSchema, AdminUsersQuerySchema, SuspensionResultSchema } from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { requireAdmin } from "../identity/identity.public";
import * as admin from "./admin.usecases";

const UserParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

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
          params: UserParamsSchema,
          response: { 200: SuspensionResultSchema },
        },
      },
      async (request) => admin.suspendUser(deps, { admin: requireAdmin(request), userId: request.params.id }),
    );

    r.post(
      "/api/admin/users/:id/reinstate",
      {
        schema: {
          operationId: "reinstateUser",
          tags,
          params: UserParamsSchema,
          response: { 200: SuspensionResultSchema },
        },
      },
      async (request) => {
        requireAdmin(request);
        return admin.reinstateUser(deps, { userId: request.params.id });
      },
    );
  };
}
