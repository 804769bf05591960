import type { AuditEntry, Appeal, Report } from "@atelier/contracts/safety";
import { parseCursor, TimeIdCursor } from "../../platform/pagination";
import type { AppealRow, AuditRow, ReportRow, SubjectRow } from "./safety.repository";

/** What a report's evidence looks like once messaging has resolved the message ids. */
export type Evidence = Report["evidence"][number];

/**
 * Whether a person may report a subject: they must be able to see it. Public subjects (an active gig,
 * a user in good standing, a published review) are seen by everyone signed in; a message only by its
 * two participants; anything else only by its owner (and admins see everything).
 */
export function canSee(subject: SubjectRow, viewer: { id: string; isAdmin: boolean }): boolean {
  return viewer.isAdmin || subject.public || subject.participants.includes(viewer.id);
}

/** The wire status: the database keeps the older `closed`. */
export const wireStatus = (status: ReportRow["status"]) => (status === "open" ? "open" : "resolved");

export function toReport(r: ReportRow, evidence: ReadonlyMap<string, Evidence>): Report {
  return {
    id: r.id,
    kind: r.kind,
    status: wireStatus(r.status),
    subject: { type: r.subject_type, id: r.subject_id, username: r.subject_username },
    reporter: r.reporter_username === null ? null : { username: r.reporter_username },
    reason: (r.reason as Report["reason"]) ?? null,
    details: r.details,
    snapshot: r.snapshot,
    evidence: r.evidence_message_ids.flatMap((id) => {
      const e = evidence.get(id);
      return e ? [e] : [];
    }),
    action: r.action,
    rule: r.rule,
    resolution: r.resolution,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
  };
}

export function toAppeal(r: AppealRow): Appeal {
  return {
    id: r.id,
    status: r.status,
    text: r.text,
    user: { id: r.user_id, username: r.username },
    suspension: {
      id: r.suspension_id,
      reason: r.suspension_reason,
      rule: r.suspension_rule,
      suspendedBy: { username: r.suspended_by_username },
      createdAt: r.suspension_created_at.toISOString(),
      endsAt: r.suspension_ends_at?.toISOString() ?? null,
      liftedAt: r.suspension_lifted_at?.toISOString() ?? null,
    },
    decidedBy: r.decided_by_username === null ? null : { username: r.decided_by_username },
    note: r.note,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
  };
}

export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    actor: { username: r.actor_username },
    action: r.action,
    subject: { type: r.subject_type, id: r.subject_id },
    rule: r.rule,
    reason: r.reason,
    at: r.at.toISOString(),
  };
}

export function decodeTimeCursor(cursor: string): { at: Date; id: string } | null {
  return parseCursor(cursor, TimeIdCursor);
}

/** The notice that replaces a removed message's text. */
export const removedMessageNotice = (rule: string) => `[Removed by an admin under the rule "${rule}".]`;
