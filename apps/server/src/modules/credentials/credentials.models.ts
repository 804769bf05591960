import { createHash, sign as nodeSign, verify as nodeVerify, type KeyObject } from "node:crypto";

export type AiUse = "none" | "assisted" | "generated";
export type LicenceKind = "personal" | "commercial" | "full_transfer";
export type LicenceStatus = "pending" | "granted" | "revoked";
export type AiTraining = "allowed" | "notAllowed";

/** Where a licence's terms are described; the manifest names a licence by this URL. */
export function licenceUrl(publicOrigin: string, kind: string): string {
  return `${publicOrigin.replace(/\/$/, "")}/licences/${kind}`;
}

/** The receipt's signed body: API.md section 12 without `signature`. */
export interface ReceiptBody {
  fileId: string;
  sha256: string;
  seller: { username: string };
  orderId: string;
  deliveredAt: string;
  licence: { kind: string; status: string };
  aiUse: string;
  aiTools: string[];
  keyId: string;
}

/** JSON with object keys sorted at every level and no whitespace: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const b64url = (data: string | Uint8Array) => Buffer.from(data).toString("base64url");

function protectedHeader(keyId: string): string {
  return b64url(canonicalJson({ alg: "ES256", b64: true, kid: keyId, typ: "atelier-receipt+json" }));
}

/**
 * A detached JWS (RFC 7515 appendix F): `header..signature`, ES256 over
 * `header.base64url(canonicalJson(body))`. Anyone can check it with the key from /api/verify/keys.
 */
export function signReceipt(body: ReceiptBody, privateKey: KeyObject): string {
  const header = protectedHeader(body.keyId);
  const input = `${header}.${b64url(canonicalJson(body))}`;
  const signature = nodeSign("sha256", Buffer.from(input), { key: privateKey, dsaEncoding: "ieee-p1363" });
  return `${header}..${b64url(signature)}`;
}

export function verifyReceipt(body: ReceiptBody, signature: string, publicKey: KeyObject): boolean {
  const [header, empty, sig, ...rest] = signature.split(".");
  if (!header || empty !== "" || !sig || rest.length > 0) return false;
  if (header !== protectedHeader(body.keyId)) return false;
  const input = `${header}.${b64url(canonicalJson(body))}`;
  return nodeVerify(
    "sha256",
    Buffer.from(input),
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(sig, "base64url"),
  );
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
