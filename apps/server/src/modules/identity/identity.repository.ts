import { one, type Queryable } from "../../db/client";

export interface UserRow {
  id: string;
  email: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  is_seller: boolean;
  seller_level: "new" | "level_1" | "level_2" | "top_rated" | null;
  became_seller_at: Date | null;
  suspended_at: Date | null;
  created_at: Date;
}

export interface SellerProfileRow {
  headline: string;
  bio: string;
  skills: string[];
  languages: string[];
  country: string;
}

const USER_COLUMNS =
  "id, email, username, display_name, password_hash, roles, is_seller, seller_level, became_seller_at, suspended_at, created_at";

const PREFIXED_USER_COLUMNS = USER_COLUMNS.split(", ")
  .map((c) => `u.${c}`)
  .join(", ");

/** The only place identity's SQL lives. */
export function createIdentityRepository({ db }: { db: Queryable }) {
  return {
    findUserById: (id: string, q: Queryable = db) =>
      one<UserRow>(q, `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]),

    findUserByEmail: (email: string) =>
      one<UserRow>(db, `SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1)`, [email]),

    findUserByUsername: (username: string) =>
      one<UserRow>(db, `SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]),

    /** Inserts a user; returns undefined when the e-mail or username is taken (unique violation). */
    async insertUser(
      q: Queryable,
      user: {
        id: string;
        email: string;
        username: string;
        displayName: string;
        passwordHash: string;
        now: Date;
      },
    ): Promise<UserRow | undefined> {
      return one<UserRow>(
        q,
        `INSERT INTO users (id, email, username, display_name, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${USER_COLUMNS}`,
        [user.id, user.email, user.username, user.displayName, user.passwordHash, user.now],
      );
    },

    /** Pass the open transaction when there is one: PGlite has one connection, and `db` would wait for it. */
    async emailOrUsernameTaken(email: string, username: string, q: Queryable = db) {
      const rows = await q.query<{ email_taken: boolean; username_taken: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1)) AS email_taken,
                EXISTS (SELECT 1 FROM users WHERE username = $2) AS username_taken`,
        [email, username],
      );
      return rows[0] ?? { email_taken: false, username_taken: false };
    },

    async insertSession(
      q: Queryable,
      s: {
        id: string;
        userId: string;
        tokenHash: string;
        now: Date;
        expiresAt: Date;
        userAgent?: string;
        ip?: string;
      },
    ) {
      await q.query(
        `INSERT INTO sessions (id, user_id, token_hash, created_at, last_seen_at, expires_at, user_agent, ip)
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
        [s.id, s.userId, s.tokenHash, s.now, s.expiresAt, s.userAgent ?? null, s.ip ?? null],
      );
    },

    /** A live session and its user, in one query (it runs on every cookie-authenticated request). */
    findLiveSessionByHash: (tokenHash: string, now: Date) =>
      one<UserRow & { session_id: string; session_last_seen_at: Date }>(
        db,
        `SELECT s.id AS session_id, s.last_seen_at AS session_last_seen_at, ${PREFIXED_USER_COLUMNS}
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
        [tokenHash, now],
      ),

    touchSession: (id: string, now: Date) =>
      db.query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1", [id, now]),

    revokeSession: (id: string, now: Date) =>
      db.query("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", [id, now]),

    revokeSessionByHash: (tokenHash: string, now: Date) =>
      db.query("UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL", [
        tokenHash,
        now,
      ]),

    revokeAllSessionsOf: (q: Queryable, userId: string, now: Date) =>
      q.query("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL", [userId, now]),

    async insertToken(t: { id: string; userId: string; name: string; tokenHash: string; now: Date }) {
      await db.query(
        "INSERT INTO personal_access_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        [t.id, t.userId, t.name, t.tokenHash, t.now],
      );
    },

    /** A live access token and its user, in one query (it runs on every token-authenticated request). */
    /** Live tokens by hash, with their users, in one statement however many. */
    findLiveTokensByHash: (tokenHashes: readonly string[]) =>
      db.query<UserRow & { token_id: string; token_hash: string; token_last_used_at: Date | null }>(
        `SELECT t.id AS token_id, t.token_hash, t.last_used_at AS token_last_used_at, ${PREFIXED_USER_COLUMNS}
         FROM personal_access_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = ANY($1::text[]) AND t.revoked_at IS NULL`,
        [tokenHashes],
      ),

    touchToken: (id: string, now: Date) =>
      db.query("UPDATE personal_access_tokens SET last_used_at = $2 WHERE id = $1", [id, now]),

    listTokens: (userId: string) =>
      db.query<{ id: string; name: string; created_at: Date; last_used_at: Date | null }>(
        `SELECT id, name, created_at, last_used_at FROM personal_access_tokens
         WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id`,
        [userId],
      ),

    async revokeToken(userId: string, id: string, now: Date): Promise<boolean> {
      const rows = await db.query(
        "UPDATE personal_access_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id",
        [id, userId, now],
      );
      return rows.length > 0;
    },

    async upsertSellerProfile(q: Queryable, userId: string, p: SellerProfileRow, now: Date) {
      await q.query(
        `INSERT INTO seller_profiles (user_id, headline, bio, skills, languages, country, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id) DO UPDATE SET headline = EXCLUDED.headline, bio = EXCLUDED.bio,
           skills = EXCLUDED.skills, languages = EXCLUDED.languages, country = EXCLUDED.country,
           updated_at = EXCLUDED.updated_at`,
        [userId, p.headline, p.bio, p.skills, p.languages, p.country, now],
      );
      await q.query(
        `UPDATE users SET is_seller = true, seller_level = COALESCE(seller_level, 'new'),
           became_seller_at = COALESCE(became_seller_at, $2) WHERE id = $1`,
        [userId, now],
      );
    },

    findSellerProfile: (userId: string) =>
      one<SellerProfileRow>(
        db,
        "SELECT headline, bio, skills, languages, country FROM seller_profiles WHERE user_id = $1",
        [userId],
      ),

    async grantAdmin(email: string): Promise<boolean> {
      const rows = await db.query(
        `UPDATE users SET roles = ARRAY['member', 'admin']::text[] WHERE lower(email) = lower($1) RETURNING id`,
        [email],
      );
      return rows.length > 0;
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
