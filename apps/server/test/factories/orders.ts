import type { Db } from "../../src/db/client";
import { newId } from "../../src/platform/ids";

/**
 * A completed order written straight into the tables (with its delivery and, optionally, a published
 * buyer review), for tests of metrics and levels that need many orders of chosen shape.
 */
export async function insertCompletedOrder(
  db: Db,
  o: {
    sellerId: string;
    buyerId: string;
    gigId: string;
    earnings: number;
    completedAt: Date;
    onTime?: boolean;
    rating?: number;
  },
): Promise<string> {
  const id = newId("ord");
  const due = new Date(o.completedAt.getTime() - 2 * 86400_000);
  const delivered = new Date(due.getTime() + (o.onTime === false ? 3600_000 : -3600_000));
  await db.query(
    `INSERT INTO orders (id, buyer_id, seller_id, gig_id, gig_title, tier, package, extras, quantity, currency, subtotal,
       service_fee, total, commission, seller_earnings, delivery_days, revisions_allowed, status, requirements, payment_method,
       started_at, due_at, delivered_at, completed_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'Test gig', 'basic', '{"name":"Basic","description":"","features":[],"price":{"amount":0,"currency":"USD"},"deliveryDays":3,"revisions":1}'::jsonb,
       '[]'::jsonb, 1, 'USD', $5, 0, $5, 0, $5, 3, 1, 'completed', '[]'::jsonb, 'card', $6, $7, $8, $9, $6, $9)`,
    [
      id,
      o.buyerId,
      o.sellerId,
      o.gigId,
      o.earnings,
      new Date(due.getTime() - 3 * 86400_000),
      due,
      delivered,
      o.completedAt,
    ],
  );
  await db.query(
    "INSERT INTO order_deliveries (id, order_id, message, file_ids, created_at) VALUES ($1, $2, 'done', '{}', $3)",
    [newId("evt"), id, delivered],
  );
  if (o.rating !== undefined) {
    await db.query(
      `INSERT INTO reviews (id, order_id, gig_id, side, author_id, subject_id, rating, communication, service_as_described,
         recommend, comment, created_at, published_at)
       VALUES ($1, $2, $3, 'buyer', $4, $5, $6, 5, 5, true, 'Fine', $7, $7)`,
      [newId("rev"), id, o.gigId, o.buyerId, o.sellerId, o.rating, o.completedAt],
    );
  }
  return id;
}
