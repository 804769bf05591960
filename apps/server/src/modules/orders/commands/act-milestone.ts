import type { Order } from "@atelier/contracts";
import type { Queryable } from "../../../db/client";
import { forbidden, isAppError, notFound } from "../../../platform/errors";
import { runIdempotent, type IdempotentResult } from "../../../platform/idempotency";
import type { OrdersDeps } from "../orders.deps";
import { milestoneTransition, type MilestoneTransitionName } from "../orders.lifecycle";
import { applyMilestoneRow, type MilestoneInput } from "../orders.milestones";
import { orderUpdatedEvent, roleOf, type Viewer } from "../orders.models";
import { createOrdersRepository } from "../orders.repository";
import type { OrderRow } from "../orders.rows";
import { toOrderView } from "../orders.view";
import { applyTransition } from "./apply-transition";

/**
 * Applies one row of the milestone table to one milestone inside `tx`: lock the order (milestones
 * change under their order's lock, one at a time with the order's own transitions), authorise the
 * actor (strangers 404, the other party 403), run the row (`applyMilestoneRow`), and emit
 * `order.updated`. After the last milestone the row takes the order's `complete_milestones`.
 */
export async function applyMilestoneTransition(
  deps: OrdersDeps,
  tx: Queryable,
  p: {
    orderId: string;
    milestoneId: string;
    name: MilestoneTransitionName;
    viewer: Viewer | "system";
    input?: MilestoneInput;
    at?: Date;
  },
): Promise<OrderRow> {
  const repo = createOrdersRepository(tx);
  const order = await repo.lockOrder(p.orderId);
  if (!order) throw notFound("order");
  const t = milestoneTransition(p.name);
  let actor: "buyer" | "seller" | "admin" | "system" = "system";
  let actorId: string | null = null;
  if (p.viewer !== "system") {
    const role = roleOf(order, p.viewer, t.actors);
    if (!role) throw notFound("order");
    actor = role;
    actorId = p.viewer.id;
  }
  if (!t.actors.includes(actor)) throw forbidden(`Only the ${t.actors.join(" or ")} can do this.`);
  const milestones = order.milestone_count > 0 ? await repo.listMilestones(order.id) : [];
  const milestone = milestones.find((m) => m.id === p.milestoneId);
  if (!milestone) throw notFound("milestone");
  const now = p.at ?? deps.clock.now();
  await applyMilestoneRow(
    {
      deps,
      tx,
      repo,
      order,
      milestones,
      actor,
      actorId,
      now,
      input: p.input ?? {},
      completeOrder: async () => {
        await applyTransition(deps, tx, {
          orderId: order.id,
          name: "complete_milestones",
          viewer: "system",
          at: now,
        });
      },
    },
    milestone,
    p.name,
  );
  const updated = await repo.findOrder(order.id);
  if (!updated) throw new Error("order vanished");
  await deps.events.emit(tx, orderUpdatedEvent(updated, `milestone_${p.name}`, actorId), now);
  return updated;
}

/** A person's milestone transition in its own transaction; the order as that person sees it. */
async function actOnMilestone(
  deps: OrdersDeps,
  tx: Queryable,
  p: {
    orderId: string;
    milestoneId: string;
    name: MilestoneTransitionName;
    viewer: Viewer;
    input?: MilestoneInput;
  },
): Promise<Order> {
  const order = await applyMilestoneTransition(deps, tx, p);
  const role = roleOf(order, p.viewer, ["buyer", "seller", "admin"]);
  if (!role) throw notFound("order");
  return toOrderView(tx, order, role, deps, deps.clock.now());
}

/**
 * `POST /api/orders/:id/milestones/:mid/<deliveries|accept|revision-requests>`. Accepting moves
 * money; with an `Idempotency-Key` a retry replays the first answer (without one, a second accept
 * of the same milestone is 409 `invalid_transition`, and the release still happens once).
 */
export async function actMilestone(
  deps: OrdersDeps,
  p: {
    orderId: string;
    milestoneId: string;
    name: MilestoneTransitionName;
    viewer: Viewer;
    input?: MilestoneInput;
    idempotencyKey?: string;
  },
): Promise<IdempotentResult> {
  const { idempotencyKey, ...rest } = p;
  if (idempotencyKey === undefined) {
    const body = await deps.db.transaction((tx) => actOnMilestone(deps, tx, rest));
    return { status: 200, body, replayed: false };
  }
  return runIdempotent(
    deps,
    {
      userId: p.viewer.id,
      key: idempotencyKey,
      methodPath: `POST /api/orders/${p.orderId}/milestones/${p.milestoneId}/${p.name}`,
      params: p.input ?? {},
    },
    (save) =>
      deps.db.transaction(async (tx) => {
        const body = await actOnMilestone(deps, tx, rest);
        const response = { status: 200, body, json: JSON.stringify(body) };
        await save(tx, response);
        return response;
      }),
  );
}

/** The auto-accept timer of a milestone (scheduled work); a row that no longer applies is skipped. */
export async function runMilestoneTimer(
  deps: OrdersDeps,
  tx: Queryable,
  p: { orderId: string; milestoneId: string; name: MilestoneTransitionName; expected?: string; at: Date },
): Promise<boolean> {
  const repo = createOrdersRepository(tx);
  await repo.savepoint();
  try {
    await applyMilestoneTransition(deps, tx, {
      orderId: p.orderId,
      milestoneId: p.milestoneId,
      name: p.name,
      viewer: "system",
      input: p.expected ? { expected: p.expected } : {},
      at: p.at,
    });
    await repo.releaseSavepoint();
    return true;
  } catch (e) {
    if (isAppError(e) && e.status < 500) {
      await repo.rollbackToSavepoint();
      return false;
    }
    throw e;
  }
}
