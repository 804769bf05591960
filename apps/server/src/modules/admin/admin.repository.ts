import { one, type Queryable } from "../../db/client";

export interface AdminUserRow {
  id: string;
  username: string;
  display_name: string;
  email: string;
  roles: string[];
  is_seller: boolean;
  seller_level: "new" | "level_1" | "level_2" | "top_rated" | null;
  suspended_at: Date | null;
  created_at: Date;
}

const COLUMNS = "id, username, display_name, email, roles, is_seller, seller_level, suspended_at, created_at";

export interface SuspensionRow {
  id: string;
  user_id: string;
  suspended_by: string;
  suspended_by_username: string;
  reason: string;
  rule: string;
  created_at: Date;
  ends_at: Date | null;
  lifted_at: Date | null;
}

const SUSPENSION_COLUMNS =
  "s.id, s.user_id, s.suspended_by, a.username AS suspended_by_username, s.reason, s.rule, s.created_at, s.ends_at, s.lifted_at";

/** Escapes LIKE's wildcards so a search for `a_b` finds `a_b`, not `axb`. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The only place the admin module's SQL lives. */
export function createAdminRepository(db: Queryable) {
  return {
    /** Locks the user's row so concurrent suspensions and reinstatements queue up. */
    lockUser: (id: string) =>
      one<AdminUserRow>(db, `SELECT ${COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]),

    findUser: (id: string) => one<AdminUserRow>(db, `SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]),

    /** Users by username, display name or e-mail (case-insensitive), in username order after `after`. */
    searchUsers: (p: { q: string | undefined; after: string | undefined; limit: number }) => {
      const params: unknown[] = [];
      const where: string[] = [];
      if (p.q) {
        params.push(likePattern(p.q.toLowerCase()));
        where.push(
          `(lower(username) LIKE $${params.length} OR lower(display_name) LIKE $${params.length} OR lower(email) LIKE $${params.length})`,
        );
      }
      if (p.after !== undefined) {
        params.push(p.after);
        where.push(`username > $${params.length}`);
      }
      params.push(p.limit);
      return db.query<AdminUserRow>(
        `SELECT ${COLUMNS} FROM users ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY username LIMIT $${params.length}`,
        params,
      );
    },

    setSuspendedAt: (id: string, at: Date | null) =>
      db.query("UPDATE users SET suspended_at = $2 WHERE id = $1", [id, at]),

    revokeSessions: (userId: string, at: Date) =>
      db.query("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL", [userId, at]),

    revokeAccessTokens: (userId: string, at: Date) =>
      db.query(
        "UPDATE personal_access_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
        [userId, at],
      ),

    insertSuspension: (s: {
      id: string;
      userId: string;
      by: string;
      reason: string;
      rule: string;
      reportId: string | null;
      at: Date;
      endsAt: Date | null;
    }) =>
      db.query(
        `INSERT INTO suspensions (id, user_id, suspended_by, reason, rule, report_id, created_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [s.id, s.userId, s.by, s.reason, s.rule, s.reportId, s.at, s.endsAt],
      ),

    activeSuspension: (userId: string) =>
      one<SuspensionRow>(
        db,
        `SELECT ${SUSPENSION_COLUMNS} FROM suspensions s JOIN users a ON a.id = s.suspended_by
         WHERE s.user_id = $1 AND s.lifted_at IS NULL`,
        [userId],
      ),

    /** Marks the active suspension lifted; returns it, or undefined when there was none. */
    liftSuspension: (p: {
      userId: string;
      by: string | null;
      how: "ended" | "reinstated" | "appeal";
      at: Date;
    }) =>
      one<{ id: string }>(
        db,
        `UPDATE suspensions SET lifted_at = $4, lifted_by = $2, lifted_how = $3
         WHERE user_id = $1 AND lifted_at IS NULL RETURNING id`,
        [p.userId, p.by, p.how, p.at],
      ),

    /** Orders in which the user is buyer or seller and that are still open, oldest first. */
    openOrderIds: async (userId: string, statuses: readonly string[]) =>
      (
        await db.query<{ id: string }>(
          `SELECT id FROM orders WHERE (buyer_id = $1 OR seller_id = $1) AND status = ANY($2::text[])
           ORDER BY created_at, id`,
          [userId, statuses],
        )
      ).map((r) => r.id),
  };
}
