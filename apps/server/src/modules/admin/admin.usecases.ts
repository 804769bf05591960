import type { AdminUsersPage, AdminUsersQuery, SuspensionResult } from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import { conflict, notFound } from "../../platform/errors";
import { announceRevocation, type AuthUser } from "../identity/identity.public";
import { OPEN_STATUSES } from "../orders/orders.public";
import { applyTransition } from "../orders/orders.usecases";
import { syncSellerSearchDocuments } from "../search/search.public";
import { decodeCursor, toPage } from "../../platform/pagination";
import { SUSPENSION_DISPUTE_REASON, toAdminUser, UserCursor } from "./admin.models";
import { createAdminRepository } from "./admin.repository";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "payments" | "events" | "jobs" | "state">;

/** Finds people by username, display name or e-mail for the admin users page, a page at a time. */
export async function searchUsers(
  deps: Deps,
  { query }: { query: AdminUsersQuery },
): Promise<AdminUsersPage> {
  const after = query.cursor !== undefined ? decodeCursor(query.cursor, UserCursor) : undefined;
  const repo = createAdminRepository(deps.db);
  // One row more than the page tells whether another page follows.
  const rows = await repo.searchUsers({ q: query.q || undefined, after, limit: query.limit + 1 });
  return toPage(rows, query.limit, toAdminUser, (last) => [last.username]);
}

/**
 * Suspends a user in one transaction: they can no longer sign in, their sessions and access tokens
 * are revoked, their gigs leave search, and every open order they are a party to goes to dispute so
 * an admin decides what happens to the money; their open sockets close. Suspending a suspended user
 * changes nothing.
 */
export async function suspendUser(
  deps: Deps,
  { admin, userId }: { admin: AuthUser; userId: string },
): Promise<SuspensionResult> {
  if (admin.id === userId) throw conflict("You cannot suspend yourself.", "cannot_suspend_self");
  const result = await deps.db.transaction(async (tx) => {
    const repo = createAdminRepository(tx);
    const user = await repo.lockUser(userId);
    if (!user) throw notFound("user");
    if (user.suspended_at) return { user: toAdminUser(user), disputedOrderIds: [] };
    const now = deps.clock.now();
    await repo.setSuspendedAt(userId, now);
    await repo.revokeSessions(userId, now);
    await repo.revokeAccessTokens(userId, now);
    await syncSellerSearchDocuments(deps, tx, userId);
    const orderIds = await repo.openOrderIds(userId, OPEN_STATUSES);
    for (const orderId of orderIds) {
      await applyTransition(deps, tx, {
        orderId,
        name: "suspend_dispute",
        viewer: { id: admin.id, roles: admin.roles },
        input: { reason: SUSPENSION_DISPUTE_REASON },
        at: now,
      });
    }
    const updated = await repo.findUser(userId);
    if (!updated) throw notFound("user");
    return { user: toAdminUser(updated), disputedOrderIds: orderIds };
  });
  // Committed: the suspended user's open sockets close now, not at their next periodic check.
  announceRevocation(deps, userId, "account suspended");
  return result;
}

/**
 * Lifts a suspension: the user may sign in again (with a new session) and their active gigs return
 * to search. Disputed orders stay with the dispute queue; revoked tokens stay revoked.
 */
export async function reinstateUser(deps: Deps, { userId }: { userId: string }): Promise<SuspensionResult> {
  return deps.db.transaction(async (tx) => {
    const repo = createAdminRepository(tx);
    const user = await repo.lockUser(userId);
    if (!user) throw notFound("user");
    if (user.suspended_at) {
      await repo.setSuspendedAt(userId, null);
      await syncSellerSearchDocuments(deps, tx, userId);
    }
    const updated = await repo.findUser(userId);
    if (!updated) throw notFound("user");
    return { user: toAdminUser(updated), disputedOrderIds: [] };
  });
}
