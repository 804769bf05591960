import type { Order } from "@atelier/contracts";
import type { OrdersDeps } from "../orders.deps";
import { roleOf, type Viewer } from "../orders.models";
import { createOrdersRepository } from "../orders.repository";
import { toOrderView } from "../orders.view";

/** Orders waiting for an admin's decision, oldest first. */
export async function listDisputed(
  deps: Pick<OrdersDeps, "db" | "clock" | "config">,
  { viewer }: { viewer: Viewer },
): Promise<Order[]> {
  const rows = await createOrdersRepository(deps.db).listByStatus("disputed", 100);
  const now = deps.clock.now();
  const out: Order[] = [];
  for (const row of rows) {
    if (roleOf(row, viewer, ["admin"])) out.push(await toOrderView(deps.db, row, "admin", deps, now));
  }
  return out;
}
