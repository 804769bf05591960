import { one, type Queryable } from "../../db/client";

export type SubjectType = "gig" | "user" | "message" | "review";

/**
 * A reported thing as the safety desk needs it: whose it is, whether it is public, who may see it
 * privately, and its text for the snapshot.
 */
export interface SubjectRow {
  id: string;
  owner_id: string;
  owner_username: string;
  /** Visible to every signed-in person (an active gig of a seller in good standing, a published review…). */
  public: boolean;
  /** Who else may see it: a message's two participants; a gig's seller. */
  participants: string[];
  summary: string;
  text: string;
  path: string | null;
}

export interface ReportRow {
  id: string;
  kind: "off_platform_contact" | "user_report";
  status: "open" | "closed";
  subject_type: SubjectType;
  subject_id: string;
  subject_user_id: string;
  subject_username: string;
  reporter_username: string | null;
  reason: string | null;
  details: string | null;
  snapshot: { summary: string; text: string; path: string | null } | null;
  evidence_message_ids: string[];
  action: "dismiss" | "remove" | "warn" | "suspend" | null;
  rule: string | null;
  resolution: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

const REPORT_COLUMNS = `r.id, r.kind, r.status, r.subject_type, r.subject_id, r.subject_user_id, u.username AS subject_username,
  rp.username AS reporter_username, r.reason, r.details, r.snapshot, r.evidence_message_ids, r.action, r.rule,
  r.resolution, r.created_at, r.updated_at, r.closed_at`;
const REPORT_FROM = `reports r JOIN users u ON u.id = r.subject_user_id LEFT JOIN users rp ON rp.id = r.reporter_id`;

const SUBJECT_SQL: Record<SubjectType, string> = {
  gig: `SELECT g.id, g.seller_id AS owner_id, u.username AS owner_username,
          (g.status = 'active' AND u.suspended_at IS NULL AND u.deleted_at IS NULL) AS public,
          ARRAY[g.seller_id] AS participants, 'Gig "' || g.title || '" (' || g.status || ')' AS summary,
          g.description AS text, '/gigs/' || g.id AS path
        FROM gigs g JOIN users u ON u.id = g.seller_id WHERE g.id = $1`,
  user: `SELECT u.id, u.id AS owner_id, u.username AS owner_username,
           (u.suspended_at IS NULL AND u.deleted_at IS NULL) AS public, ARRAY[u.id] AS participants,
           u.display_name || ' (@' || u.username || ')' AS summary, coalesce(sp.bio, '') AS text,
           '/users/' || u.username AS path
         FROM users u LEFT JOIN seller_profiles sp ON sp.user_id = u.id
         WHERE u.id = $1 OR u.username = $1 ORDER BY (u.id = $1) DESC LIMIT 1`,
  message: `SELECT m.id, m.sender_id AS owner_id, s.username AS owner_username, false AS public,
              ARRAY[m.sender_id, m.recipient_id] AS participants,
              'Message from @' || s.username || ' in conversation ' || m.conversation_id AS summary,
              m.body AS text, '/inbox/' || m.conversation_id AS path
            FROM messages m JOIN users s ON s.id = m.sender_id WHERE m.id = $1`,
  review: `SELECT r.id, r.author_id AS owner_id, a.username AS owner_username, (r.published_at IS NOT NULL) AS public,
             ARRAY[r.author_id, r.subject_id] AS participants,
             'Review by @' || a.username || ' (' || r.rating || '/5) of gig ' || r.gig_id AS summary,
             r.comment AS text, '/gigs/' || r.gig_id AS path
           FROM reviews r JOIN users a ON a.id = r.author_id WHERE r.id = $1`,
};

/** The only place the safety module's SQL lives (reports, appeals, the audit log, settings). */
export function createSafetyRepository(db: Queryable) {
  return {
    subject: (type: SubjectType, id: string) => one<SubjectRow>(db, SUBJECT_SQL[type], [id]),

    /** Inserts a person's report; undefined when they already have an open one on this subject. */
    insertUserReport: (r: {
      id: string;
      reporterId: string;
      subjectType: SubjectType;
      subjectId: string;
      subjectUserId: string;
      reason: string;
      details: string;
      snapshot: object;
      evidenceMessageIds: string[];
      now: Date;
    }) =>
      one<{ id: string; created_at: Date }>(
        db,
        `INSERT INTO reports (id, kind, reporter_id, subject_type, subject_id, subject_user_id, reason, details, snapshot,
                              evidence_message_ids, status, created_at, updated_at)
         VALUES ($1, 'user_report', $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $10)
         ON CONFLICT (reporter_id, subject_type, subject_id) WHERE status = 'open' AND kind = 'user_report' DO NOTHING
         RETURNING id, created_at`,
        [
          r.id,
          r.reporterId,
          r.subjectType,
          r.subjectId,
          r.subjectUserId,
          r.reason,
          r.details,
          JSON.stringify(r.snapshot),
          r.evidenceMessageIds,
          r.now,
        ],
      ),

    listReports: (p: {
      status: "open" | "closed" | null;
      before: { at: Date; id: string } | null;
      limit: number;
    }) =>
      db.query<ReportRow>(
        `SELECT ${REPORT_COLUMNS} FROM ${REPORT_FROM}
         WHERE ($1::text IS NULL OR r.status = $1)
           AND ($2::timestamptz IS NULL OR (r.created_at, r.id) < ($2::timestamptz, $3::text))
         ORDER BY r.created_at DESC, r.id DESC LIMIT $4`,
        [p.status, p.before?.at ?? null, p.before?.id ?? null, p.limit],
      ),

    findReport: (id: string, lock = false) =>
      one<ReportRow>(
        db,
        `SELECT ${REPORT_COLUMNS} FROM ${REPORT_FROM} WHERE r.id = $1 ${lock ? "FOR UPDATE OF r" : ""}`,
        [id],
      ),

    closeReport: (p: {
      id: string;
      adminId: string;
      action: string | null;
      rule: string | null;
      resolution: string;
      now: Date;
    }) =>
      one<{ id: string }>(
        db,
        `UPDATE reports SET status = 'closed', action = $3, rule = $4, resolution = $5, closed_by = $2,
                closed_at = $6, updated_at = $6
         WHERE id = $1 AND status = 'open' RETURNING id`,
        [p.id, p.adminId, p.action, p.rule, p.resolution, p.now],
      ),

    /** Takes a gig out of the marketplace (a report resolved by `remove`): archived, off search. */
    archiveGig: (gigId: string, now: Date) =>
      db.query("UPDATE gigs SET status = 'archived', updated_at = $2 WHERE id = $1", [gigId, now]),

    /** Hides a review (a report resolved by `remove`): unpublished, so no list or rating counts it. */
    unpublishReview: (reviewId: string) =>
      db.query("UPDATE reviews SET published_at = NULL WHERE id = $1", [reviewId]),

    userContact: (id: string) =>
      one<{ id: string; email: string; display_name: string }>(
        db,
        "SELECT id, email, display_name FROM users WHERE id = $1 AND deleted_at IS NULL",
        [id],
      ),

    // ---- appeals

    insertAppeal: (a: { id: string; suspensionId: string; userId: string; text: string; now: Date }) =>
      one<{ id: string; created_at: Date }>(
        db,
        `INSERT INTO appeals (id, suspension_id, user_id, text, status, created_at) VALUES ($1, $2, $3, $4, 'open', $5)
         ON CONFLICT (suspension_id) DO NOTHING RETURNING id, created_at`,
        [a.id, a.suspensionId, a.userId, a.text, a.now],
      ),

    listAppeals: (p: { status: string | null; before: { at: Date; id: string } | null; limit: number }) =>
      db.query<AppealRow>(
        `SELECT ${APPEAL_COLUMNS} FROM ${APPEAL_FROM}
         WHERE ($1::text IS NULL OR ap.status = $1)
           AND ($2::timestamptz IS NULL OR (ap.created_at, ap.id) < ($2::timestamptz, $3::text))
         ORDER BY ap.created_at DESC, ap.id DESC LIMIT $4`,
        [p.status, p.before?.at ?? null, p.before?.id ?? null, p.limit],
      ),

    findAppeal: (id: string, lock = false) =>
      one<AppealRow>(
        db,
        `SELECT ${APPEAL_COLUMNS} FROM ${APPEAL_FROM} WHERE ap.id = $1 ${lock ? "FOR UPDATE OF ap" : ""}`,
        [id],
      ),

    decideAppeal: (p: { id: string; adminId: string; outcome: string; note: string; now: Date }) =>
      one<{ id: string }>(
        db,
        `UPDATE appeals SET status = $3, decided_by = $2, note = $4, decided_at = $5
         WHERE id = $1 AND status = 'open' RETURNING id`,
        [p.id, p.adminId, p.outcome, p.note, p.now],
      ),

    // ---- audit log

    /** Newest first in the order the actions were written (`seq`), before `beforeSeq` when given. */
    listAudit: (p: { beforeSeq: number | null; limit: number }) =>
      db.query<AuditRow>(
        `SELECT l.id, l.seq::float8 AS seq, a.username AS actor_username, l.action, l.subject_type, l.subject_id,
                l.rule, l.reason, l.at
         FROM audit_log l JOIN users a ON a.id = l.actor_id
         WHERE ($1::bigint IS NULL OR l.seq < $1)
         ORDER BY l.seq DESC LIMIT $2`,
        [p.beforeSeq, p.limit],
      ),
  };
}

export interface AppealRow {
  id: string;
  status: "open" | "upheld" | "lifted";
  text: string;
  user_id: string;
  username: string;
  note: string | null;
  created_at: Date;
  decided_at: Date | null;
  decided_by_username: string | null;
  suspension_id: string;
  suspension_reason: string;
  suspension_rule: string;
  suspended_by: string;
  suspended_by_username: string;
  suspension_created_at: Date;
  suspension_ends_at: Date | null;
  suspension_lifted_at: Date | null;
}

const APPEAL_COLUMNS = `ap.id, ap.status, ap.text, ap.user_id, u.username, ap.note, ap.created_at, ap.decided_at,
  d.username AS decided_by_username, s.id AS suspension_id, s.reason AS suspension_reason, s.rule AS suspension_rule,
  s.suspended_by, sb.username AS suspended_by_username, s.created_at AS suspension_created_at,
  s.ends_at AS suspension_ends_at, s.lifted_at AS suspension_lifted_at`;
const APPEAL_FROM = `appeals ap JOIN users u ON u.id = ap.user_id JOIN suspensions s ON s.id = ap.suspension_id
  JOIN users sb ON sb.id = s.suspended_by LEFT JOIN users d ON d.id = ap.decided_by`;

export interface AuditRow {
  id: string;
  seq: number;
  actor_username: string;
  action: string;
  subject_type: string;
  subject_id: string;
  rule: string | null;
  reason: string | null;
  at: Date;
}
