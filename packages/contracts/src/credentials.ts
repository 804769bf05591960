import { z } from "zod";

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Licence = z.object({ kind: z.string(), status: z.string() });

/** `GET /api/files/:id/receipt` (API.md section 12). */
export const ReceiptSchema = z.object({
  fileId: z.string(),
  sha256: Sha256,
  seller: z.object({ username: z.string() }),
  orderId: z.string(),
  deliveredAt: z.string(),
  licence: Licence,
  aiUse: z.string(),
  aiTools: z.array(z.string()),
  keyId: z.string(),
  signature: z
    .string()
    .describe(
      "Detached JWS (ES256, header `kid` = keyId) over the canonical JSON of the receipt without `signature`.",
    ),
});
export type ReceiptDto = z.infer<typeof ReceiptSchema>;

export const PublicCredentialSchema = z.object({
  seller: z.object({ username: z.string(), displayName: z.string() }),
  deliveredAt: z.string(),
  licence: Licence,
  aiUse: z.string(),
  aiTools: z.array(z.string()),
  aiTraining: z.enum(["allowed", "notAllowed"]),
  keyId: z.string(),
  sha256: Sha256,
  c2pa: z.boolean().describe("Whether the file's bytes carry an embedded C2PA manifest."),
});

/** `GET /api/verify/:sha256`, `POST /api/verify`: never names the buyer. */
export const VerificationSchema = z.union([
  z.object({ verified: z.literal(true), credential: PublicCredentialSchema }),
  z.object({
    verified: z.literal(false),
    reason: z
      .enum(["unknown", "tampered", "unknown_key"])
      .describe(
        "unknown: no credential for these bytes; tampered: a manifest that fails; unknown_key: signed by a key that is not ours",
      ),
  }),
]);
export type VerificationDto = z.infer<typeof VerificationSchema>;

export const VerifyHashParamsSchema = z.strictObject({
  sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .transform((s) => s.toLowerCase()),
});

export const PublicKeySchema = z.object({
  keyId: z.string(),
  algorithm: z.string(),
  status: z.enum(["current", "retired"]),
  publicKeyPem: z.string(),
  certificateChainPem: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  retiredAt: z.string().nullable(),
});
export const PublicKeyListSchema = z.object({ items: z.array(PublicKeySchema) });
export type PublicKeyListDto = z.infer<typeof PublicKeyListSchema>;
