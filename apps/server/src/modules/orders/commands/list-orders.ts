import type { Order } from "@atelier/contracts";
import { decodeCursor, TimeIdCursor, toPage, type Page } from "../../../platform/pagination";
import type { OrdersDeps } from "../orders.deps";
import type { Viewer } from "../orders.models";
import { createOrdersRepository } from "../orders.repository";
import { toOrderView } from "../orders.view";

/** A person's orders as buyer or as seller, newest first, a page at a time. */
export async function listOrders(
  deps: Pick<OrdersDeps, "db" | "clock" | "config">,
  p: { viewer: Viewer; role: "buyer" | "seller"; status?: string; limit: number; cursor?: string },
): Promise<Page<Order>> {
  const before = p.cursor ? decodeCursor(p.cursor, TimeIdCursor) : null;
  const rows = await createOrdersRepository(deps.db).listOrders({
    userId: p.viewer.id,
    role: p.role,
    status: p.status,
    limit: p.limit + 1,
    before,
  });
  const page = toPage(
    rows,
    p.limit,
    (row) => row,
    (last) => [last.created_at.toISOString(), last.id],
  );
  const now = deps.clock.now();
  const data: Order[] = [];
  for (const row of page.data) data.push(await toOrderView(deps.db, row, p.role, deps, now));
  return { data, nextCursor: page.nextCursor };
}
