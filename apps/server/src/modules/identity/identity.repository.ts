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
  email_verified_at: Date | null;
  deleted_at: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
}

export interface SellerProfileRow {
  headline: string;
  bio: string;
  skills: string[];
  languages: string[];
  country: string;
}

export interface SessionRow {
  id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
}

export interface PasskeyRow {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  counter: string;
  transports: string[];
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}

export type AccountTokenPurpose = "verify_email" | "password_reset";

const USER_COLUMNS =
  "id, email, username, display_name, password_hash, roles, is_seller, seller_level, became_seller_at, " +
  "suspended_at, created_at, email_verified_at, deleted_at, totp_secret, totp_enabled_at, totp_last_step";

const PREFIXED_USER_COLUMNS = USER_COLUMNS.split(", ")
  .map((c) => `u.${c}`)
  .join(", ");

/** The only place identity's SQL lives. `db` is the database or an open transaction. */
export function createIdentityRepository(db: Queryable) {
  return {
    findUserById: (id: string) => one<UserRow>(db, `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]),

    lockUser: (id: string) =>
      one<UserRow>(db, `SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]),

    /**
     * The suspension in force (the admin module writes suspensions; sign-in reads the reason and
     * rule to tell the owner why).
     */
    activeSuspension: (userId: string) =>
      one<{ reason: string; rule: string; ends_at: Date | null }>(
        db,
        "SELECT reason, rule, ends_at FROM suspensions WHERE user_id = $1 AND lifted_at IS NULL",
        [userId],
      ),

    findUserByEmail: (email: string) =>
      one<UserRow>(
        db,
        `SELECT ${USER_COLUMNS} FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL`,
        [email],
      ),

    findUserByUsername: (username: string) =>
      one<UserRow>(db, `SELECT ${USER_COLUMNS} FROM users WHERE username = $1 AND deleted_at IS NULL`, [
        username,
      ]),

    /** Inserts a user; returns undefined when the e-mail or username is taken (unique violation). */
    insertUser: (user: {
      id: string;
      email: string;
      username: string;
      displayName: string;
      passwordHash: string;
      now: Date;
      emailVerified?: boolean;
    }) =>
      one<UserRow>(
        db,
        `INSERT INTO users (id, email, username, display_name, password_hash, created_at, email_verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING ${USER_COLUMNS}`,
        [
          user.id,
          user.email,
          user.username,
          user.displayName,
          user.passwordHash,
          user.now,
          user.emailVerified ? user.now : null,
        ],
      ),

    async emailOrUsernameTaken(email: string, username: string) {
      const rows = await db.query<{ email_taken: boolean; username_taken: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1)) AS email_taken,
                EXISTS (SELECT 1 FROM users WHERE username = $2) AS username_taken`,
        [email, username],
      );
      return rows[0] ?? { email_taken: false, username_taken: false };
    },

    async insertSession(s: {
      id: string;
      userId: string;
      tokenHash: string;
      now: Date;
      expiresAt: Date;
      userAgent?: string;
      ip?: string;
    }) {
      await db.query(
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

    async revokeSessionOf(userId: string, id: string, now: Date): Promise<boolean> {
      const rows = await db.query(
        "UPDATE sessions SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id",
        [id, userId, now],
      );
      return rows.length > 0;
    },

    revokeSessionByHash: (tokenHash: string, now: Date) =>
      db.query("UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL", [
        tokenHash,
        now,
      ]),

    /** Ends every session of a user but `exceptId` (when given). */
    revokeAllSessionsOf: (userId: string, now: Date, exceptId?: string) =>
      db.query(
        `UPDATE sessions SET revoked_at = $2
         WHERE user_id = $1 AND revoked_at IS NULL AND ($3::text IS NULL OR id <> $3)`,
        [userId, now, exceptId ?? null],
      ),

    listLiveSessions: (userId: string, now: Date) =>
      db.query<SessionRow>(
        `SELECT id, created_at, last_seen_at, expires_at, user_agent, ip FROM sessions
         WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
         ORDER BY last_seen_at DESC, id`,
        [userId, now],
      ),

    async insertToken(t: {
      id: string;
      userId: string;
      name: string;
      tokenHash: string;
      scopes: string[];
      now: Date;
    }) {
      await db.query(
        `INSERT INTO personal_access_tokens (id, user_id, name, token_hash, scopes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [t.id, t.userId, t.name, t.tokenHash, t.scopes, t.now],
      );
    },

    /** Live tokens by hash, with their users, in one statement however many. */
    findLiveTokensByHash: (tokenHashes: readonly string[]) =>
      db.query<
        UserRow & {
          token_id: string;
          token_hash: string;
          token_scopes: string[];
          token_last_used_at: Date | null;
        }
      >(
        `SELECT t.id AS token_id, t.token_hash, t.scopes AS token_scopes, t.last_used_at AS token_last_used_at,
                ${PREFIXED_USER_COLUMNS}
         FROM personal_access_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = ANY($1::text[]) AND t.revoked_at IS NULL`,
        [tokenHashes],
      ),

    touchToken: (id: string, now: Date) =>
      db.query("UPDATE personal_access_tokens SET last_used_at = $2 WHERE id = $1", [id, now]),

    listTokens: (userId: string) =>
      db.query<{ id: string; name: string; scopes: string[]; created_at: Date; last_used_at: Date | null }>(
        `SELECT id, name, scopes, created_at, last_used_at FROM personal_access_tokens
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

    revokeAllTokensOf: (userId: string, now: Date) =>
      db.query(
        "UPDATE personal_access_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
        [userId, now],
      ),

    async upsertSellerProfile(userId: string, p: SellerProfileRow, now: Date) {
      await db.query(
        `INSERT INTO seller_profiles (user_id, headline, bio, skills, languages, country, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id) DO UPDATE SET headline = EXCLUDED.headline, bio = EXCLUDED.bio,
           skills = EXCLUDED.skills, languages = EXCLUDED.languages, country = EXCLUDED.country,
           updated_at = EXCLUDED.updated_at`,
        [userId, p.headline, p.bio, p.skills, p.languages, p.country, now],
      );
      await db.query(
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

    // ---- passwords, e-mail, tokens sent by e-mail ----

    setPasswordHash: (userId: string, passwordHash: string) =>
      db.query("UPDATE users SET password_hash = $2 WHERE id = $1", [userId, passwordHash]),

    markEmailVerified: (userId: string, now: Date) =>
      db.query("UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2) WHERE id = $1", [
        userId,
        now,
      ]),

    async insertAccountToken(t: {
      id: string;
      userId: string;
      purpose: AccountTokenPurpose;
      tokenHash: string;
      now: Date;
      expiresAt: Date;
    }) {
      await db.query(
        `INSERT INTO account_tokens (id, user_id, purpose, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [t.id, t.userId, t.purpose, t.tokenHash, t.now, t.expiresAt],
      );
    },

    /** Uses a live token in one statement: a second use (or a racing one) finds nothing. */
    useAccountToken: (purpose: AccountTokenPurpose, tokenHash: string, now: Date) =>
      one<{ user_id: string }>(
        db,
        `UPDATE account_tokens SET used_at = $3
         WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING user_id`,
        [purpose, tokenHash, now],
      ),

    findLiveAccountToken: (purpose: AccountTokenPurpose, tokenHash: string, now: Date) =>
      one<{ user_id: string }>(
        db,
        `SELECT user_id FROM account_tokens
         WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3`,
        [purpose, tokenHash, now],
      ),

    /** Earlier unused tokens of the same purpose stop working when a new one is sent or one is used. */
    retireAccountTokens: (userId: string, purpose: AccountTokenPurpose, now: Date) =>
      db.query(
        "UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
        [userId, purpose, now],
      ),

    // ---- two-factor ----

    setTotpSecret: (userId: string, secret: string) =>
      db.query("UPDATE users SET totp_secret = $2 WHERE id = $1 AND totp_enabled_at IS NULL", [
        userId,
        secret,
      ]),

    enableTotp: (userId: string, step: number, now: Date) =>
      db.query("UPDATE users SET totp_enabled_at = $3, totp_last_step = $2 WHERE id = $1", [
        userId,
        step,
        now,
      ]),

    disableTotp: (userId: string) =>
      db.query(
        "UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1",
        [userId],
      ),

    /** Records the step of an accepted code; false when that step (or a later one) was already used. */
    async claimTotpStep(userId: string, step: number): Promise<boolean> {
      const rows = await db.query(
        `UPDATE users SET totp_last_step = $2
         WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
        [userId, step],
      );
      return rows.length > 0;
    },

    async replaceRecoveryCodes(userId: string, hashes: readonly string[], now: Date) {
      await db.query("DELETE FROM recovery_codes WHERE user_id = $1", [userId]);
      await db.query(
        `INSERT INTO recovery_codes (user_id, code_hash, created_at)
         SELECT $1, h, $3 FROM unnest($2::text[]) AS h`,
        [userId, hashes, now],
      );
    },

    async useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
      const rows = await db.query(
        `UPDATE recovery_codes SET used_at = $3
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING code_hash`,
        [userId, codeHash, now],
      );
      return rows.length > 0;
    },

    deleteRecoveryCodes: (userId: string) =>
      db.query("DELETE FROM recovery_codes WHERE user_id = $1", [userId]),

    // ---- passkeys ----

    async insertChallenge(c: {
      id: string;
      userId: string | null;
      purpose: "register" | "authenticate";
      challenge: string;
      expiresAt: Date;
    }) {
      await db.query(
        `INSERT INTO webauthn_challenges (id, user_id, purpose, challenge, expires_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [c.id, c.userId, c.purpose, c.challenge, c.expiresAt],
      );
    },

    /** Takes a live challenge once. */
    useChallenge: (id: string, purpose: "register" | "authenticate", userId: string | null, now: Date) =>
      one<{ challenge: string }>(
        db,
        `UPDATE webauthn_challenges SET used_at = $4
         WHERE id = $1 AND purpose = $2 AND user_id IS NOT DISTINCT FROM $3 AND used_at IS NULL AND expires_at > $4
         RETURNING challenge`,
        [id, purpose, userId, now],
      ),

    async insertPasskey(p: {
      id: string;
      userId: string;
      credentialId: string;
      publicKey: string;
      counter: number;
      transports: string[];
      name: string;
      now: Date;
    }) {
      await db.query(
        `INSERT INTO passkeys (id, user_id, credential_id, public_key, counter, transports, name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [p.id, p.userId, p.credentialId, p.publicKey, p.counter, p.transports, p.name, p.now],
      );
    },

    listPasskeys: (userId: string) =>
      db.query<PasskeyRow>("SELECT * FROM passkeys WHERE user_id = $1 ORDER BY created_at, id", [userId]),

    findPasskeyByCredentialId: (credentialId: string) =>
      one<PasskeyRow>(db, "SELECT * FROM passkeys WHERE credential_id = $1", [credentialId]),

    touchPasskey: (id: string, counter: number, now: Date) =>
      db.query("UPDATE passkeys SET counter = $2, last_used_at = $3 WHERE id = $1", [id, counter, now]),

    async deletePasskey(userId: string, id: string): Promise<boolean> {
      const rows = await db.query("DELETE FROM passkeys WHERE id = $1 AND user_id = $2 RETURNING id", [
        id,
        userId,
      ]);
      return rows.length > 0;
    },

    deleteAllPasskeys: (userId: string) => db.query("DELETE FROM passkeys WHERE user_id = $1", [userId]),

    // ---- deletion ----

    /** Anonymises the account row; the id stays (financial records point to it). */
    anonymiseUser: (
      userId: string,
      u: { username: string; email: string; passwordHash: string; now: Date },
    ) =>
      db.query(
        `UPDATE users SET username = $2, email = $3, display_name = 'Deleted user', password_hash = $4,
           deleted_at = $5, totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
         WHERE id = $1`,
        [userId, u.username, u.email, u.passwordHash, u.now],
      ),

    deleteSellerProfile: (userId: string) =>
      db.query("DELETE FROM seller_profiles WHERE user_id = $1", [userId]),
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
