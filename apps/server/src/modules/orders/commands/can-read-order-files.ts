import type { Queryable } from "../../../db/client";
import { createOrdersRepository } from "../orders.repository";

/**
 * Whether `userId` may read files linked to the order: its buyer and its seller (the requirement
 * attachments one sent, the deliveries the other sent). Admins are admitted by the files module.
 */
export function canReadOrderFiles(db: Queryable, userId: string | null, orderId: string): Promise<boolean> {
  return userId === null ? Promise.resolve(false) : createOrdersRepository(db).isParticipant(orderId, userId);
}
