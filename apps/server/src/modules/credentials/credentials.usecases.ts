import type { AppDeps } from "../../platform/deps";
import { readFile } from "node:fs/promises";
import { createPublicKey, type KeyObject } from "node:crypto";
import type { Db, Queryable } from "../../db/client";
import type { Clock } from "../../platform/clock";
import { notFound } from "../../platform/errors";
import type { BlobStorage } from "../../platform/storage";
import * as files from "../files/files.usecases";
import type { FileViewer } from "../files/files.public";
import type { CredentialsConfig } from "./credentials.config";
import type { KeyMaterial, SigningKey } from "./credentials.keys";
import { lazyImport } from "../../platform/lazy";
import {
  licenceUrl,
  sha256Of,
  signReceipt,
  verifyReceipt,
  type AiTraining,
  type AiUse,
  type LicenceKind,
  type LicenceStatus,
  type ReceiptBody,
} from "./credentials.models";
import { createCredentialsRepository, type ReceiptRow } from "./credentials.repository";

/** What this module needs of the app's dependencies. */
export interface CredentialsDeps {
  db: Db;
  clock: Clock;
  storage: BlobStorage;
  config: { credentials: CredentialsConfig };
}

/**
 * Certificates (@peculiar/x509) and C2PA manifests (c2pa-ts) take the better part of a second to
 * import: loaded with the first key or manifest work, not at start (docs/operations.md, "Start time").
 */
const loadKeys = lazyImport(() => import("./credentials.keys"));
const loadC2pa = lazyImport(() => import("./credentials.c2pa"));

// ---------------------------------------------------------------------------------------------
// Keys

/**
 * Public keys by id, read and parsed once per process: a key's public half never changes (it only
 * retires, and retired keys keep verifying), so verification by hash costs one query.
 */
const publicKeys = new Map<string, KeyObject>();
async function verificationKey(q: Queryable, keyId: string): Promise<KeyObject | undefined> {
  const cached = publicKeys.get(keyId);
  if (cached) return cached;
  const row = await createCredentialsRepository(q).findKey(keyId);
  if (!row) return undefined;
  const key = createPublicKey(row.public_key_pem);
  publicKeys.set(keyId, key);
  return key;
}

async function insertKey(q: Queryable, material: KeyMaterial, storePrivateKey: boolean, now: Date) {
  const id = (await loadKeys()).keyIdOf(createPublicKey(material.publicKeyPem));
  await createCredentialsRepository(q).insertCurrentKey({
    id,
    algorithm: "ES256",
    public_key_pem: material.publicKeyPem,
    certificate_chain: material.chainPem,
    private_key_pem: storePrivateKey ? material.privateKeyPem : null,
    not_before: material.notBefore,
    not_after: material.notAfter,
    created_at: now,
  });
  return id;
}

async function suppliedMaterial(config: CredentialsConfig): Promise<KeyMaterial | undefined> {
  if (!config.keyFile || !config.certFile) return undefined;
  const [key, cert] = await Promise.all([
    readFile(config.keyFile, "utf8"),
    readFile(config.certFile, "utf8"),
  ]);
  return (await loadKeys()).describeSuppliedKey(key, cert);
}

/**
 * The key that signs now. With an operator-supplied key it is that one (registered on first use,
 * retiring the previous current key); otherwise the current generated key, created at first use.
 */
export async function currentSigningKey(
  deps: Pick<CredentialsDeps, "db" | "clock" | "config">,
  q: Queryable = deps.db,
): Promise<SigningKey> {
  const repo = createCredentialsRepository(q);
  const { keyIdOf, generateKeyMaterial, toSigningKey } = await loadKeys();
  const supplied = await suppliedMaterial(deps.config.credentials);
  if (supplied) {
    const id = keyIdOf(createPublicKey(supplied.publicKeyPem));
    const current = await repo.findCurrentKey();
    if (current?.id !== id) {
      const known = await repo.findKey(id);
      if (known) throw new Error(`The supplied key ${id} was retired; supply a new key.`);
      await repo.retireCurrentKey(deps.clock.now());
      await insertKey(q, supplied, false, deps.clock.now());
    }
    return toSigningKey(id, supplied.privateKeyPem, supplied.chainPem);
  }
  let current = await repo.findCurrentKey();
  if (!current) {
    await insertKey(
      q,
      await generateKeyMaterial(deps.clock.now(), deps.config.credentials.organisation),
      true,
      deps.clock.now(),
    );
    current = await repo.findCurrentKey();
  }
  if (!current?.private_key_pem) {
    throw new Error(
      "The current content-credentials key is operator-supplied: configure its key and certificate files.",
    );
  }
  return toSigningKey(current.id, current.private_key_pem, current.certificate_chain);
}

/**
 * At start: a current key exists (generated on the first start; an operator-supplied one is checked
 * and registered). Once the database holds a usable generated key there is nothing to parse, so a
 * restart does not load the certificate library (it loads with the first signature).
 */
export async function ensureSigningKey(
  deps: Pick<CredentialsDeps, "db" | "clock" | "config">,
): Promise<void> {
  const { keyFile, certFile } = deps.config.credentials;
  if (!keyFile || !certFile) {
    const current = await createCredentialsRepository(deps.db).findCurrentKey();
    if (current?.private_key_pem) return;
  }
  await currentSigningKey(deps);
}

/** Retires the current key and makes a new generated one current; returns both ids. */
export async function rotateKey(
  deps: Pick<CredentialsDeps, "db" | "clock" | "config">,
): Promise<{ retired: string | undefined; current: string }> {
  return deps.db.transaction(async (tx) => {
    const repo = createCredentialsRepository(tx);
    const previous = await repo.findCurrentKey();
    await repo.retireCurrentKey(deps.clock.now());
    const { generateKeyMaterial } = await loadKeys();
    const material = await generateKeyMaterial(deps.clock.now(), deps.config.credentials.organisation);
    const current = await insertKey(tx, material, true, deps.clock.now());
    return { retired: previous?.id, current };
  });
}

export interface PublicKeyDto {
  keyId: string;
  algorithm: string;
  status: "current" | "retired";
  publicKeyPem: string;
  certificateChainPem: string;
  validFrom: string;
  validUntil: string;
  retiredAt: string | null;
}

/** Every key the marketplace ever signed with, current and retired. */
export async function listPublicKeys(deps: Pick<CredentialsDeps, "db">): Promise<PublicKeyDto[]> {
  const rows = await createCredentialsRepository(deps.db).listKeys();
  return rows.map((k) => ({
    keyId: k.id,
    algorithm: k.algorithm,
    status: k.status,
    publicKeyPem: k.public_key_pem,
    certificateChainPem: k.certificate_chain,
    validFrom: k.not_before.toISOString(),
    validUntil: k.not_after.toISOString(),
    retiredAt: k.retired_at?.toISOString() ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// Issuing

export interface DeliveryCredentialInput {
  fileId: string;
  orderId: string;
  seller: { id: string; username: string; displayName: string };
  deliveredAt: Date;
  /** The order's licence; until licences exist (issue 16 part 1) callers pass `personal`/`pending`. */
  licence: { kind: LicenceKind; status: LicenceStatus };
  aiUse: AiUse;
  aiTools: readonly string[];
  /** The gig's `allowAiTraining` (false by default). */
  allowAiTraining: boolean;
}

export interface ReceiptDto extends ReceiptBody {
  signature: string;
}

function receiptBody(row: ReceiptRow): ReceiptBody {
  return {
    fileId: row.file_id,
    sha256: row.sha256,
    seller: { username: row.seller_username },
    orderId: row.order_id,
    deliveredAt: row.delivered_at.toISOString(),
    licence: { kind: row.licence_kind, status: row.licence_status },
    aiUse: row.ai_use,
    aiTools: row.ai_tools,
    keyId: row.key_id,
  };
}

/**
 * Gives a delivered file its content credential, inside the delivering transaction `tx`: for JPEG
 * and PNG a C2PA manifest (the seller as author, c2pa.created with the AI declaration as
 * digitalSourceType, the licence, c2pa.training-mining) is embedded and the file's stored bytes are
 * replaced by the credentialed ones (same file id; the original blob stays); for every file a signed
 * receipt is stored. Calling it again for the same file re-signs the receipt (e.g. when the
 * licence's status changes) from the original bytes.
 */
export async function issueForDelivery(
  deps: CredentialsDeps,
  tx: Queryable,
  input: DeliveryCredentialInput,
): Promise<{
  file: { id: string; sha256: string; size: number; contentType: string };
  receipt: ReceiptDto;
  c2pa: boolean;
}> {
  const repo = createCredentialsRepository(tx);
  const key = await currentSigningKey(deps, tx);
  const earlier = await repo.findReceipt(input.fileId);
  const stored = await files.readStoredFile(deps, tx, input.fileId);
  const file = stored.file;
  const originalKey = earlier?.original_key ?? file.storage_key;
  const original = earlier ? await streamBytes(deps.storage, originalKey) : stored.bytes;
  const allowAiTraining = input.allowAiTraining;
  const { embedManifest, coseSigner } = await loadC2pa();
  const embedded = await embedManifest(
    original,
    file.content_type,
    {
      fileId: file.id,
      author: { username: input.seller.username, displayName: input.seller.displayName },
      licence: {
        kind: input.licence.kind,
        url: licenceUrl(deps.config.credentials.publicOrigin, input.licence.kind),
      },
      aiUse: input.aiUse,
      aiTools: input.aiTools,
      allowAiTraining,
    },
    coseSigner(key.privateKey, key.chain),
  );
  const served = embedded
    ? await files.replaceStoredBytes(deps, tx, { file, bytes: embedded, suffix: "c2pa" })
    : file;
  const aiTraining: AiTraining = allowAiTraining ? "allowed" : "notAllowed";
  const row: ReceiptRow = {
    file_id: file.id,
    sha256: served.sha256,
    original_sha256: earlier?.original_sha256 ?? sha256Of(original),
    original_key: originalKey,
    c2pa: embedded !== undefined,
    order_id: input.orderId,
    seller_id: input.seller.id,
    seller_username: input.seller.username,
    seller_name: input.seller.displayName,
    delivered_at: input.deliveredAt,
    licence_kind: input.licence.kind,
    licence_status: input.licence.status,
    ai_use: input.aiUse,
    ai_tools: [...input.aiTools],
    ai_training: aiTraining,
    key_id: key.id,
    signature: "",
  };
  row.signature = signReceipt(receiptBody(row), key.privateKey);
  await repo.upsertReceipt(row);
  return {
    file: { id: file.id, sha256: served.sha256, size: served.size, contentType: file.content_type },
    receipt: { ...receiptBody(row), signature: row.signature },
    c2pa: row.c2pa,
  };
}

/**
 * Credentials for the files of an order's newest delivery, inside the delivering transaction (an
 * in-transaction subscriber to the order's `deliver` event calls it): the order's licence, the
 * delivery's AI declaration and the gig's `allowAiTraining`.
 */
export async function issueForLatestDelivery(
  deps: CredentialsDeps,
  tx: Queryable,
  orderId: string,
): Promise<void> {
  const delivery = await createCredentialsRepository(tx).findLatestDelivery(orderId);
  if (!delivery) return;
  for (const fileId of delivery.file_ids) {
    await issueForDelivery(deps, tx, {
      fileId,
      orderId,
      seller: { id: delivery.seller_id, username: delivery.username, displayName: delivery.display_name },
      deliveredAt: delivery.created_at,
      licence: { kind: delivery.licence_kind, status: delivery.licence_status },
      aiUse: delivery.ai_use,
      aiTools: delivery.ai_tools,
      allowAiTraining: delivery.allow_ai_training ?? false,
    });
  }
}

/**
 * Re-signs the receipts of an order's files with the order's licence as it stands now, inside the
 * transaction that moved the money (granted on release, revoked on refund). Only the receipt
 * changes: the embedded manifest names the licence kind, which does not change, so the bytes the
 * buyer holds keep verifying.
 */
export async function resignOrderReceipts(deps: CredentialsDeps, tx: Queryable, orderId: string) {
  const repo = createCredentialsRepository(tx);
  const licence = await repo.findOrderLicence(orderId);
  if (!licence) return;
  const receipts = await repo.listOrderReceipts(orderId);
  if (receipts.length === 0) return;
  const key = await currentSigningKey(deps, tx);
  for (const r of receipts) {
    if (r.licence_status === licence.licence_status && r.licence_kind === licence.licence_kind) continue;
    const row: ReceiptRow = {
      ...r,
      licence_kind: licence.licence_kind,
      licence_status: licence.licence_status,
      key_id: key.id,
    };
    row.signature = signReceipt(receiptBody(row), key.privateKey);
    await repo.upsertReceipt(row);
  }
}

async function streamBytes(storage: BlobStorage, key: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The receipt of a file `viewer` may read (participants, admins); 404 otherwise or without one. */
export async function getReceipt(
  deps: CredentialsDeps & Pick<AppDeps, "fileAccess">,
  { fileId, viewer }: { fileId: string; viewer: FileViewer },
): Promise<ReceiptDto> {
  await files.findReadableFile(deps, { fileId, viewer });
  const row = await createCredentialsRepository(deps.db).findReceipt(fileId);
  if (!row) throw notFound("receipt");
  return { ...receiptBody(row), signature: row.signature };
}

/** The receipts of an order's delivered files (the caller has checked who may see the order). */
export async function orderReceipts(
  deps: Pick<CredentialsDeps, "db">,
  orderId: string,
): Promise<ReceiptDto[]> {
  const rows = await createCredentialsRepository(deps.db).listOrderReceipts(orderId);
  return rows.map((row) => ({ ...receiptBody(row), signature: row.signature }));
}

// ---------------------------------------------------------------------------------------------
// Public verification: never names the buyer (a receipt does not even hold them).

export interface PublicCredential {
  seller: { username: string; displayName: string };
  deliveredAt: string;
  licence: { kind: string; status: string };
  aiUse: string;
  aiTools: string[];
  aiTraining: AiTraining;
  keyId: string;
  sha256: string;
  c2pa: boolean;
}

export type VerificationFailure = "unknown" | "tampered" | "unknown_key";
export type Verification =
  { verified: true; credential: PublicCredential } | { verified: false; reason: VerificationFailure };

async function credentialOf(q: Queryable, row: ReceiptRow | undefined): Promise<Verification> {
  if (!row) return { verified: false, reason: "unknown" };
  const key = await verificationKey(q, row.key_id);
  if (!key) return { verified: false, reason: "unknown_key" };
  if (!verifyReceipt(receiptBody(row), row.signature, key)) return { verified: false, reason: "tampered" };
  return {
    verified: true,
    credential: {
      seller: { username: row.seller_username, displayName: row.seller_name },
      deliveredAt: row.delivered_at.toISOString(),
      licence: { kind: row.licence_kind, status: row.licence_status },
      aiUse: row.ai_use,
      aiTools: row.ai_tools,
      aiTraining: row.ai_training as AiTraining,
      keyId: row.key_id,
      sha256: row.sha256,
      c2pa: row.c2pa,
    },
  };
}

/** Verification by the SHA-256 of a file: one indexed lookup and one ES256 check. */
export async function verifyHash(deps: Pick<CredentialsDeps, "db">, sha256: string): Promise<Verification> {
  const repo = createCredentialsRepository(deps.db);
  return credentialOf(deps.db, await repo.findReceiptBySha256(sha256.toLowerCase()));
}

/**
 * Verification of uploaded bytes: a receipt for exactly these bytes verifies them. Otherwise an
 * embedded manifest tells why not: its signature or hash binding fails (a flipped byte, a manifest
 * moved from another file) → tampered; it validates but was signed by a key that is not the
 * marketplace's → unknown_key.
 */
export async function verifyBytes(
  deps: Pick<CredentialsDeps, "db">,
  bytes: Uint8Array,
): Promise<Verification> {
  const byHash = await verifyHash(deps, sha256Of(bytes));
  if (byHash.verified) return byHash;
  const reading = await (await loadC2pa()).readManifest(bytes);
  if (!reading) return byHash;
  if (!reading.valid) return { verified: false, reason: "tampered" };
  const keys = await createCredentialsRepository(deps.db).listKeys();
  const signer = keys.find((k) => k.public_key_pem === reading.signerPublicKeyPem);
  if (!signer) return { verified: false, reason: "unknown_key" };
  // A valid manifest of ours whose bytes differ from the receipt's: the file was re-encoded around it.
  return { verified: false, reason: "tampered" };
}
