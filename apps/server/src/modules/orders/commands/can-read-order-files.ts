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
 * Whether `userId` gets the order's delivered images and PDFs as watermarked previews: the buyer,
 * while the order is not completed, when the gig protected its deliveries at checkout (API.md
 * section 12). The watermark names the gig and its seller.
 */
export async function seesOrderPreviews(
  db: Queryable,
  userId: string | null,
  orderId: string,
): Promise<{ label: string } | null> {
  if (userId === null) return null;
  const rows = await db.query<{ preview: boolean; gig_title: string; seller_name: string }>(
    `SELECT (o.protect_deliveries AND o.status <> 'completed' AND o.buyer_id = $2) AS preview,
            o.gig_title, u.display_name AS seller_name
     FROM orders o JOIN users u ON u.id = o.seller_id WHERE o.id = $1`,
    [orderId, userId],
  );
  const row = rows[0];
  return row?.preview ? { label: `${row.gig_title} by ${row.seller_name}` } : null;
}
