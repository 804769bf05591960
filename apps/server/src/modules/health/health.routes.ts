import { HealthSchema } from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppDeps } from "../../platform/deps";

export function healthRoutes(deps: Pick<AppDeps, "db" | "config">) {
  return (app: FastifyInstance) => {
    app
      .withTypeProvider<ZodTypeProvider>()
      .get(
        "/api/health",
        { schema: { operationId: "health", tags: ["health"], response: { 200: HealthSchema } } },
        async () => {
          await deps.db.query("SELECT 1");
          return { status: "ok" as const, db: deps.db.kind, version: deps.config.version };
        },
      );
  };
}
