import type { Order } from "@atelier/contracts";
import { validationFailed } from "../../../platform/errors";
import type { OrdersDeps } from "../orders.deps";
import type { Viewer } from "../orders.models";
import { createOrdersRepository } from "../orders.repository";
import { toOrderView } from "../orders.view";

/** A person's orders as buyer or as seller, newest first, a page at a time. */
export async function listOrders(
  deps: Pick<OrdersDeps, "db" | "clock" | "config">,
  p: { viewer: Viewer; role: "buyer" | "seller"; status?: string; limit: number; cursor?: string },
): Promise<{ data: Order[]; nextCursor: string | null }> {
  let before: { at: Date; id: string } | null = null;
  if (p.cursor) {
    const [at, id] = Buffer.from(p.cursor, "base64url").toString("utf8").split("|");
    const date = new Date(at ?? "");
    if (!id || Number.isNaN(date.getTime()))
      throw validationFailed([{ path: "cursor", message: "is not a valid cursor" }]);
    before = { at: date, id };
  }
  const rows = await createOrdersRepository(deps.db).listOrders({
    userId: p.viewer.id,
    role: p.role,
    status: p.status,
    limit: p.limit + 1,
    before,
  });
  const page = rows.slice(0, p.limit);
  const now = deps.clock.now();
  const data = [];
  for (const row of page) data.push(await toOrderView(deps.db, row, p.role, deps, now));
  const last = page.at(-1);
  const nextCursor =
    rows.length > p.limit && last
      ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString("base64url")
      : null;
  return { data, nextCursor };
}
