import type { OrderRules } from "../../platform/settings";
import type { OrdersConfig } from "../../platform/deps";
import type { DomainEvent } from "../../platform/events";
import { money } from "../../platform/money";
import {
  allowed,
  MILESTONE_TRANSITION_NAMES,
  MILESTONE_TRANSITIONS,
  TRANSITION_NAMES,
  TRANSITIONS,
  type Actor,
  type TransitionName,
} from "./orders.lifecycle";
import { resolutionShares, type ResolutionOutcome } from "./orders.pricing";
import type { MilestoneRow, OrderRow, RequestRow } from "./orders.rows";

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

/**
 * The due time lateness counts from (PRODUCT.md "Late: past the due time and not delivered"): an
 * order paid in milestones is late on the milestone in progress — its own due time; none while the
 * current milestone waits for the buyer's acceptance (delivered) or the order is not in progress.
 * Other orders: their own due time. `late_cancel` is allowed 24 hours after it; the page's `isLate`.
 */
export function lateDueAt(
  order: Pick<OrderRow, "milestone_count" | "due_at" | "status">,
  milestones: readonly Pick<MilestoneRow, "status" | "due_at">[] | undefined,
): Date | null {
  if (order.milestone_count === 0) return order.due_at;
  if (order.status !== "in_progress") return null;
  return milestones?.find((m) => m.status === "in_progress")?.due_at ?? null;
}

/** The transitions the viewer may take now, with the cheap guards applied, for the order page. */
export function availableActions(
  order: OrderRow,
  role: "buyer" | "seller" | "admin",
  requests: readonly Pick<RequestRow, "kind" | "status" | "requested_by">[],
  viewerId: string,
  now: Date,
  config: OrdersConfig,
  milestones: readonly Pick<MilestoneRow, "status" | "due_at">[] = [],
): string[] {
  const pending = (kind: RequestRow["kind"]) =>
    requests.find((r) => r.kind === kind && r.status === "pending");
  const cancellation = pending("cancellation");
  const extension = pending("extension");
  const checks: Partial<Record<TransitionName, () => boolean>> = {
    request_revision: () =>
      order.revisions_allowed === null || order.revisions_used < order.revisions_allowed,
    late_cancel: () => {
      const due = lateDueAt(order, milestones);
      return due !== null && now.getTime() >= due.getTime() + config.lateCancelAfterSeconds * 1000;
    },
    request_cancellation: () => !cancellation,
    accept_cancellation: () => !!cancellation && cancellation.requested_by !== viewerId,
    decline_cancellation: () => !!cancellation && cancellation.requested_by !== viewerId,
    request_extension: () => !extension,
    accept_extension: () => !!extension,
    decline_extension: () => !!extension,
    // Taken only by an admin's suspension of a party, never from the order page.
    suspend_dispute: () => false,
  };
  const plan = order.milestone_count > 0 ? "milestones" : "single";
  const actions: string[] = TRANSITION_NAMES.filter((name) => {
    const rowPlan: string | undefined = (TRANSITIONS[name] as { plan?: string }).plan;
    return (
      (rowPlan === undefined || rowPlan === plan) &&
      allowed(name, role, order.status) &&
      (checks[name]?.() ?? true)
    );
  });
  if (role === "buyer" && order.status === "completed") actions.push("tip");
  return actions;
}

/** The milestone rows the viewer may take on `milestone` now (by row name), for the order page. */
export function milestoneActions(
  order: OrderRow,
  milestone: MilestoneRow,
  role: "buyer" | "seller" | "admin",
): string[] {
  return MILESTONE_TRANSITION_NAMES.filter((name) => {
    const t = MILESTONE_TRANSITIONS[name];
    if (!(t.actors as readonly Actor[]).includes(role)) return false;
    if (!(t.orderFrom as readonly string[]).includes(order.status)) return false;
    if (!(t.from as readonly string[]).includes(milestone.status)) return false;
    if (name === "request_revision")
      return order.revisions_allowed === null || milestone.revisions_used < order.revisions_allowed;
    return true;
  });
}

/**
 * How long a seller's earnings wait in pending clearance: shorter for Top Rated sellers. `rules` are
 * those an order was placed under (or the rules now, for a tip); the configuration when there are none.
 */
export function clearingSeconds(
  config: { orders: OrdersConfig },
  sellerLevel: string | null,
  rules?: Pick<OrderRules, "clearingSeconds" | "topRatedClearingSeconds"> | null,
): number {
  const c = rules ?? config.orders;
  return sellerLevel === "top_rated" ? c.topRatedClearingSeconds : c.clearingSeconds;
}

/** What each side gets if an admin decides `outcome` on the order as paid (preview and ledger alike). */
export function sharesOf(
  config: { orders: OrdersConfig },
  o: OrderRow,
  outcome: ResolutionOutcome,
  buyerRefundPercent: number,
) {
  const m = (amount: number) => money(amount, o.currency);
  return resolutionShares(
    {
      subtotal: m(o.subtotal),
      serviceFee: m(o.service_fee),
      total: m(o.total),
      commission: m(o.commission),
      sellerEarnings: m(o.seller_earnings),
    },
    outcome,
    buyerRefundPercent,
    o.rules?.fees ?? config.orders.fees,
  );
}

/** `order.updated` to both parties, emitted in the transaction of the change (notifications, live pages). */
export function orderUpdatedEvent(order: OrderRow, kind: string, actorId: string | null = null): DomainEvent {
  return {
    type: "order.updated",
    userIds: [order.buyer_id, order.seller_id],
    data: {
      orderId: order.id,
      kind,
      status: order.status,
      actorId,
      gigTitle: order.gig_title,
      buyerId: order.buyer_id,
      sellerId: order.seller_id,
    },
  };
}
