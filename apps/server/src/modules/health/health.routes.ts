import { timingSafeEqual } from "node:crypto";
import { HealthSchema } from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../platform/deps";
import { migrationFiles } from "../../db/migrate";
import { notFound, unauthenticated } from "../../platform/errors";
import { createHealthRepository } from "./health.repository";

const LiveSchema = z.object({ status: z.literal("ok") });
const CheckSchema = z.enum(["ok", "failing"]);
const ReadySchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({
    database: CheckSchema,
    migrations: CheckSchema,
    search: CheckSchema,
    accepting: CheckSchema,
  }),
});

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Liveness (`/api/health/live`: the process answers), readiness (`/api/health/ready`: database
 * reachable, every migration of this build applied, search tables readable, not shutting down; 503
 * otherwise), the older `/api/health`, and `GET /metrics` (Prometheus text).
 */
export function healthRoutes(deps: Pick<AppDeps, "db" | "config" | "clock" | "metrics">) {
  const repo = createHealthRepository(deps.db);
  return (app: FastifyInstance) => {
    let closing = false;
    app.addHook("preClose", async () => {
      closing = true;
    });

    deps.metrics.gauge(
      "atelier_job_queue_depth",
      "Scheduled jobs due and not yet done, by kind.",
      async () =>
        (await repo.jobQueue(deps.clock.now())).map((q) => ({ labels: { kind: q.kind }, value: q.depth })),
      ["kind"],
    );
    deps.metrics.gauge(
      "atelier_job_queue_oldest_age_seconds",
      "How long the oldest due job of each kind has waited.",
      async () =>
        (await repo.jobQueue(deps.clock.now())).map((q) => ({
          labels: { kind: q.kind },
          value: q.oldestSeconds,
        })),
      ["kind"],
    );
    deps.metrics.gauge("atelier_orders_placed", "Orders placed (all processes, all time).", async () => [
      { value: await repo.ordersPlaced() },
    ]);
    deps.metrics.gauge(
      "atelier_db_pool_connections",
      "Database connections of this process by state (PGlite: one, in process).",
      async () =>
        Object.entries(deps.db.poolStats?.() ?? { total: 1, idle: 0, waiting: 0 }).map(([state, value]) => ({
          labels: { state },
          value,
        })),
      ["state"],
    );

    const typed = app.withTypeProvider<ZodTypeProvider>();
    typed.get(
      "/api/health",
      { schema: { operationId: "health", tags: ["health"], response: { 200: HealthSchema } } },
      async () => {
        await repo.ping();
        return { status: "ok" as const, db: deps.db.kind, version: deps.config.version };
      },
    );
    typed.get(
      "/api/health/live",
      { schema: { operationId: "healthLive", tags: ["health"], response: { 200: LiveSchema } } },
      async () => ({ status: "ok" as const }),
    );
    typed.get(
      "/api/health/ready",
      {
        schema: {
          operationId: "healthReady",
          tags: ["health"],
          response: { 200: ReadySchema, 503: ReadySchema },
        },
      },
      async (_request, reply) => {
        const check = async (fn: () => Promise<boolean>) => {
          try {
            return (await fn()) ? ("ok" as const) : ("failing" as const);
          } catch {
            return "failing" as const;
          }
        };
        const database = await check(async () => (await repo.ping(), true));
        const migrations = await check(async () => {
          const applied = await repo.appliedMigrations();
          return (await migrationFiles()).every((f) => applied.has(f));
        });
        const search = await check(() => repo.searchDocuments());
        const checks = {
          database,
          migrations,
          search,
          accepting: closing ? ("failing" as const) : ("ok" as const),
        };
        const ready = Object.values(checks).every((c) => c === "ok");
        void reply.header("Cache-Control", "no-store");
        return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", checks });
      },
    );

    app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
      const token = deps.config.metricsToken;
      // Closed by default in production: without a token to guard it the endpoint does not exist.
      if (token === undefined && deps.config.production) throw notFound();
      if (token !== undefined) {
        const header = request.headers.authorization ?? "";
        const given = header.startsWith("Bearer ") ? header.slice(7) : "";
        if (!sameToken(given, token)) throw unauthenticated("A metrics token is required.");
      }
      const text = await deps.metrics.registry.metrics();
      return reply.header("Cache-Control", "no-store").type(deps.metrics.registry.contentType).send(text);
    });
  };
}
