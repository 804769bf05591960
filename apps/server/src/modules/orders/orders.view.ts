import type { Order } from "@atelier/contracts";
import type { Config } from "../../platform/deps";
import type { Queryable } from "../../db/client";
import { money } from "../../platform/money";
import { fileUrl } from "../files/files.public";
import { availableActions, lateDueAt, milestoneActions } from "./orders.models";
import { splitOrder } from "./orders.pricing";
import { createOrdersRepository, type OrdersRepository } from "./orders.repository";
import type { MilestoneRow, OrderRow } from "./orders.rows";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What an order's view needs beyond the order row. */
export interface OrderViewParts {
  users: { id: string; username: string; display_name: string }[];
  deliveries: {
    id: string;
    message: string;
    file_ids: string[];
    ai_use: "none" | "assisted" | "generated";
    ai_tools: string[];
    milestone_id?: string | null;
    created_at: Date;
  }[];
  /** The order's milestones in order (none for an order delivered as a whole). */
  milestones?: MilestoneRow[];
  requests: Awaited<ReturnType<OrdersRepository["listRequests"]>>;
  tips: {
    id: string;
    amount: number | string;
    service_fee: number | string;
    currency: string;
    created_at: Date;
  }[];
  files: { id: string; name: string; size: number | string }[];
}

/** The order as API.md section 4 shows it to one participant (or an admin). */
export async function toOrderView(
  q: Queryable,
  o: OrderRow,
  role: "buyer" | "seller" | "admin",
  deps: { config: Pick<Config, "orders"> },
  now: Date,
): Promise<Order> {
  // One query after another: `q` may be a transaction's single connection, which runs one query at a
  // time (node-postgres deprecates overlapping queries on one client; PGlite queues them anyway).
  const repo = createOrdersRepository(q);
  const users = await repo.users([o.buyer_id, o.seller_id]);
  const deliveries = await repo.listDeliveries(o.id);
  const requests = await repo.listRequests(o.id);
  const tips = await repo.listTips(o.id);
  const files = await repo.filesByIds(deliveries.flatMap((d) => d.file_ids));
  const milestones = o.milestone_count > 0 ? await repo.listMilestones(o.id) : [];
  return buildOrderView(o, { users, deliveries, requests, tips, files, milestones }, role, deps, now);
}

/** The view from rows in hand: a just-placed order has no deliveries, requests or tips to read. */
export function buildOrderView(
  o: OrderRow,
  { users, deliveries, requests, tips, files, milestones = [] }: OrderViewParts,
  role: "buyer" | "seller" | "admin",
  deps: { config: Pick<Config, "orders"> },
  now: Date,
): Order {
  const fileById = new Map(files.map((f) => [f.id, f]));
  const party = (id: string) => {
    const u = users.find((x) => x.id === id);
    return { username: u?.username ?? "", displayName: u?.display_name ?? "" };
  };
  const m = (amount: number) => money(amount, o.currency);
  const answers = new Map((o.requirement_answers ?? []).map((a) => [a.requirementId, a]));
  const viewerId = role === "buyer" ? o.buyer_id : role === "seller" ? o.seller_id : "";
  const autoCompleteAt =
    o.status === "delivered" && o.delivered_at
      ? new Date(o.delivered_at.getTime() + deps.config.orders.autoCompleteSeconds * 1000).toISOString()
      : null;
  return {
    id: o.id,
    status: o.status,
    isLate: isLate(o, milestones, now),
    gig: { id: o.gig_id, title: o.gig_title },
    tier: o.tier,
    package: { name: o.package.name, description: o.package.description, features: o.package.features },
    extras: o.extras.map((e) => ({
      id: e.id,
      title: e.title,
      price: m(e.price.amount),
      additionalDays: e.additionalDays,
    })),
    quantity: o.quantity,
    licence: {
      kind: o.licence_kind,
      status: o.licence_status,
      grantedAt: iso(o.licence_granted_at),
      revokedAt: iso(o.licence_revoked_at),
    },
    protectDeliveries: o.protect_deliveries,
    buyer: party(o.buyer_id),
    seller: party(o.seller_id),
    price: {
      subtotal: m(o.subtotal),
      serviceFee: m(o.service_fee),
      total: m(o.total),
      sellerEarnings: m(o.seller_earnings),
    },
    deliveryDays: o.delivery_days,
    revisionsAllowed: o.revisions_allowed,
    revisionsLeft: o.revisions_allowed === null ? null : Math.max(0, o.revisions_allowed - o.revisions_used),
    startedAt: iso(o.started_at),
    dueAt: iso(o.due_at),
    deliveredAt: iso(o.delivered_at),
    completedAt: iso(o.completed_at),
    cancelledAt: iso(o.cancelled_at),
    clearedAt: iso(o.cleared_at),
    clearsAt: iso(o.clears_at),
    autoCompleteAt,
    createdAt: o.created_at.toISOString(),
    requirements: o.requirements.map((r) => ({ ...r, answer: answers.get(r.id) ?? null })),
    requirementsSubmitted: o.requirement_answers !== null,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      message: d.message,
      files: d.file_ids.flatMap((id) => {
        const f = fileById.get(id);
        return f ? [{ id: f.id, name: f.name, size: Number(f.size), url: fileUrl(f.id) }] : [];
      }),
      aiUse: d.ai_use,
      aiTools: d.ai_tools,
      milestoneId: d.milestone_id ?? null,
      createdAt: d.created_at.toISOString(),
    })),
    milestones: milestones.map((ms) => ({
      id: ms.id,
      position: ms.position,
      title: ms.title,
      amount: m(ms.amount),
      sellerEarnings: m(ms.seller_earnings),
      deliveryDays: ms.delivery_days,
      status: ms.status,
      revisionsLeft:
        o.revisions_allowed === null ? null : Math.max(0, o.revisions_allowed - ms.revisions_used),
      startedAt: iso(ms.started_at),
      dueAt: iso(ms.due_at),
      deliveredAt: iso(ms.delivered_at),
      completedAt: iso(ms.completed_at),
      autoAcceptAt:
        ms.status === "delivered" && ms.delivered_at
          ? new Date(ms.delivered_at.getTime() + deps.config.orders.autoCompleteSeconds * 1000).toISOString()
          : null,
      clearsAt: iso(ms.clears_at),
      clearedAt: iso(ms.cleared_at),
      actions: milestoneActions(o, ms, role),
    })),
    requests: requests.map((r) => {
      const timeout =
        r.kind === "cancellation"
          ? deps.config.orders.cancellationAutoAcceptSeconds
          : deps.config.orders.extensionLapseSeconds;
      return {
        id: r.id,
        kind: r.kind,
        requestedBy: { username: r.requester },
        status: r.status,
        reason: r.reason,
        days: r.days,
        createdAt: r.created_at.toISOString(),
        resolvedAt: iso(r.resolved_at),
        expiresAt:
          r.status === "pending" ? new Date(r.created_at.getTime() + timeout * 1000).toISOString() : null,
      };
    }),
    cancellation: o.cancellation,
    dispute: o.dispute as Order["dispute"],
    resolution: resolutionView(o, deps),
    tips: tips.map((t) => ({
      id: t.id,
      amount: money(Number(t.amount), t.currency),
      serviceFee: money(Number(t.service_fee), t.currency),
      total: money(Number(t.amount) + Number(t.service_fee), t.currency),
      createdAt: t.created_at.toISOString(),
    })),
    viewerRole: role,
    actions: availableActions(o, role, requests, viewerId, now, deps.config.orders, milestones),
  };
}

/**
 * Late: past the due time and not delivered. An order paid in milestones is late while the
 * milestone in progress is past its own due time (`lateDueAt`); the order's `is_late` flag (set at
 * the whole plan's due time) does not make it late while a delivered milestone awaits acceptance.
 */
function isLate(o: OrderRow, milestones: readonly MilestoneRow[], now: Date): boolean {
  if (o.milestone_count > 0) {
    const due = lateDueAt(o, milestones);
    return due !== null && due <= now;
  }
  return o.is_late || (o.status === "in_progress" && o.due_at !== null && o.due_at <= now);
}

/**
 * The resolution with what each side got. Rows written before the amounts were stored derive them:
 * `complete` paid the seller's earnings, `cancel` refunded the total, and a split's refund is the
 * same allocation its ledger entry made (the order's earnings were overwritten with the split's).
 */
function resolutionView(o: OrderRow, deps: { config: Pick<Config, "orders"> }): Order["resolution"] {
  const r = o.resolution;
  if (!r) return null;
  const m = (amount: number) => money(amount, o.currency);
  const derivedRefund =
    r.outcome === "complete"
      ? 0
      : r.outcome === "cancel"
        ? o.total
        : splitOrder(
            { subtotal: m(o.subtotal), serviceFee: m(o.service_fee) },
            r.buyerRefundPercent ?? 0,
            o.rules?.fees ?? deps.config.orders.fees,
          ).buyerRefund.amount;
  return {
    outcome: r.outcome,
    buyerRefundPercent: r.buyerRefundPercent,
    note: r.note ?? null,
    buyerRefund: m(r.buyerRefund ?? derivedRefund),
    sellerEarnings: m(r.sellerEarnings ?? (r.outcome === "cancel" ? 0 : o.seller_earnings)),
    at: r.at,
  };
}
