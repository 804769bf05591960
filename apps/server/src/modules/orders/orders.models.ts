import type { OrdersConfig } from "../../platform/deps";
import { allowed, TRANSITION_NAMES, type Actor, type TransitionName } from "./orders.lifecycle";
import type { OrderRow, RequestRow } from "./orders.repository";

export interface Viewer {
  id: string;
  roles: readonly string[];
}

/**
 * The viewer's role on an order for a transition that `wanted` roles may take: a participant is the
 * buyer or the seller; an admin who is not a participant acts as admin. `null`: not theirs to see.
 */
export function roleOf(
  order: Pick<OrderRow, "buyer_id" | "seller_id">,
  viewer: Viewer,
  wanted: readonly Actor[],
): "buyer" | "seller" | "admin" | null {
  const isAdmin = viewer.roles.includes("admin");
  if (isAdmin && wanted.includes("admin") && !wanted.includes("buyer") && !wanted.includes("seller"))
    return "admin";
  if (order.buyer_id === viewer.id) return "buyer";
  if (order.seller_id === viewer.id) return "seller";
  return isAdmin ? "admin" : null;
}

/** The transitions the viewer may take now, with the cheap guards applied, for the order page. */
export function availableActions(
  order: OrderRow,
  role: "buyer" | "seller" | "admin",
  requests: readonly Pick<RequestRow, "kind" | "status" | "requested_by">[],
  viewerId: string,
  now: Date,
  config: OrdersConfig,
): string[] {
  const pending = (kind: RequestRow["kind"]) =>
    requests.find((r) => r.kind === kind && r.status === "pending");
  const cancellation = pending("cancellation");
  const extension = pending("extension");
  const checks: Partial<Record<TransitionName, () => boolean>> = {
    request_revision: () =>
      order.revisions_allowed === null || order.revisions_used < order.revisions_allowed,
    late_cancel: () =>
      order.due_at !== null && now.getTime() >= order.due_at.getTime() + config.lateCancelAfterSeconds * 1000,
    request_cancellation: () => !cancellation,
    accept_cancellation: () => !!cancellation && cancellation.requested_by !== viewerId,
    decline_cancellation: () => !!cancellation && cancellation.requested_by !== viewerId,
    request_extension: () => !extension,
    accept_extension: () => !!extension,
    decline_extension: () => !!extension,
    // Taken only by an admin's suspension of a party, never from the order page.
    suspend_dispute: () => false,
  };
  const actions: string[] = TRANSITION_NAMES.filter(
    (name) => allowed(name, role, order.status) && (checks[name]?.() ?? true),
  );
  if (role === "buyer" && order.status === "completed") actions.push("tip");
  return actions;
}
