import { createHash, randomBytes, randomFillSync } from "node:crypto";

/** Prefixes of every kind of ID; an ID's prefix tells what it names. */
export type IdPrefix =
  | "usr"
  | "ses"
  | "pat"
  | "gig"
  | "pkg"
  | "ext"
  | "req"
  | "fil"
  | "ord"
  | "evt"
  | "msg"
  | "cnv"
  | "ntf"
  | "rev"
  | "txn"
  | "wdr"
  | "job"
  | "srch"
  | "cat"
  | "rpt"
  | "eml"
  | "atk"
  | "psk"
  | "wch"
  | "dlv"
  | "mst"
  | "tip"
  | "ofr"
  | "brf"
  | "aud"
  | "sus"
  | "apl";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Random bytes for IDs, drawn from the CSPRNG 4 KiB at a time: one call per 256 IDs instead of one per
 * ID (a checkout makes about ten). Each slice is used once.
 */
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function random16(): Uint8Array {
  if (poolOffset + 16 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

/** A new opaque ID such as `usr_8k2m…`: 128 random bits, never sequential. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${base32(random16())}`;
}

export function hasPrefix(id: string, prefix: IdPrefix): boolean {
  return id.startsWith(`${prefix}_`) && id.length > prefix.length + 1;
}

/** A secret token (session, personal access token) with `bytes` random bytes, URL safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Secrets are stored only as their SHA-256 digest. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
