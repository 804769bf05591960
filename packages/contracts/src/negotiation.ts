import { z } from "zod";
import { IsoDateTime, MoneySchema } from "./common";
import { LicenceKindSchema } from "./credit";
import { PaymentSchema } from "./orders";

const IdSchema = z.string().min(1).max(64);

/** Text that PostgreSQL can store: no NUL characters (everything else is kept as written). */
const StorableText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters");

// ---------------------------------------------------------------------------------------------
// Custom offers (API.md section 13)

/** The smallest price of a custom offer (PRODUCT.md "Negotiation"), in minor units. */
export const OFFER_MIN_PRICE = 500;

export const OfferStatusSchema = z.enum(["open", "accepted", "withdrawn", "declined", "expired"]);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;

/** The smallest offer that may be split into milestones (PRODUCT.md "Negotiation"), in minor units. */
export const MILESTONES_MIN_PRICE = 10_000;
export const MILESTONES_MIN = 2;
export const MILESTONES_MAX = 6;

export const OfferMilestoneBodySchema = z.strictObject({
  title: StorableText(120),
  price: MoneySchema.refine((m) => m.amount > 0, { message: "must be more than 0", path: ["amount"] }),
  deliveryDays: z.number().int().min(1).max(90),
});
export type OfferMilestoneBody = z.infer<typeof OfferMilestoneBodySchema>;

/**
 * A seller's custom offer. `gigId` names the gig the order is placed under (its requirements,
 * reviews and rating); without it the conversation's gig is used. `licence` is the licence the
 * order is bought with (its price is part of the offer's price); `personal` when left out.
 */
export const CreateOfferBodySchema = z.strictObject({
  gigId: IdSchema.optional(),
  title: StorableText(120),
  description: StorableText(5000),
  price: MoneySchema.refine((m) => m.amount >= OFFER_MIN_PRICE, {
    message: "must be at least 5.00",
    path: ["amount"],
  }).refine((m) => m.amount <= 100_000_000, { message: "is too large", path: ["amount"] }),
  deliveryDays: z.number().int().min(1).max(90),
  /** Revisions included; null for unlimited. */
  revisions: z.number().int().min(0).max(100).nullable(),
  expiresInDays: z.number().int().min(1).max(14),
  licence: LicenceKindSchema.default("personal"),
  /**
   * 2–6 parts, only when the price is at least 100.00; their prices sum to the offer's price
   * (checked by the server: 400 `milestones_not_allowed`, `milestones_sum_mismatch`).
   */
  milestones: z.array(OfferMilestoneBodySchema).min(MILESTONES_MIN).max(MILESTONES_MAX).optional(),
});
export type CreateOfferBody = z.infer<typeof CreateOfferBodySchema>;

export const OfferSchema = z.object({
  id: z.string(),
  status: OfferStatusSchema,
  conversationId: z.string(),
  briefId: z.string().nullable(),
  buyer: z.object({ username: z.string() }),
  seller: z.object({ username: z.string(), displayName: z.string() }),
  gig: z.object({ id: z.string(), title: z.string() }),
  title: z.string(),
  description: z.string(),
  price: MoneySchema,
  /** What the buyer pays: the price plus the buyer's service fee (the all-in price). */
  serviceFee: MoneySchema,
  total: MoneySchema,
  deliveryDays: z.number().int(),
  revisions: z.number().int().nullable(),
  /** The licence the order made from this offer is bought with. */
  licence: LicenceKindSchema,
  /** The parts the order will be worked and paid in (empty: one delivery). */
  milestones: z.array(z.object({ title: z.string(), price: MoneySchema, deliveryDays: z.number().int() })),
  /** The order the offer was paid with, once accepted. */
  orderId: z.string().nullable(),
  expiresAt: IsoDateTime,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Offer = z.infer<typeof OfferSchema>;

/** `POST /api/orders` with an offer: the order at the offer's terms. */
export const PlaceOfferOrderBodySchema = z.strictObject({
  offerId: IdSchema,
  payment: PaymentSchema,
});
export type PlaceOfferOrderBody = z.infer<typeof PlaceOfferOrderBodySchema>;

// ---------------------------------------------------------------------------------------------
// Briefs

export const BriefStatusSchema = z.enum(["open", "closed"]);

export const CreateBriefBodySchema = z.strictObject({
  title: StorableText(120),
  /** The need in plain words. */
  description: StorableText(5000),
  categorySlug: z.string().min(1).max(100).optional(),
  budget: z.strictObject({ max: MoneySchema }).optional(),
  /** The date the buyer needs the work by (YYYY-MM-DD or a timestamp). */
  deadline: z.iso.date().or(z.iso.datetime()).optional(),
  fileIds: z.array(IdSchema).max(10).default([]),
});
export type CreateBriefBody = z.infer<typeof CreateBriefBodySchema>;

/** A file the buyer attached to a brief: readable by the buyer and the sellers it was sent to. */
export const BriefFileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  url: z.string(),
});
export type BriefFile = z.infer<typeof BriefFileSchema>;

export const BriefMatchSchema = z.object({
  seller: z.object({ username: z.string() }),
  gig: z.object({ id: z.string(), title: z.string() }),
  score: z.number(),
});
export type BriefMatch = z.infer<typeof BriefMatchSchema>;

export const BriefSchema = z.object({
  id: z.string(),
  status: BriefStatusSchema,
  buyer: z.object({ username: z.string() }),
  title: z.string(),
  description: z.string(),
  categorySlug: z.string().nullable(),
  budget: z.object({ max: MoneySchema }).nullable(),
  deadline: IsoDateTime.nullable(),
  fileIds: z.array(z.string()),
  /** The attached files, in the order of `fileIds`. */
  files: z.array(BriefFileSchema),
  /** The buyer sees every matched seller; a matched seller sees only their own match. */
  matches: z.array(BriefMatchSchema),
  /** Offers made on the brief: all of them for the buyer, a seller's own for a seller. */
  offers: z.array(OfferSchema),
  createdAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
});
export type Brief = z.infer<typeof BriefSchema>;

export const BriefListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});
