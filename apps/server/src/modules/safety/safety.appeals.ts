import type { Appeal, CreateAppealBody, DecideAppealBody } from "@atelier/contracts/safety";
import { recordAdminAction } from "../../platform/audit";
import type { AppDeps } from "../../platform/deps";
import { conflict, notFound, validationFailed } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { encodeCursor, parseCursor, SeqCursor } from "../../platform/pagination";
import { activeSuspension, liftSuspensionIn } from "../admin/admin.usecases";
import type { AuthUser } from "../identity/identity.public";
import { verifyCredentials } from "../identity/identity.usecases";
import { decodeTimeCursor, toAppeal, toAuditEntry } from "./safety.models";
import { createSafetyRepository } from "./safety.repository";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "payments" | "events" | "jobs" | "state">;

/**
 * A suspended user appeals their suspension, proving who they are with their e-mail and password
 * (they cannot sign in). Wrong credentials → 401 as at sign-in; an account that is not suspended →
 * 409 `not_suspended`; a second appeal of the same suspension → 409 `appeal_exists`.
 */
export async function createAppeal(
  deps: Pick<AppDeps, "db" | "clock" | "config">,
  { body }: { body: CreateAppealBody },
) {
  const user = await verifyCredentials(deps, { email: body.email, password: body.password });
  const suspension = await activeSuspension(deps, undefined, user.id);
  if (!user.suspended_at || !suspension) throw conflict("This account is not suspended.", "not_suspended");
  const now = deps.clock.now();
  const row = await createSafetyRepository(deps.db).insertAppeal({
    id: newId("apl"),
    suspensionId: suspension.id,
    userId: user.id,
    text: body.text,
    now,
  });
  if (!row) throw conflict("This suspension has already been appealed.", "appeal_exists");
  return { id: row.id, status: "open" as const, createdAt: row.created_at.toISOString() };
}

/** Admin: appeals, newest first, optionally of one status. */
export async function listAppeals(
  deps: Pick<AppDeps, "db">,
  p: { status?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const before = p.cursor === undefined ? null : decodeTimeCursor(p.cursor);
  if (p.cursor !== undefined && !before)
    throw validationFailed([{ path: "cursor", message: "is not a valid cursor" }]);
  const rows = await createSafetyRepository(deps.db).listAppeals({
    status: p.status ?? null,
    before,
    limit: p.limit + 1,
  });
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  return {
    data: page.map(toAppeal),
    nextCursor: rows.length > p.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

/**
 * Admin: decides an open appeal. The admin who suspended the account cannot (409 `same_admin`);
 * `lifted` lifts the suspension, `upheld` keeps it. One transaction with the audit record. A decided
 * appeal → 409.
 */
export async function decideAppeal(
  deps: Deps,
  { admin, appealId, body }: { admin: AuthUser; appealId: string; body: DecideAppealBody },
): Promise<Appeal> {
  const row = await deps.db.transaction(async (tx) => {
    const repo = createSafetyRepository(tx);
    const appeal = await repo.findAppeal(appealId, true);
    if (!appeal) throw notFound("appeal");
    if (appeal.status !== "open") throw conflict("The appeal is already decided.", "invalid_transition");
    if (appeal.suspended_by === admin.id)
      throw conflict("You suspended this account; another admin must decide the appeal.", "same_admin");
    const now = deps.clock.now();
    if (body.outcome === "lifted")
      await liftSuspensionIn(deps, tx, {
        userId: appeal.user_id,
        by: admin.id,
        how: "appeal",
        suspensionId: appeal.suspension_id,
      });
    await repo.decideAppeal({ id: appealId, adminId: admin.id, outcome: body.outcome, note: body.note, now });
    await recordAdminAction(tx, {
      actorId: admin.id,
      action: `appeal.${body.outcome === "lifted" ? "lift" : "uphold"}`,
      subject: { type: "user", id: appeal.user_id },
      rule: appeal.suspension_rule,
      reason: body.note,
      at: now,
    });
    return repo.findAppeal(appealId);
  });
  if (!row) throw notFound("appeal");
  return toAppeal(row);
}

/** Admin: every admin action, newest first. */
export async function listAuditLog(
  deps: Pick<AppDeps, "db">,
  p: { limit: number; cursor?: string | undefined },
) {
  const beforeSeq = p.cursor === undefined ? null : parseCursor(p.cursor, SeqCursor);
  if (p.cursor !== undefined && beforeSeq === null)
    throw validationFailed([{ path: "cursor", message: "is not a valid cursor" }]);
  const rows = await createSafetyRepository(deps.db).listAudit({ beforeSeq, limit: p.limit + 1 });
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  return {
    data: page.map(toAuditEntry),
    nextCursor: rows.length > p.limit && last ? encodeCursor([last.seq]) : null,
  };
}
