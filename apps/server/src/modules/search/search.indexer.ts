import type { Queryable } from "../../db/client";

/**
 * Keeps the search index in step with a gig. The catalog calls this in the same transaction as
 * every change to a gig (create, edit, publish, pause, archive, moderation, rating or order counts).
 * PLACEHOLDER until the search module lands: the search module replaces this body.
 */
export async function syncGigSearchDocument(_tx: Queryable, _gigId: string): Promise<void> {
  // Intentionally empty until the search module (issue 2/5) provides the index table.
}
