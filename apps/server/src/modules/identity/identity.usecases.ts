import type { SellerProfileBody, SignupBody } from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import { createLoader, onePer } from "../../platform/batcher";
import { addSeconds } from "../../platform/clock";
import { conflict, invalidCredentials, notFound, rateLimited, unauthenticated } from "../../platform/errors";
import { hashSecret, newId, newSecret } from "../../platform/ids";
import { hashPassword, verifyPassword } from "../../platform/passwords";
import { clearBucket, returnToBucket, takeFromBucket } from "../../platform/rate-limit";
import { sellerMetrics } from "../reputation/reputation.usecases";
import { sellerRating } from "../reviews/reviews.usecases";
import { toAuthUser, toPublicProfile, type AuthContext } from "./identity.models";
import { createIdentityRepository, type UserRow } from "./identity.repository";

type Deps = Pick<AppDeps, "db" | "clock" | "config">;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Personal access tokens carry a recognisable prefix so leaked ones can be found by scanners. */
export const TOKEN_PREFIX = "atl_pat_";

/** A hash of a random password, verified against when the e-mail is unknown so both paths cost the same. */
let decoyHash: Promise<string> | undefined;
function decoy(deps: Deps): Promise<string> {
  decoyHash ??= hashPassword(newSecret(16), deps.config.auth.argon2);
  return decoyHash;
}

async function openSession(
  deps: Deps,
  q: Parameters<ReturnType<typeof createIdentityRepository>["insertSession"]>[0],
  userId: string,
  meta: { userAgent?: string; ip?: string },
): Promise<NewSession> {
  const repo = createIdentityRepository(deps);
  const now = deps.clock.now();
  const token = newSecret(32);
  const expiresAt = addSeconds(now, deps.config.auth.sessionAbsoluteSeconds);
  await repo.insertSession(q, {
    id: newId("ses"),
    userId,
    tokenHash: hashSecret(token),
    now,
    expiresAt,
    ...meta,
  });
  return { token, csrfToken: newSecret(24), expiresAt };
}

/** Creates an account and signs it in. Duplicate e-mail or username → 409 naming the field. */
export async function signup(
  deps: Deps,
  { body, meta }: { body: SignupBody; meta: { userAgent?: string; ip?: string } },
): Promise<{ user: UserRow; session: NewSession }> {
  const repo = createIdentityRepository(deps);
  const passwordHash = await hashPassword(body.password, deps.config.auth.argon2);
  return deps.db.transaction(async (tx) => {
    const user = await repo.insertUser(tx, {
      id: newId("usr"),
      email: body.email,
      username: body.username,
      displayName: body.displayName ?? body.username,
      passwordHash,
      now: deps.clock.now(),
    });
    if (!user) {
      const taken = await repo.emailOrUsernameTaken(body.email, body.username, tx);
      const errors = [
        ...(taken.email_taken ? [{ path: "email", message: "is already registered" }] : []),
        ...(taken.username_taken ? [{ path: "username", message: "is already taken" }] : []),
      ];
      throw conflict("An account with this e-mail or username already exists.", "account_exists", errors);
    }
    const session = await openSession(deps, tx, user.id, meta);
    return { user, session };
  });
}

/**
 * Signs in. Wrong e-mail and wrong password give the same 401. Failures are counted per account and
 * per IP in fixed windows; past the limit → 429 with Retry-After until the window ends. Each attempt
 * takes its unit before the password is checked (so a burst of parallel guesses cannot outrun the
 * count); a successful sign-in clears the account's counter and gives the IP's unit back.
 */
export async function login(
  deps: Deps,
  input: {
    email: string;
    password: string;
    meta: { userAgent?: string; ip?: string };
    previousToken?: string;
  },
): Promise<{ user: UserRow; session: NewSession }> {
  const { db, clock, config } = deps;
  const repo = createIdentityRepository(deps);
  const window = config.auth.loginWindowSeconds;
  const accountBucket = `login:account:${input.email.toLowerCase()}`;
  const ipBucket = `login:ip:${input.meta.ip ?? "unknown"}`;
  const now = clock.now();
  const tooMany = "Too many failed sign-in attempts; try again later.";
  const account = await takeFromBucket(db, accountBucket, config.auth.loginFailuresPerAccount, window, now);
  if (!account.allowed) throw rateLimited(account.resetsIn, tooMany);
  const ip = await takeFromBucket(db, ipBucket, config.auth.loginFailuresPerIp, window, now);
  if (!ip.allowed) {
    await returnToBucket(db, accountBucket, account.windowStart);
    throw rateLimited(ip.resetsIn, tooMany);
  }

  const user = await repo.findUserByEmail(input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await decoy(deps)), input.password);
  if (!user || !ok || user.suspended_at) throw invalidCredentials(); // the units taken count the failure
  await clearBucket(db, accountBucket);
  await returnToBucket(db, ipBucket, ip.windowStart);
  return db.transaction(async (tx) => {
    // Rotate: the session the browser held before signing in is revoked, never reused.
    if (input.previousToken) {
      await tx.query("UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL", [
        hashSecret(input.previousToken),
        now,
      ]);
    }
    const session = await openSession(deps, tx, user.id, input.meta);
    return { user, session };
  });
}

export async function logout(deps: Deps, { sessionId }: { sessionId: string }): Promise<void> {
  await createIdentityRepository(deps).revokeSession(sessionId, deps.clock.now());
}

/**
 * Resolves a session cookie. Sessions end at their absolute expiry or after the idle period without
 * use; `last_seen_at` is written at most once a minute to keep reads cheap.
 */
export async function authenticateSession(deps: Deps, token: string): Promise<AuthContext | undefined> {
  const repo = createIdentityRepository(deps);
  const now = deps.clock.now();
  const row = await repo.findLiveSessionByHash(hashSecret(token), now);
  if (!row) return undefined;
  const idleMs = now.getTime() - row.session_last_seen_at.getTime();
  if (idleMs > deps.config.auth.sessionIdleSeconds * 1000) {
    await repo.revokeSession(row.session_id, now);
    return undefined;
  }
  if (row.suspended_at) return undefined;
  if (idleMs > 60_000) await repo.touchSession(row.session_id, now);
  return { user: toAuthUser(row), via: "cookie", sessionId: row.session_id };
}

/** Token checks of concurrent requests share one statement (one loader per app). */
const tokenLoader = onePer((deps: Deps) =>
  createLoader(async (hashes) => {
    const rows = await createIdentityRepository(deps).findLiveTokensByHash(hashes);
    return new Map(rows.map((r) => [r.token_hash, r]));
  }),
);

export async function authenticateToken(deps: Deps, token: string): Promise<AuthContext | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const repo = createIdentityRepository(deps);
  const row = await tokenLoader(deps)(hashSecret(token));
  if (!row || row.suspended_at) return undefined;
  const now = deps.clock.now();
  if (!row.token_last_used_at || now.getTime() - row.token_last_used_at.getTime() > 60_000)
    await repo.touchToken(row.token_id, now);
  return { user: toAuthUser(row), via: "token" };
}

export async function getMe(deps: Deps, { userId }: { userId: string }): Promise<UserRow> {
  const user = await createIdentityRepository(deps).findUserById(userId);
  if (!user) throw unauthenticated();
  return user;
}

export async function createToken(deps: Deps, { userId, name }: { userId: string; name: string }) {
  const token = TOKEN_PREFIX + newSecret(32);
  const id = newId("pat");
  const now = deps.clock.now();
  await createIdentityRepository(deps).insertToken({ id, userId, name, tokenHash: hashSecret(token), now });
  return { id, name, token, createdAt: now.toISOString() };
}

export async function listTokens(deps: Deps, { userId }: { userId: string }) {
  const rows = await createIdentityRepository(deps).listTokens(userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  }));
}

export async function revokeToken(deps: Deps, { userId, tokenId }: { userId: string; tokenId: string }) {
  const revoked = await createIdentityRepository(deps).revokeToken(userId, tokenId, deps.clock.now());
  if (!revoked) throw notFound("token");
}

/** Saves the seller profile; the first save makes the user a seller at level New. */
export async function saveSellerProfile(
  deps: Deps,
  { userId, body }: { userId: string; body: SellerProfileBody },
): Promise<UserRow> {
  const repo = createIdentityRepository(deps);
  return deps.db.transaction(async (tx) => {
    await repo.upsertSellerProfile(tx, userId, body, deps.clock.now());
    const user = await repo.findUserById(userId, tx);
    if (!user) throw unauthenticated();
    return user;
  });
}

/** A user's public profile; suspended users are gone from public view. */
export async function getPublicProfile(deps: Deps, { username }: { username: string }) {
  const repo = createIdentityRepository(deps);
  const user = await repo.findUserByUsername(username);
  if (!user || user.suspended_at) throw notFound("user");
  const profile = user.is_seller ? await repo.findSellerProfile(user.id) : undefined;
  if (!user.is_seller)
    return toPublicProfile(user, profile, { ratingAverage: null, ratingCount: 0, responseTimeHours: null });
  // Reputation figures come from the reviews and reputation modules, which own them.
  const [rating, metrics] = await Promise.all([
    sellerRating(deps.db, user.id),
    sellerMetrics(deps, deps.db, user.id, deps.clock.now()),
  ]);
  return toPublicProfile(user, profile, {
    ratingAverage: rating.average,
    ratingCount: rating.count,
    responseTimeHours: metrics.averageFirstResponseHours,
  });
}

export async function grantAdmin(deps: Deps, { email }: { email: string }) {
  const ok = await createIdentityRepository(deps).grantAdmin(email);
  if (!ok) throw notFound("user");
}
