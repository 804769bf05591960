import type { Queryable } from "../db/client";
import { newId } from "./ids";

/** One admin action as the audit log keeps it (API.md section 11). */
export interface AuditRecord {
  actorId: string;
  /** What was done, in snake_case: `user.suspend`, `report.resolve`, `settings.update`, … */
  action: string;
  subject: { type: string; id: string };
  rule?: string | null;
  reason?: string | null;
  at: Date;
}

/**
 * Appends an admin action to the audit log. Call it inside the transaction of the action itself, so
 * that the action and its record commit together (or neither does). Every module may write here; the
 * log is read only by the safety module (`GET /api/admin/audit-log`).
 */
export async function recordAdminAction(q: Queryable, r: AuditRecord): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (id, actor_id, action, subject_type, subject_id, rule, reason, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [newId("aud"), r.actorId, r.action, r.subject.type, r.subject.id, r.rule ?? null, r.reason ?? null, r.at],
  );
}
