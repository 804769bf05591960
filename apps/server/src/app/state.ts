import { createCatalogState } from "../modules/catalog/catalog.public";
import { createIdentityState } from "../modules/identity/identity.public";
import { createOrdersState } from "../modules/orders/orders.public";
import { createSearchState } from "../modules/search/search.public";
import type { AppDeps, AppState } from "../platform/deps";
import { createIdempotencyState } from "../platform/idempotency";
import { createSettingsState } from "../platform/settings";

/**
 * The modules' per-app state (batchers and loaders), made once per app here in the composition root.
 * A module that adds a member to `AppState` must add it here too, or this fails to compile.
 */
export function createAppState(deps: Omit<AppDeps, "state">): AppState {
  return {
    catalog: createCatalogState(deps),
    idempotency: createIdempotencyState(deps),
    identity: createIdentityState(deps),
    orders: createOrdersState(deps),
    search: createSearchState(),
    settings: createSettingsState(deps),
  };
}
