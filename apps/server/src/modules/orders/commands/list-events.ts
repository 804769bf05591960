import { notFound } from "../../../platform/errors";
import type { OrdersDeps } from "../orders.deps";
import { roleOf, type Viewer } from "../orders.models";
import { createOrdersRepository } from "../orders.repository";

/** An order's timeline, oldest first, for its participants and admins. */
export async function listEvents(
  deps: Pick<OrdersDeps, "db">,
  { orderId, viewer }: { orderId: string; viewer: Viewer },
) {
  const repo = createOrdersRepository(deps.db);
  const order = await repo.findOrder(orderId);
  if (!order || !roleOf(order, viewer, ["buyer", "seller", "admin"])) throw notFound("order");
  const events = await repo.listEvents(orderId);
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    actor: { role: e.actor_role, username: e.username },
    data: e.data,
    createdAt: e.created_at.toISOString(),
  }));
}
