import type { Queryable } from "../../../db/client";
import { createOrdersRepository } from "../orders.repository";

/**
 * Whether `userId` may read files linked to the order: its buyer and its seller (the requirement
 * attachments one sent, the deliveries the other sent). Admins are admitted by the files module.
 */
export function canReadOrderFiles(db: Queryable, userId: string | null, orderId: string): Promise<boolean> {
  return userId === null ? Promise.resolve(false) : createOrdersRepository(db).isParticipant(orderId, userId);
}

/**
 * Whether `userId` gets the order's delivered images as watermarked previews: the buyer, while the
 * order is not completed, when the gig protected its deliveries at checkout (API.md section 12).
 */
export async function seesOrderPreviews(
  db: Queryable,
  userId: string | null,
  orderId: string,
): Promise<boolean> {
  if (userId === null) return false;
  const rows = await db.query<{ preview: boolean }>(
    `SELECT (protect_deliveries AND status <> 'completed' AND buyer_id = $2) AS preview FROM orders WHERE id = $1`,
    [orderId, userId],
  );
  return rows[0]?.preview ?? false;
}
