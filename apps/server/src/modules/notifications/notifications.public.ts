import type { Queryable } from "../../db/client";
import { newId } from "../../platform/ids";
import { createNotificationsRepository } from "./notifications.repository";

/**
 * Queues a transactional e-mail (verification, password reset, security notices) in the caller's
 * transaction. It is sent whatever the person's notification preferences: they asked for it, or it
 * is about the safety of their account.
 */
export async function queueAccountEmail(
  tx: Queryable,
  email: { userId: string; to: string; subject: string; text: string; now: Date },
): Promise<void> {
  await createNotificationsRepository(tx).insertEmails([
    { id: newId("eml"), notificationId: null, ...email },
  ]);
}
