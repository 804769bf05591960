import type { FastifyInstance } from "fastify";
import { healthRoutes } from "../modules/health/health.routes";
import { identityRoutes } from "../modules/identity/identity.routes";
import { testModeRoutes } from "../modules/test-mode/test-mode.routes";
import type { AppDeps } from "./deps";

/**
 * The composition root, one line per module: each module exports a routes factory taking the shared
 * dependencies, and may register scheduled-job handlers. Keep per-module wiring inside the module.
 */
export function registerModules(app: FastifyInstance, deps: AppDeps): void {
  void app.register(healthRoutes(deps));
  void app.register(identityRoutes(deps));
  if (deps.config.testMode && deps.testClock) void app.register(testModeRoutes(deps, deps.testClock));
}
