import { addSeconds } from "../../platform/clock";
import { AppError, badRequest, conflict, notFound, unauthenticated } from "../../platform/errors";
import { hashSecret, newId, newSecret } from "../../platform/ids";
import { hashPassword, verifyPassword } from "../../platform/passwords";
import { createAccountDataRepository } from "./identity.account-data.repository";
import { toMe } from "./identity.models";
import { createIdentityRepository } from "./identity.repository";
import { assertStrongPassword } from "./identity.strength";
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, otpauthUrl } from "./identity.totp";
import {
  acceptSecondFactor,
  announceRevocation,
  decoy,
  getMe,
  sendVerificationEmail,
  type Deps,
} from "./identity.usecases";

const invalidToken = () =>
  badRequest("invalid_token", "This link is not valid: it was already used, has expired or is unknown.");
const wrongPassword = () =>
  new AppError(400, "wrong_password", "Wrong password", "The current password is wrong.", [
    { path: "currentPassword", message: "is wrong" },
  ]);
const invalidCode = () =>
  new AppError(400, "invalid_code", "Wrong code", "The code is wrong, expired or already used.", [
    { path: "code", message: "is wrong" },
  ]);

// ---- e-mail verification ----

export async function verifyEmail(deps: Deps, { token }: { token: string }): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const repo = createIdentityRepository(tx);
    const used = await repo.useAccountToken("verify_email", hashSecret(token), now);
    if (!used) throw invalidToken();
    await repo.markEmailVerified(used.user_id, now);
  });
}

export async function resendVerification(deps: Deps, { userId }: { userId: string }): Promise<void> {
  const user = await getMe(deps, { userId });
  if (user.email_verified_at) throw conflict("This e-mail address is already confirmed.");
  await deps.db.transaction((tx) => sendVerificationEmail(deps, tx, user));
}

// ---- password reset ----

export const RESET_ACCEPTED = {
  status: "accepted" as const,
  detail: "If an account uses this e-mail address, a link to choose a new password is on its way.",
};

/**
 * Always the same answer (202 and body). For a known address, a 1-hour single-use link is e-mailed;
 * earlier links stop working. The unknown-address path hashes a password too so both cost alike.
 */
export async function requestPasswordReset(deps: Deps, { email }: { email: string }) {
  const now = deps.clock.now();
  const user = await createIdentityRepository(deps.db).findUserByEmail(email);
  if (!user || user.suspended_at) {
    await hashPassword(newSecret(8), deps.config.auth.argon2);
    return RESET_ACCEPTED;
  }
  await hashPassword(newSecret(8), deps.config.auth.argon2);
  await deps.db.transaction(async (tx) => {
    const repo = createIdentityRepository(tx);
    await repo.retireAccountTokens(user.id, "password_reset", now);
    const token = newSecret(32);
    await repo.insertAccountToken({
      id: newId("atk"),
      userId: user.id,
      purpose: "password_reset",
      tokenHash: hashSecret(token),
      now,
      expiresAt: addSeconds(now, deps.config.auth.passwordResetSeconds),
    });
    const link = `${deps.config.notifications.publicUrl}/reset-password?token=${token}`;
    await deps.accountMail.queue(tx, {
      userId: user.id,
      to: user.email,
      subject: "Choose a new password",
      text:
        `Someone (hopefully you) asked to reset the password of your Atelier account.\n\n` +
        `Choose a new password here (the link works once, for one hour):\n\n${link}\n\n` +
        `Reset code: ${token}\n\nIf it was not you, ignore this e-mail: your password stays as it is.`,
      now,
    });
  });
  return RESET_ACCEPTED;
}

/** Sets the new password from a reset link; every session and the link itself end. */
export async function confirmPasswordReset(
  deps: Deps,
  { token, password }: { token: string; password: string },
) {
  const now = deps.clock.now();
  const tokenHash = hashSecret(token);
  // A weak password is refused before the link is used, so the person can try another one.
  const live = await createIdentityRepository(deps.db).findLiveAccountToken("password_reset", tokenHash, now);
  if (!live) throw invalidToken();
  const user = await getMe(deps, { userId: live.user_id });
  await assertStrongPassword(password, deps.config.auth.passwordMinScore, [user.email, user.username]);
  const passwordHash = await hashPassword(password, deps.config.auth.argon2);
  await deps.db.transaction(async (tx) => {
    const repo = createIdentityRepository(tx);
    // Used in the same transaction as the change: of two racing confirmations one wins.
    if (!(await repo.useAccountToken("password_reset", tokenHash, now))) throw invalidToken();
    await repo.setPasswordHash(user.id, passwordHash);
    await repo.revokeAllSessionsOf(user.id, now);
    await repo.retireAccountTokens(user.id, "password_reset", now);
    // Reading the link proves the address.
    await repo.markEmailVerified(user.id, now);
  });
  announceRevocation(deps, user.id, "password reset");
}

/** Changes the password; every other session of the user ends (this one stays). */
export async function changePassword(
  deps: Deps,
  p: { userId: string; sessionId: string | undefined; currentPassword: string; newPassword: string },
) {
  const user = await getMe(deps, { userId: p.userId });
  if (!(await verifyPassword(user.password_hash, p.currentPassword))) throw wrongPassword();
  await assertStrongPassword(
    p.newPassword,
    deps.config.auth.passwordMinScore,
    [user.email, user.username],
    "newPassword",
  );
  const passwordHash = await hashPassword(p.newPassword, deps.config.auth.argon2);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const repo = createIdentityRepository(tx);
    await repo.setPasswordHash(user.id, passwordHash);
    await repo.revokeAllSessionsOf(user.id, now, p.sessionId);
    await deps.accountMail.queue(tx, {
      userId: user.id,
      to: user.email,
      subject: "Your password was changed",
      text: "The password of your Atelier account was just changed, and your other sessions were signed out.",
      now,
    });
  });
  announceRevocation(deps, user.id, "password changed");
}

// ---- two-factor ----

/** Starts enrolment: a new secret (replacing an unconfirmed one). */
export async function beginTwoFactor(deps: Deps, { userId }: { userId: string }) {
  const user = await getMe(deps, { userId });
  if (user.totp_enabled_at)
    throw conflict("Two-factor is already on; turn it off first.", "two_factor_already_enabled");
  const secret = newTotpSecret();
  await createIdentityRepository(deps.db).setTotpSecret(user.id, secret);
  return { secret, otpauthUrl: otpauthUrl(secret, deps.config.auth.totpIssuer, user.email) };
}

/** Confirms enrolment with a code from the app; returns 10 recovery codes (shown once). */
export async function confirmTwoFactor(deps: Deps, { userId, code }: { userId: string; code: string }) {
  const user = await getMe(deps, { userId });
  if (user.totp_enabled_at)
    throw conflict("Two-factor is already on; turn it off first.", "two_factor_already_enabled");
  if (!user.totp_secret) throw conflict("Start two-factor enrolment first.", "two_factor_not_enabled");
  const now = deps.clock.now();
  const step = matchTotp(user.totp_secret, code, now);
  if (step === undefined) throw invalidCode();
  const codes = newRecoveryCodes(10);
  await deps.db.transaction(async (tx) => {
    const repo = createIdentityRepository(tx);
    await repo.enableTotp(user.id, step, now);
    await repo.replaceRecoveryCodes(user.id, codes.map(hashRecoveryCode), now);
    await deps.accountMail.queue(tx, {
      userId: user.id,
      to: user.email,
      subject: "Two-factor sign-in is on",
      text: "Two-factor sign-in was turned on for your Atelier account.",
      now,
    });
  });
  return { recoveryCodes: codes };
}

/** Turns two-factor off with a current code (or a recovery code). */
export async function disableTwoFactor(deps: Deps, { userId, code }: { userId: string; code: string }) {
  const user = await getMe(deps, { userId });
  if (!user.totp_enabled_at || !user.totp_secret)
    throw conflict("Two-factor is not on.", "two_factor_not_enabled");
  if (!(await acceptSecondFactor(deps, user, code))) throw invalidCode();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const repo = createIdentityRepository(tx);
    await repo.disableTotp(user.id);
    await repo.deleteRecoveryCodes(user.id);
    await deps.accountMail.queue(tx, {
      userId: user.id,
      to: user.email,
      subject: "Two-factor sign-in is off",
      text: "Two-factor sign-in was turned off for your Atelier account. If it was not you, reset your password.",
      now,
    });
  });
}

// ---- sessions ----

export async function listSessions(
  deps: Deps,
  { userId, currentId }: { userId: string; currentId?: string },
) {
  const rows = await createIdentityRepository(deps.db).listLiveSessions(userId, deps.clock.now());
  const idleMs = deps.config.auth.sessionIdleSeconds * 1000;
  const now = deps.clock.now().getTime();
  return rows
    .filter((r) => now - r.last_seen_at.getTime() <= idleMs)
    .map((r) => ({
      id: r.id,
      createdAt: r.created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      userAgent: r.user_agent,
      ip: r.ip,
      current: r.id === currentId,
    }));
}

export async function revokeSession(
  deps: Deps,
  { userId, sessionId }: { userId: string; sessionId: string },
) {
  const ok = await createIdentityRepository(deps.db).revokeSessionOf(userId, sessionId, deps.clock.now());
  if (!ok) throw notFound("session");
  announceRevocation(deps, userId, "session revoked");
}

// ---- export and deletion ----

/** Everything stored about the caller, as one JSON document (secrets and hashes left out). */
export async function exportAccount(deps: Deps, { userId }: { userId: string }) {
  const user = await getMe(deps, { userId });
  const repo = createIdentityRepository(deps.db);
  const [data, sessions, tokens, passkeys] = await Promise.all([
    createAccountDataRepository(deps.db).export(userId),
    repo.listLiveSessions(userId, deps.clock.now()),
    repo.listTokens(userId),
    repo.listPasskeys(userId),
  ]);
  return {
    exportedAt: deps.clock.now().toISOString(),
    profile: toMe(user),
    ...data,
    sessions,
    accessTokens: tokens,
    passkeys: passkeys.map((p) => ({
      id: p.id,
      name: p.name,
      createdAt: p.created_at,
      lastUsedAt: p.last_used_at,
    })),
  };
}

/**
 * Deletes the account: refused (409 `open_orders`) while an order is open. The row stays (orders,
 * reviews and ledger lines point to it) but loses its e-mail, names and password: public traces
 * show "Deleted user"; gigs are archived and leave search; sessions, tokens, passkeys and two-factor
 * end. Ledger entries are not touched.
 */
export async function deleteAccount(deps: Deps, { userId, password }: { userId: string; password: string }) {
  const user = await getMe(deps, { userId });
  if (!(await verifyPassword(user.password_hash, password))) {
    throw new AppError(400, "wrong_password", "Wrong password", "The password is wrong.", [
      { path: "password", message: "is wrong" },
    ]);
  }
  const unusable = await decoy(deps);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const repo = createIdentityRepository(tx);
    const locked = await repo.lockUser(user.id);
    if (!locked || locked.deleted_at) throw unauthenticated();
    const data = createAccountDataRepository(tx);
    const open = await data.openOrderCount(user.id);
    if (open > 0)
      throw conflict(
        `You have ${open} open order${open === 1 ? "" : "s"}; finish or cancel ${open === 1 ? "it" : "them"} first.`,
        "open_orders",
      );
    const tag = user.id.slice(-10);
    await repo.anonymiseUser(user.id, {
      username: `deleted_${tag}`,
      email: `deleted+${user.id}@deleted.invalid`,
      passwordHash: unusable,
      now,
    });
    await repo.revokeAllSessionsOf(user.id, now);
    await repo.revokeAllTokensOf(user.id, now);
    await repo.deleteAllPasskeys(user.id);
    await repo.deleteRecoveryCodes(user.id);
    await repo.retireAccountTokens(user.id, "password_reset", now);
    await repo.retireAccountTokens(user.id, "verify_email", now);
    await data.archiveGigs(user.id, now);
    await repo.deleteSellerProfile(user.id);
    await deps.events.emit(tx, { type: "account.deleted", userIds: [], data: { userId: user.id } }, now);
  });
  announceRevocation(deps, user.id, "account deleted");
}
