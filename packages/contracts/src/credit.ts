import { z } from "zod";
import { CurrencySchema, IsoDateTime } from "./common";

/** The licences a gig may offer (PRODUCT.md "Creator credit", API.md section 12). */
export const LicenceKindSchema = z.enum(["personal", "commercial", "full_transfer"]);
export type LicenceKind = z.infer<typeof LicenceKindSchema>;
export const LICENCE_KINDS: readonly LicenceKind[] = ["personal", "commercial", "full_transfer"];

/** An order's licence follows the money: pending in escrow, granted when released, revoked when returned. */
export const LicenceStatusSchema = z.enum(["pending", "granted", "revoked"]);
export type LicenceStatus = z.infer<typeof LicenceStatusSchema>;

/** How far AI made the work: none, assisted (a person made it), generated (mainly AI output). */
export const AiUseSchema = z.enum(["none", "assisted", "generated"]);
export type AiUse = z.infer<typeof AiUseSchema>;

export const AI_TOOLS_LIMITS = { max: 10, maxLength: 60 } as const;
export const AiToolsSchema = z
  .array(z.string().trim().min(1).max(AI_TOOLS_LIMITS.maxLength))
  .max(AI_TOOLS_LIMITS.max);

/** A licence as a gig offers it: `price` is what it adds to a package (0 allowed). */
export const GigLicenceInputSchema = z.strictObject({
  kind: LicenceKindSchema,
  price: z.strictObject({
    amount: z.number().int("must be whole minor units").min(0).max(1_000_000),
    currency: CurrencySchema,
  }),
});

/** 1–3 licences; each kind at most once (checked by the server, which names the repeated item). */
export const GigLicencesSchema = z.array(GigLicenceInputSchema).min(1).max(3);

/** An order's licence as the order shows it. */
export const OrderLicenceSchema = z.object({
  kind: LicenceKindSchema,
  status: LicenceStatusSchema,
  grantedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
});

/** Why a party opens a dispute; `undisclosed_ai` is a delivery whose AI declaration proved false. */
export const DisputeCategorySchema = z.enum(["undisclosed_ai", "quality", "late", "other"]);
