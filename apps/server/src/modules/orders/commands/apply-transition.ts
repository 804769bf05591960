import type { Queryable } from "../../../db/client";
import { recordAdminAction } from "../../../platform/audit";
import { addSeconds } from "../../../platform/clock";
import { conflict, forbidden, invalidTransition, notFound } from "../../../platform/errors";
import type { OrdersDeps } from "../orders.deps";
import { EFFECTS, type TransitionCtx, type TransitionInput } from "../orders.effects";
import { allowed, transition, type Actor, type TransitionName } from "../orders.lifecycle";
import { lateDueAt, orderUpdatedEvent, roleOf, type Viewer } from "../orders.models";
import { createOrdersRepository } from "../orders.repository";
import type { OrderRow } from "../orders.rows";

/** Checks that run before any effect writes; they decide whether the transition may happen at all. */
const GUARDS: Partial<Record<TransitionName, (ctx: TransitionCtx) => void>> = {
  request_revision: ({ order }) => {
    if (order.revisions_allowed !== null && order.revisions_used >= order.revisions_allowed) {
      throw conflict("No revisions are left on this order.", "no_revisions_left");
    }
  },
  late_cancel: (ctx) => {
    // An order paid in milestones is late on the milestone in progress (its own due time).
    const due = lateDueAt(ctx.order, ctx.milestones);
    const threshold = ctx.deps.config.orders.lateCancelAfterSeconds;
    if (!due || ctx.now < addSeconds(due, threshold)) {
      throw conflict("The order can be cancelled alone only once it is 24 hours late.", "not_late_enough");
    }
  },
  flag_late: (ctx) => {
    const due = ctx.order.due_at;
    if (
      ctx.order.is_late ||
      !due ||
      due.getTime() > ctx.now.getTime() ||
      (ctx.input.expected && due.toISOString() !== ctx.input.expected)
    ) {
      throw conflict("Not due.", "not_due");
    }
  },
  auto_complete: (ctx) => {
    if (ctx.input.expected && ctx.order.delivered_at?.toISOString() !== ctx.input.expected) {
      throw conflict("A newer delivery replaced this one.", "stale_timer");
    }
  },
};

/** Who takes the transition: the system, or the viewer in the role the transition admits. */
function actorOf(order: OrderRow, viewer: Viewer | "system", actors: readonly Actor[]) {
  if (viewer === "system") return { actor: "system" as const, actorId: null };
  const role = roleOf(order, viewer, actors);
  if (!role) throw notFound("order");
  return { actor: role, actorId: viewer.id };
}

/**
 * Applies one transition of the lifecycle table inside `tx`: lock the order, authorise the actor,
 * check the status and guards, run the row's effects in order (ledger postings, timers, records),
 * then compare-and-set the status, append the timeline event and emit `order.updated`.
 */
export async function applyTransition(
  deps: OrdersDeps,
  tx: Queryable,
  p: { orderId: string; name: TransitionName; viewer: Viewer | "system"; input?: TransitionInput; at?: Date },
): Promise<OrderRow> {
  const repo = createOrdersRepository(tx);
  const order = await repo.lockOrder(p.orderId);
  if (!order) throw notFound("order");
  const t = transition(p.name);
  const { actor, actorId } = actorOf(order, p.viewer, t.actors);
  if (!t.actors.includes(actor)) throw forbidden(`Only the ${t.actors.join(" or ")} can do this.`);
  const plan = order.milestone_count > 0 ? "milestones" : "single";
  if (t.plan && t.plan !== plan)
    throw conflict(
      plan === "milestones"
        ? "This order is paid in milestones: deliver, accept and revise each milestone."
        : "This order is not paid in milestones.",
      "milestone_order",
    );
  if (!allowed(p.name, actor, order.status))
    throw invalidTransition(order.status.replace("_", " "), p.name.replace(/_/g, " "));
  const ctx: TransitionCtx = {
    deps,
    tx,
    repo,
    transition: t,
    order,
    actor,
    actorId,
    now: p.at ?? deps.clock.now(),
    input: p.input ?? {},
    fields: {},
    eventData: {},
    ...(plan === "milestones" ? { milestones: await repo.listMilestones(order.id) } : {}),
  };
  GUARDS[p.name]?.(ctx);
  for (const effect of t.effects) await EFFECTS[effect](ctx);
  const fields = { ...ctx.fields, ...(t.to ? { status: t.to } : {}) };
  const changed = await repo.update(order.id, order.status, fields, ctx.now);
  if (!changed) throw invalidTransition(order.status, p.name);
  await repo.insertEvent({
    orderId: order.id,
    kind: p.name,
    actorId,
    actorRole: actor,
    data: { ...ctx.eventData, from: order.status, to: t.to ?? order.status },
    now: ctx.now,
  });
  // An admin's decision (a dispute resolved, an order cancelled or frozen) is an admin action.
  if (actor === "admin" && actorId) {
    await recordAdminAction(tx, {
      actorId,
      action: `order.${p.name}`,
      subject: { type: "order", id: order.id },
      reason: ctx.input.note ?? ctx.input.reason ?? null,
      at: ctx.now,
    });
  }
  const updated = await repo.findOrder(order.id);
  if (!updated) throw new Error("order vanished");
  await deps.events.emit(tx, orderUpdatedEvent(updated, p.name, actorId), ctx.now);
  return updated;
}
