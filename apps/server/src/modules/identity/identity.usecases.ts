import type { SellerProfileBody, SignupBody, TokenScope } from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import type { Queryable } from "../../db/client";
import { createLoader } from "../../platform/batcher";
import { addSeconds } from "../../platform/clock";
import {
  AppError,
  conflict,
  forbidden,
  invalidCredentials,
  notFound,
  rateLimited,
  unauthenticated,
  validationFailed,
} from "../../platform/errors";
import { APP_PATH_SEGMENTS } from "../../platform/app-paths";
import { hashSecret, newId, newSecret } from "../../platform/ids";
import { hashPassword, verifyPassword } from "../../platform/passwords";
import { clearBucket, returnToBucket, takeFromBucket } from "../../platform/rate-limit";
import { toAuthUser, toPublicProfile, type AuthContext } from "./identity.models";
import { createIdentityRepository, type UserRow } from "./identity.repository";
import { assertStrongPassword } from "./identity.strength";
import { hashRecoveryCode, looksLikeRecoveryCode, matchTotp } from "./identity.totp";

export type Deps = Pick<AppDeps, "db" | "clock" | "config" | "events" | "accountMail">;
export type Meta = { userAgent?: string; ip?: string };

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Personal access tokens carry a recognisable prefix so leaked ones can be found by scanners. */
export const TOKEN_PREFIX = "atl_pat_";

/**
 * The CSRF token of a session is derived from the session's own secret, so it is bound to that
 * session: a token planted in the browser by a sibling site (cookie tossing) or taken from another
 * session does not match. The web app reads it from the `atelier_csrf` cookie.
 */
export function csrfTokenFor(sessionToken: string): string {
  return Buffer.from(hashSecret(`csrf:${sessionToken}`), "hex").toString("base64url");
}

/** A hash of a random password, verified against when the e-mail is unknown so both paths cost the same. */
let decoyHash: Promise<string> | undefined;
export function decoy(deps: Pick<Deps, "config">): Promise<string> {
  decoyHash ??= hashPassword(newSecret(16), deps.config.auth.argon2);
  return decoyHash;
}

export async function openSession(deps: Deps, q: Queryable, userId: string, meta: Meta): Promise<NewSession> {
  const now = deps.clock.now();
  const token = newSecret(32);
  const expiresAt = addSeconds(now, deps.config.auth.sessionAbsoluteSeconds);
  await createIdentityRepository(q).insertSession({
    id: newId("ses"),
    userId,
    tokenHash: hashSecret(token),
    now,
    expiresAt,
    ...meta,
  });
  return { token, csrfToken: csrfTokenFor(token), expiresAt };
}

/** Tells the open sockets of `userId` (in every process) to check their credentials now. */
export function announceRevocation(deps: Pick<Deps, "events">, userId: string, reason: string): void {
  deps.events.publishCommitted([{ type: "credentials.revoked", userIds: [userId], data: { reason } }]);
}

/** Writes a verification e-mail (a 48-hour single-use link) in `tx`; earlier links stop working. */
export async function sendVerificationEmail(deps: Deps, tx: Queryable, user: Pick<UserRow, "id" | "email">) {
  const now = deps.clock.now();
  const repo = createIdentityRepository(tx);
  await repo.retireAccountTokens(user.id, "verify_email", now);
  const token = newSecret(32);
  await repo.insertAccountToken({
    id: newId("atk"),
    userId: user.id,
    purpose: "verify_email",
    tokenHash: hashSecret(token),
    now,
    expiresAt: addSeconds(now, deps.config.auth.verifyEmailSeconds),
  });
  const link = `${deps.config.notifications.publicUrl}/verify-email?token=${token}`;
  await deps.accountMail.queue(tx, {
    userId: user.id,
    to: user.email,
    subject: "Confirm your e-mail address",
    text:
      `Welcome to Atelier. Confirm that this is your e-mail address:\n\n${link}\n\n` +
      `Or paste this code on the page: ${token}\n\nThe link works once, for 48 hours.`,
    now,
  });
}

/** Creates an account and signs it in. Duplicate e-mail or username → 409 naming the field. */
export async function signup(
  deps: Deps,
  { body, meta }: { body: SignupBody; meta: Meta },
): Promise<{ user: UserRow; session: NewSession }> {
  // Gig pages live at /<username>/<slug>: a username may not be one of the site's own paths.
  if (APP_PATH_SEGMENTS.has(body.username))
    throw validationFailed([{ path: "username", message: "is reserved for one of the site's own pages" }]);
  await assertStrongPassword(body.password, deps.config.auth.passwordMinScore, [
    body.email,
    body.username,
    body.displayName ?? "",
  ]);
  const passwordHash = await hashPassword(body.password, deps.config.auth.argon2);
  return deps.db.transaction(async (tx) => {
    const repo = createIdentityRepository(tx);
    const user = await repo.insertUser({
      id: newId("usr"),
      email: body.email,
      username: body.username,
      displayName: body.displayName ?? body.username,
      passwordHash,
      now: deps.clock.now(),
    });
    if (!user) {
      const taken = await repo.emailOrUsernameTaken(body.email, body.username);
      const errors = [
        ...(taken.email_taken ? [{ path: "email", message: "is already registered" }] : []),
        ...(taken.username_taken ? [{ path: "username", message: "is already taken" }] : []),
      ];
      throw conflict("An account with this e-mail or username already exists.", "account_exists", errors);
    }
    await sendVerificationEmail(deps, tx, user);
    const session = await openSession(deps, tx, user.id, meta);
    return { user, session };
  });
}

/**
 * The 403 a suspended user gets once they proved who they are: `detail` cites the rule and the
 * reason (and the end, if any), and says they may appeal (PRODUCT.md "Trust and safety").
 */
export async function suspendedProblem(q: Queryable, userId: string): Promise<AppError> {
  const s = await createIdentityRepository(q).activeSuspension(userId);
  const why = s ? ` under the rule "${s.rule}": ${s.reason}` : "";
  const until = s?.ends_at ? ` The suspension ends on ${s.ends_at.toISOString()}.` : "";
  return new AppError(
    403,
    "account_suspended",
    "Account suspended",
    `This account is suspended${why}.${until} You can appeal the suspension once.`,
  );
}

/**
 * Checks an e-mail and password without signing in (a suspended user's appeal proves who they are
 * this way). Wrong e-mail and wrong password give the same 401.
 */
export async function verifyCredentials(
  deps: Pick<Deps, "db" | "config">,
  input: { email: string; password: string },
): Promise<UserRow> {
  const user = await createIdentityRepository(deps.db).findUserByEmail(input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await decoy(deps)), input.password);
  if (!user || !ok) throw invalidCredentials();
  return user;
}

const twoFactorRequired = () =>
  new AppError(
    401,
    "two_factor_required",
    "Two-factor code required",
    "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
  );

/**
 * Checks a second-factor code for a user with two-factor on: a TOTP code of the current step ±1 that
 * is later than the last accepted one, or an unused recovery code (which is then used up).
 */
export async function acceptSecondFactor(
  deps: Deps,
  user: UserRow,
  code: string | undefined,
): Promise<boolean> {
  if (!code || !user.totp_secret) return false;
  const repo = createIdentityRepository(deps.db);
  const now = deps.clock.now();
  const step = matchTotp(user.totp_secret, code, now);
  if (step !== undefined) return repo.claimTotpStep(user.id, step);
  if (looksLikeRecoveryCode(code)) return repo.useRecoveryCode(user.id, hashRecoveryCode(code), now);
  return false;
}

/**
 * Signs in. Wrong e-mail and wrong password give the same 401. Failures are counted per account AND
 * source (the pair e-mail + IP) and per source, in fixed windows (OWASP): a stranger guessing a known
 * e-mail from their address is throttled there (429 with Retry-After), while the owner signing in
 * from another address is not locked out. Each attempt takes its unit before the password is checked
 * (a burst of parallel guesses cannot outrun the count); a successful sign-in clears the pair's
 * counter and gives the source's unit back. A wrong or missing second factor counts as a failure.
 */
export async function login(
  deps: Deps,
  input: { email: string; password: string; code?: string; meta: Meta; previousToken?: string },
): Promise<{ user: UserRow; session: NewSession }> {
  const { db, clock, config } = deps;
  const repo = createIdentityRepository(db);
  const window = config.auth.loginWindowSeconds;
  const source = input.meta.ip ?? "unknown";
  const pairBucket = `login:pair:${input.email.toLowerCase()}:${source}`;
  const sourceBucket = `login:ip:${source}`;
  const now = clock.now();
  const tooMany = "Too many failed sign-in attempts; try again later.";
  const pair = await takeFromBucket(db, pairBucket, config.auth.loginFailuresPerAccount, window, now);
  if (!pair.allowed) throw rateLimited(pair.resetsIn, tooMany);
  const ip = await takeFromBucket(db, sourceBucket, config.auth.loginFailuresPerIp, window, now);
  if (!ip.allowed) {
    await returnToBucket(db, pairBucket, pair.windowStart);
    throw rateLimited(ip.resetsIn, tooMany);
  }

  const user = await repo.findUserByEmail(input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await decoy(deps)), input.password);
  if (!user || !ok) throw invalidCredentials(); // the units taken count the failure
  // The password is right: the owner may learn that the account is suspended (and why).
  if (user.suspended_at) throw await suspendedProblem(db, user.id);
  if (user.totp_enabled_at && !(await acceptSecondFactor(deps, user, input.code))) throw twoFactorRequired();
  await clearBucket(db, pairBucket);
  await returnToBucket(db, sourceBucket, ip.windowStart);
  return startSession(deps, user, input.meta, input.previousToken);
}

/** Opens a session for a user who proved who they are; the browser's previous session is revoked. */
export async function startSession(
  deps: Deps,
  user: UserRow,
  meta: Meta,
  previousToken?: string,
): Promise<{ user: UserRow; session: NewSession }> {
  return deps.db.transaction(async (tx) => {
    // Rotate: the session the browser held before signing in is revoked, never reused.
    if (previousToken) {
      await createIdentityRepository(tx).revokeSessionByHash(hashSecret(previousToken), deps.clock.now());
    }
    const session = await openSession(deps, tx, user.id, meta);
    return { user, session };
  });
}

export async function logout(deps: Deps, { userId, sessionId }: { userId: string; sessionId: string }) {
  await createIdentityRepository(deps.db).revokeSession(sessionId, deps.clock.now());
  announceRevocation(deps, userId, "signed out");
}

/**
 * Resolves a session cookie. Sessions end at their absolute expiry or after the idle period without
 * use; `last_seen_at` is written at most once a minute to keep reads cheap.
 */
export async function authenticateSession(
  deps: Pick<Deps, "db" | "clock" | "config">,
  token: string,
): Promise<AuthContext | undefined> {
  const repo = createIdentityRepository(deps.db);
  const now = deps.clock.now();
  const row = await repo.findLiveSessionByHash(hashSecret(token), now);
  if (!row) return undefined;
  const idleMs = now.getTime() - row.session_last_seen_at.getTime();
  if (idleMs > deps.config.auth.sessionIdleSeconds * 1000) {
    await repo.revokeSession(row.session_id, now);
    return undefined;
  }
  if (row.suspended_at || row.deleted_at) return undefined;
  if (idleMs > 60_000) await repo.touchSession(row.session_id, now);
  return { user: toAuthUser(row), via: "cookie", sessionId: row.session_id };
}

/** Identity's per-app state: token checks of concurrent requests share one statement. */
export function createIdentityState(deps: Pick<Deps, "db">) {
  return {
    tokenLoader: createLoader(async (hashes) => {
      const rows = await createIdentityRepository(deps.db).findLiveTokensByHash(hashes);
      return new Map(rows.map((r) => [r.token_hash, r]));
    }),
  };
}

declare module "../../platform/deps" {
  interface AppState {
    identity: ReturnType<typeof createIdentityState>;
  }
}

export async function authenticateToken(
  deps: Pick<AppDeps, "db" | "clock" | "state">,
  token: string,
): Promise<AuthContext | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await deps.state.identity.tokenLoader(hashSecret(token));
  if (!row || row.suspended_at || row.deleted_at) return undefined;
  const now = deps.clock.now();
  if (!row.token_last_used_at || now.getTime() - row.token_last_used_at.getTime() > 60_000)
    await createIdentityRepository(deps.db).touchToken(row.token_id, now);
  return { user: toAuthUser(row), via: "token", tokenId: row.token_id, scopes: row.token_scopes };
}

export async function getMe(deps: Pick<Deps, "db">, { userId }: { userId: string }): Promise<UserRow> {
  const user = await createIdentityRepository(deps.db).findUserById(userId);
  if (!user || user.deleted_at) throw unauthenticated();
  return user;
}

/** Personal access tokens are made only from a signed-in browser session, never by another token. */
export async function createToken(
  deps: Deps,
  { auth, name, scopes }: { auth: AuthContext; name: string; scopes?: readonly TokenScope[] },
) {
  if (auth.via === "token")
    throw forbidden("An access token cannot create access tokens; sign in.", "insufficient_scope");
  const granted = [...new Set<TokenScope>(scopes ?? ["read", "write"])].sort();
  if (granted.includes("admin") && !auth.user.roles.includes("admin"))
    throw forbidden("Only administrators can create tokens with the admin scope.", "insufficient_scope");
  const token = TOKEN_PREFIX + newSecret(32);
  const id = newId("pat");
  const now = deps.clock.now();
  await createIdentityRepository(deps.db).insertToken({
    id,
    userId: auth.user.id,
    name,
    tokenHash: hashSecret(token),
    scopes: granted,
    now,
  });
  return { id, name, token, scopes: granted, createdAt: now.toISOString() };
}

export async function listTokens(deps: Pick<Deps, "db">, { userId }: { userId: string }) {
  const rows = await createIdentityRepository(deps.db).listTokens(userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: r.scopes as TokenScope[],
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  }));
}

export async function revokeToken(deps: Deps, { userId, tokenId }: { userId: string; tokenId: string }) {
  const revoked = await createIdentityRepository(deps.db).revokeToken(userId, tokenId, deps.clock.now());
  if (!revoked) throw notFound("token");
  announceRevocation(deps, userId, "token revoked");
}

/** Saves the seller profile; the first save makes the user a seller at level New. */
export async function saveSellerProfile(
  deps: Pick<Deps, "db" | "clock">,
  { userId, body }: { userId: string; body: SellerProfileBody },
): Promise<UserRow> {
  return deps.db.transaction(async (tx) => {
    const repo = createIdentityRepository(tx);
    await repo.upsertSellerProfile(userId, body, deps.clock.now());
    const user = await repo.findUserById(userId);
    if (!user) throw unauthenticated();
    return user;
  });
}

/** The public figures of a seller, owned by the reviews and reputation modules (above identity). */
export type SellerFigures = {
  ratingAverage: number | null;
  ratingCount: number;
  responseTimeHours: number | null;
};

/**
 * Reads a seller's public figures. Identity sits below reviews and reputation, so it takes them as a
 * port: the composition root (`app/modules.ts`) passes reputation's `sellerProfileFigures`.
 */
export type SellerFiguresPort = (userId: string) => Promise<SellerFigures>;

/** A user's public profile; suspended and deleted users are gone from public view. */
export async function getPublicProfile(
  deps: Pick<AppDeps, "db">,
  { username, sellerFigures }: { username: string; sellerFigures: SellerFiguresPort },
) {
  const repo = createIdentityRepository(deps.db);
  const user = await repo.findUserByUsername(username);
  if (!user || user.suspended_at || user.deleted_at) throw notFound("user");
  const profile = user.is_seller ? await repo.findSellerProfile(user.id) : undefined;
  if (!user.is_seller)
    return toPublicProfile(user, profile, { ratingAverage: null, ratingCount: 0, responseTimeHours: null });
  return toPublicProfile(user, profile, await sellerFigures(user.id));
}

export async function grantAdmin(deps: Pick<Deps, "db">, { email }: { email: string }) {
  const ok = await createIdentityRepository(deps.db).grantAdmin(email);
  if (!ok) throw notFound("user");
}
