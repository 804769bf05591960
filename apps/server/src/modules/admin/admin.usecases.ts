import type { AdminUsersPage, AdminUsersQuery } from "@atelier/contracts";
import type { Suspension, SuspensionResult } from "@atelier/contracts/safety";
import type { Queryable } from "../../db/client";
import { recordAdminAction } from "../../platform/audit";
import type { AppDeps } from "../../platform/deps";
import { conflict, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { announceRevocation, type AuthUser } from "../identity/identity.public";
import { OPEN_STATUSES } from "../orders/orders.public";
import { applyTransition } from "../orders/orders.usecases";
import { syncSellerSearchDocuments } from "../search/search.public";
import { decodeCursor, toPage } from "../../platform/pagination";
import { SUSPENSION_DISPUTE_REASON, toAdminUser, toSuspension, UserCursor } from "./admin.models";
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

/** What a suspension records: why, under which rule, until when, and the report it resolves. */
export interface SuspensionInput {
  reason: string;
  rule: string;
  until?: Date | undefined;
  reportId?: string | undefined;
}

/**
 * Suspends a user in one transaction: they can no longer sign in (and are told the rule and the
 * reason when they try), their sessions and access tokens are revoked, their gigs leave search, and
 * every open order they are a party to goes to dispute so an admin decides what happens to the
 * money. A suspension with an end lifts itself then (a job). Written to the audit log. Suspending a
 * suspended user changes nothing.
 */
export async function suspendUser(
  deps: Deps,
  p: { admin: AuthUser; userId: string } & SuspensionInput,
): Promise<SuspensionResult> {
  const result = await deps.db.transaction((tx) => suspendUserIn(deps, tx, p));
  // Committed: the suspended user's open sockets close now, not at their next periodic check.
  announceRevocation(deps, p.userId, "account suspended");
  return result;
}

/** `suspendUser` inside the caller's transaction (a report resolved by a suspension). */
export async function suspendUserIn(
  deps: Deps,
  tx: Queryable,
  { admin, userId, ...s }: { admin: AuthUser; userId: string } & SuspensionInput,
): Promise<SuspensionResult> {
  if (admin.id === userId) throw conflict("You cannot suspend yourself.", "cannot_suspend_self");
  const now = deps.clock.now();
  if (s.until !== undefined && s.until <= now)
    throw conflict("The suspension's end must be in the future.", "conflict");
  const repo = createAdminRepository(tx);
  const user = await repo.lockUser(userId);
  if (!user) throw notFound("user");
  if (user.suspended_at) return resultOf(tx, userId, []);
  const suspensionId = newId("sus");
  await repo.insertSuspension({
    id: suspensionId,
    userId,
    by: admin.id,
    reason: s.reason,
    rule: s.rule,
    reportId: s.reportId ?? null,
    at: now,
    endsAt: s.until ?? null,
  });
  if (s.until !== undefined)
    await deps.jobs.schedule(
      tx,
      "admin.suspension_end",
      { runAt: s.until, payload: { userId, suspensionId }, dedupeKey: `suspension-end:${suspensionId}` },
      now,
    );
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
  await recordAdminAction(tx, {
    actorId: admin.id,
    action: "user.suspend",
    subject: { type: "user", id: userId },
    rule: s.rule,
    reason: s.reason,
    at: now,
  });
  return resultOf(tx, userId, orderIds);
}

async function resultOf(q: Queryable, userId: string, disputedOrderIds: string[]): Promise<SuspensionResult> {
  const repo = createAdminRepository(q);
  const updated = await repo.findUser(userId);
  if (!updated) throw notFound("user");
  const active = await repo.activeSuspension(userId);
  return { user: toAdminUser(updated), suspension: active ? toSuspension(active) : null, disputedOrderIds };
}

/**
 * Lifts a user's suspension inside the caller's transaction: the user may sign in again (with a new
 * session) and their active gigs return to search. Disputed orders stay with the dispute queue;
 * revoked tokens stay revoked. `by` is the admin (null when the suspension ran out by itself).
 * Returns whether a suspension was lifted.
 */
export async function liftSuspensionIn(
  deps: Deps,
  tx: Queryable,
  p: { userId: string; by: string | null; how: "ended" | "reinstated" | "appeal"; suspensionId?: string },
): Promise<boolean> {
  const repo = createAdminRepository(tx);
  const user = await repo.lockUser(p.userId);
  if (!user) throw notFound("user");
  const active = await repo.activeSuspension(p.userId);
  if (p.suspensionId !== undefined && active?.id !== p.suspensionId) return false;
  if (!user.suspended_at && !active) return false;
  const now = deps.clock.now();
  await repo.liftSuspension({ userId: p.userId, by: p.by, how: p.how, at: now });
  await repo.setSuspendedAt(p.userId, null);
  await syncSellerSearchDocuments(deps, tx, p.userId);
  return true;
}

/** An admin lifts a suspension (written to the audit log). Reinstating an active user changes nothing. */
export async function reinstateUser(
  deps: Deps,
  { admin, userId, reason }: { admin: AuthUser; userId: string; reason?: string | undefined },
): Promise<SuspensionResult> {
  return deps.db.transaction(async (tx) => {
    const lifted = await liftSuspensionIn(deps, tx, { userId, by: admin.id, how: "reinstated" });
    if (lifted)
      await recordAdminAction(tx, {
        actorId: admin.id,
        action: "user.reinstate",
        subject: { type: "user", id: userId },
        reason: reason ?? null,
        at: deps.clock.now(),
      });
    return resultOf(tx, userId, []);
  });
}

/** The user's suspension in force, if any (for the appeal and the admin's view). */
export async function activeSuspension(
  deps: Pick<AppDeps, "db">,
  q: Queryable | undefined,
  userId: string,
): Promise<(Suspension & { suspendedById: string }) | undefined> {
  const row = await createAdminRepository(q ?? deps.db).activeSuspension(userId);
  return row ? { ...toSuspension(row), suspendedById: row.suspended_by } : undefined;
}
