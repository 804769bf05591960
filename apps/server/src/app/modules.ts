import type { FastifyInstance } from "fastify";
import { catalogRoutes } from "../modules/catalog/catalog.routes";
import { filesRoutes } from "../modules/files/files.routes";
import { healthRoutes } from "../modules/health/health.routes";
import { identityRoutes } from "../modules/identity/identity.routes";
import { ordersRoutes } from "../modules/orders/orders.routes";
import { reputationRoutes } from "../modules/reputation/reputation.routes";
import { sellerProfileFigures } from "../modules/reputation/reputation.usecases";
import { reviewsRoutes } from "../modules/reviews/reviews.routes";
import { walletRoutes } from "../modules/wallet/wallet.routes";
import { createSearchEngine } from "../modules/search/search.engine";
import { searchRoutes } from "../modules/search/search.routes";
import { searchInsightsRoutes } from "../modules/search/search.insights.routes";
import { testModeRoutes } from "../modules/test-mode/test-mode.routes";
import { messagingRoutes } from "../modules/messaging/messaging.routes";
import { notificationsRoutes } from "../modules/notifications/notifications.routes";
import { orderTimelineRoutes } from "../modules/orders/orders.timeline.routes";
import { realtimeRoutes } from "../modules/realtime/realtime.routes";
import { adminRoutes } from "../modules/admin/admin.routes";
import { safetyRoutes } from "../modules/safety/safety.routes";
import { pagesRoutes } from "../modules/pages/pages.routes";
import type { AppDeps } from "../platform/deps";
import { credentialsRoutes } from "../modules/credentials/credentials.routes";
import { documentsRoutes } from "../modules/documents/documents.routes";
import { negotiationRoutes } from "../modules/negotiation/negotiation.routes";
import { offersPort } from "../modules/negotiation/negotiation.usecases";
import { seoRoutes } from "../modules/seo/seo.routes";

/**
 * The composition root, one line per module: each module exports a routes factory taking the shared
 * dependencies, and may register scheduled-job handlers. Keep per-module wiring inside the module.
 */
export function registerModules(app: FastifyInstance, deps: AppDeps): void {
  void app.register(healthRoutes(deps));
  void app.register(identityRoutes(deps, { sellerFigures: (userId) => sellerProfileFigures(deps, userId) }));
  void app.register(catalogRoutes(deps));
  void app.register(filesRoutes(deps));
  void app.register(ordersRoutes(deps, { offers: offersPort(deps) }));
  void app.register(walletRoutes(deps));
  void app.register(reviewsRoutes(deps));
  void app.register(reputationRoutes(deps));
  const search = createSearchEngine(deps);
  void app.register(searchRoutes(deps, search));
  void app.register(searchInsightsRoutes(deps));
  void app.register(messagingRoutes(deps));
  void app.register(notificationsRoutes(deps));
  void app.register(orderTimelineRoutes(deps));
  void app.register(realtimeRoutes(deps));
  void app.register(adminRoutes(deps));
  void app.register(safetyRoutes(deps));
  void app.register(pagesRoutes(deps));
  void app.register(credentialsRoutes(deps));
  void app.register(documentsRoutes(deps));
  void app.register(negotiationRoutes(deps, search.deps));
  void app.register(seoRoutes(deps));
  if (deps.config.testMode && deps.testClock) void app.register(testModeRoutes(deps, deps.testClock));
}
