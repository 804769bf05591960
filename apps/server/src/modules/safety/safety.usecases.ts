import type { CreatedReport, CreateReportBody, Report, ResolveReportBody } from "@atelier/contracts/safety";
import type { Queryable } from "../../db/client";
import { recordAdminAction } from "../../platform/audit";
import type { AppDeps } from "../../platform/deps";
import { badRequest, conflict, notFound, validationFailed } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { encodeCursor } from "../../platform/pagination";
import { suspendUserIn } from "../admin/admin.usecases";
import { announceRevocation, isAdmin, type AuthUser } from "../identity/identity.public";
import { removeMessage, reportEvidence } from "../messaging/messaging.usecases";
import { queueAccountEmail } from "../notifications/notifications.public";
import { syncSellerSearchDocuments } from "../search/search.public";
import {
  canSee,
  decodeTimeCursor,
  removedMessageNotice,
  toReport,
  wireStatus,
  type Evidence,
} from "./safety.models";
import { createSafetyRepository, type ReportRow } from "./safety.repository";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "payments" | "events" | "jobs" | "state">;

/**
 * A signed-in person reports a gig, user, message or review. The subject's text is kept as it is now
 * (the snapshot), so the admin judges what was reported even if it changes. Subjects the reporter
 * cannot see → 404; a second open report of theirs on the same subject → 409 `already_reported`.
 */
export async function createReport(
  deps: Pick<AppDeps, "db" | "clock">,
  { reporter, body }: { reporter: AuthUser; body: CreateReportBody },
): Promise<CreatedReport> {
  const repo = createSafetyRepository(deps.db);
  const { type, id } = body.subject;
  const subject = await repo.subject(type, id);
  if (!subject || !canSee(subject, { id: reporter.id, isAdmin: isAdmin(reporter) })) throw notFound(type);
  const now = deps.clock.now();
  const row = await repo.insertUserReport({
    id: newId("rpt"),
    reporterId: reporter.id,
    subjectType: type,
    subjectId: subject.id, // a user may be named by username (public profiles show no id)
    subjectUserId: subject.owner_id,
    reason: body.reason,
    details: body.details ?? "",
    snapshot: { summary: subject.summary, text: subject.text, path: subject.path },
    evidenceMessageIds: type === "message" ? [id] : [],
    now,
  });
  if (!row)
    throw conflict("You have already reported this, and the report is still open.", "already_reported");
  return {
    id: row.id,
    subject: { type, id: subject.id },
    reason: body.reason,
    status: "open",
    createdAt: now.toISOString(),
  };
}

async function withEvidence(q: Queryable, rows: readonly ReportRow[]): Promise<Report[]> {
  const evidence = await reportEvidence(
    q,
    rows.flatMap((r) => r.evidence_message_ids),
  );
  const byId = new Map<string, Evidence>(
    evidence.map((e) => [
      e.messageId,
      {
        messageId: e.messageId,
        conversationId: e.conversationId,
        body: e.body,
        flags: e.flags,
        createdAt: e.createdAt,
      },
    ]),
  );
  return rows.map((r) => toReport(r, byId));
}

/** Admin: the one report queue (people's reports and off-platform ones), newest first. */
export async function listReports(
  deps: Pick<AppDeps, "db">,
  p: { status?: "open" | "resolved" | "closed" | undefined; limit: number; cursor?: string | undefined },
) {
  const before = p.cursor === undefined ? null : decodeTimeCursor(p.cursor);
  if (p.cursor !== undefined && !before)
    throw validationFailed([{ path: "cursor", message: "is not a valid cursor" }]);
  const status = p.status === undefined ? null : p.status === "open" ? "open" : "closed";
  const rows = await createSafetyRepository(deps.db).listReports({ status, before, limit: p.limit + 1 });
  const page = rows.slice(0, p.limit);
  const last = page.at(-1);
  return {
    data: await withEvidence(deps.db, page),
    nextCursor: rows.length > p.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

/**
 * Admin: resolves an open report with an action that cites a rule, in one transaction with its
 * effect and its audit record: `dismiss` (nothing), `remove` (the gig is archived, the message's text
 * replaced by a notice, the review unpublished; a user cannot be removed, only suspended), `warn`
 * (the subject's owner gets an e-mail citing the rule and the note), `suspend` (the owner is
 * suspended with the note as the reason). An already resolved report → 409.
 */
export async function resolveReport(
  deps: Deps,
  { admin, reportId, body }: { admin: AuthUser; reportId: string; body: ResolveReportBody },
): Promise<Report> {
  const row = await deps.db.transaction(async (tx) => {
    const repo = createSafetyRepository(tx);
    const report = await repo.findReport(reportId, true);
    if (!report) throw notFound("report");
    if (report.status !== "open") throw conflict("The report is already resolved.", "invalid_transition");
    const now = deps.clock.now();
    await applyAction(deps, tx, { admin, report, body, now });
    await repo.closeReport({
      id: reportId,
      adminId: admin.id,
      action: body.action,
      rule: body.rule,
      resolution: body.note,
      now,
    });
    await recordAdminAction(tx, {
      actorId: admin.id,
      action: `report.${body.action}`,
      subject: { type: report.subject_type, id: report.subject_id },
      rule: body.rule,
      reason: body.note,
      at: now,
    });
    return repo.findReport(reportId);
  });
  if (!row) throw notFound("report");
  // Committed: a suspended user's open sockets close now, not at their next periodic check.
  if (body.action === "suspend") announceRevocation(deps, row.subject_user_id, "account suspended");
  const [report] = await withEvidence(deps.db, [row]);
  if (!report) throw notFound("report");
  return report;
}

async function applyAction(
  deps: Deps,
  tx: Queryable,
  p: { admin: AuthUser; report: ReportRow; body: ResolveReportBody; now: Date },
): Promise<void> {
  const { report, body } = p;
  const repo = createSafetyRepository(tx);
  switch (body.action) {
    case "dismiss":
      return;
    case "remove":
      if (report.subject_type === "gig") {
        await repo.archiveGig(report.subject_id, p.now);
        await syncSellerSearchDocuments(deps, tx, report.subject_user_id);
      } else if (report.subject_type === "message") {
        await removeMessage(tx, { messageId: report.subject_id, notice: removedMessageNotice(body.rule) });
      } else if (report.subject_type === "review") {
        await repo.unpublishReview(report.subject_id);
      } else {
        throw badRequest("invalid_action", "A user cannot be removed; suspend them instead.");
      }
      return;
    case "warn": {
      const owner = await repo.userContact(report.subject_user_id);
      if (owner)
        await queueAccountEmail(tx, {
          userId: owner.id,
          to: owner.email,
          subject: "A warning from Atelier's trust and safety team",
          text:
            `Hello ${owner.display_name},\n\nAfter a report on your ${report.subject_type}, an admin warns you ` +
            `under the rule "${body.rule}":\n\n${body.note}\n\nRepeated breaches can lead to a suspension.\n`,
          now: p.now,
        });
      return;
    }
    case "suspend":
      await suspendUserIn(deps, tx, {
        admin: p.admin,
        userId: report.subject_user_id,
        reason: body.note,
        rule: body.rule,
        until: body.until === undefined ? undefined : new Date(body.until),
        reportId: report.id,
      });
      return;
  }
}

/** Admin: closes an open report with a note and no action (the older `/close`); 409 when already closed. */
export async function closeReport(
  deps: Pick<AppDeps, "db" | "clock">,
  p: { admin: AuthUser; reportId: string; resolution: string },
): Promise<Report> {
  const row = await deps.db.transaction(async (tx) => {
    const repo = createSafetyRepository(tx);
    const report = await repo.findReport(p.reportId, true);
    if (!report) throw notFound("report");
    if (wireStatus(report.status) !== "open")
      throw conflict("The report is already closed.", "invalid_transition");
    const now = deps.clock.now();
    await repo.closeReport({
      id: p.reportId,
      adminId: p.admin.id,
      action: null,
      rule: null,
      resolution: p.resolution,
      now,
    });
    await recordAdminAction(tx, {
      actorId: p.admin.id,
      action: "report.close",
      subject: { type: report.subject_type, id: report.subject_id },
      reason: p.resolution,
      at: now,
    });
    return repo.findReport(p.reportId);
  });
  if (!row) throw notFound("report");
  const [report] = await withEvidence(deps.db, [row]);
  if (!report) throw notFound("report");
  return report;
}
