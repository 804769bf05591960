import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { addSeconds } from "../../platform/clock";
import { AppError, notFound } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { createIdentityRepository } from "./identity.repository";
import { getMe, startSession, suspendedProblem, type Deps, type Meta } from "./identity.usecases";

/**
 * The WebAuthn library is loaded on the first passkey request, not at start: with its certificate
 * parsers it was the largest module the server loaded before it could answer (docs/operations.md,
 * "Start time").
 */
const webauthn = () => import("@simplewebauthn/server");

/** Where the browser is: the relying party id (a host name) and the origin its responses carry. */
export interface RelyingParty {
  rpId: string;
  origins: string[];
}

const failed = (detail = "The passkey could not be verified.") =>
  new AppError(400, "passkey_failed", "Passkey not accepted", detail);

/**
 * The relying party of a request: configured (production behind a proxy) or the request's own host.
 * Passkeys need a host name; browsers refuse them on IP addresses (use `localhost`).
 */
export function relyingParty(
  deps: Pick<Deps, "config">,
  request: { protocol: string; host: string; hostname: string },
): RelyingParty {
  const cfg = deps.config.auth.webauthn;
  return {
    rpId: cfg.rpId ?? request.hostname,
    origins: cfg.origins ?? [`${request.protocol}://${request.host}`],
  };
}

async function saveChallenge(
  deps: Deps,
  userId: string | null,
  purpose: "register" | "authenticate",
  challenge: string,
) {
  const id = newId("wch");
  await createIdentityRepository(deps.db).insertChallenge({
    id,
    userId,
    purpose,
    challenge,
    expiresAt: addSeconds(deps.clock.now(), deps.config.auth.webauthn.challengeSeconds),
  });
  return id;
}

/** Options for `navigator.credentials.create()`: a discoverable credential with user verification. */
export async function passkeyRegistrationOptions(
  deps: Deps,
  { userId, rp }: { userId: string; rp: RelyingParty },
) {
  const user = await getMe(deps, { userId });
  const existing = await createIdentityRepository(deps.db).listPasskeys(user.id);
  const options = await (
    await webauthn()
  ).generateRegistrationOptions({
    rpName: deps.config.auth.webauthn.rpName,
    rpID: rp.rpId,
    userName: user.email,
    userDisplayName: user.display_name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: p.transports })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  const challengeId = await saveChallenge(deps, user.id, "register", options.challenge);
  return { challengeId, options: options as unknown as Record<string, unknown> };
}

export async function registerPasskey(
  deps: Deps,
  p: {
    userId: string;
    rp: RelyingParty;
    challengeId: string;
    name?: string;
    response: Record<string, unknown>;
  },
) {
  const now = deps.clock.now();
  const repo = createIdentityRepository(deps.db);
  const challenge = await repo.useChallenge(p.challengeId, "register", p.userId, now);
  if (!challenge) throw failed("The passkey request expired; try again.");
  let verification;
  try {
    verification = await (
      await webauthn()
    ).verifyRegistrationResponse({
      response: p.response as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: p.rp.origins,
      expectedRPID: p.rp.rpId,
      requireUserVerification: true,
    });
  } catch (error) {
    throw failed(error instanceof Error ? error.message : undefined);
  }
  if (!verification.verified) throw failed();
  const { credential } = verification.registrationInfo;
  const id = newId("psk");
  const name = p.name ?? `Passkey added ${now.toISOString().slice(0, 10)}`;
  await repo.insertPasskey({
    id,
    userId: p.userId,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString("base64url"),
    counter: credential.counter,
    transports: credential.transports ?? [],
    name,
    now,
  });
  return { id, name, createdAt: now.toISOString(), lastUsedAt: null };
}

export async function listPasskeys(deps: Pick<Deps, "db">, { userId }: { userId: string }) {
  const rows = await createIdentityRepository(deps.db).listPasskeys(userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  }));
}

export async function deletePasskey(deps: Pick<Deps, "db">, { userId, id }: { userId: string; id: string }) {
  if (!(await createIdentityRepository(deps.db).deletePasskey(userId, id))) throw notFound("passkey");
}

/** Options for `navigator.credentials.get()`: any discoverable passkey of this site. */
export async function passkeyLoginOptions(deps: Deps, { rp }: { rp: RelyingParty }) {
  const options = await (
    await webauthn()
  ).generateAuthenticationOptions({ rpID: rp.rpId, userVerification: "required" });
  const challengeId = await saveChallenge(deps, null, "authenticate", options.challenge);
  return { challengeId, options: options as unknown as Record<string, unknown> };
}

/**
 * Signs in with a passkey. A passkey with user verification is two factors in one (the device and
 * the PIN or biometric), so no TOTP code is asked for. Suspended accounts are refused.
 */
export async function loginWithPasskey(
  deps: Deps,
  p: {
    rp: RelyingParty;
    challengeId: string;
    response: Record<string, unknown>;
    meta: Meta;
    previousToken?: string;
  },
) {
  const now = deps.clock.now();
  const repo = createIdentityRepository(deps.db);
  const challenge = await repo.useChallenge(p.challengeId, "authenticate", null, now);
  if (!challenge) throw failed("The passkey request expired; try again.");
  const credentialId = typeof p.response.id === "string" ? p.response.id : "";
  const passkey = credentialId ? await repo.findPasskeyByCredentialId(credentialId) : undefined;
  if (!passkey) throw failed("This passkey is not registered here.");
  let verification;
  try {
    verification = await (
      await webauthn()
    ).verifyAuthenticationResponse({
      response: p.response as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge.challenge,
      expectedOrigin: p.rp.origins,
      expectedRPID: p.rp.rpId,
      credential: {
        id: passkey.credential_id,
        publicKey: new Uint8Array(Buffer.from(passkey.public_key, "base64url")),
        counter: Number(passkey.counter),
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
  } catch (error) {
    throw failed(error instanceof Error ? error.message : undefined);
  }
  if (!verification.verified) throw failed();
  await repo.touchPasskey(passkey.id, verification.authenticationInfo.newCounter, now);
  const user = await repo.findUserById(passkey.user_id);
  if (!user || user.deleted_at) throw failed("This passkey is not registered here.");
  if (user.suspended_at) throw await suspendedProblem(deps.db, user.id);
  return startSession(deps, user, p.meta, p.previousToken);
}
