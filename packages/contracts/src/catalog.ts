import { z } from "zod";
import { CurrencySchema, IsoDateTime, MoneySchema } from "./common";
import { AiToolsSchema, AiUseSchema, GigLicencesSchema, LicenceKindSchema } from "./credit";
import { SellerLevelSchema } from "./identity";

/**
 * The catalog's limits. They are part of the HTTP contract (API.md section 2), so the web app's
 * forms and the server validate with the same numbers.
 */
export const GIG_LIMITS = {
  title: { min: 15, max: 80 },
  description: { min: 120, max: 5000 },
  tags: { min: 1, max: 5, minLength: 2, maxLength: 30 },
  packagePrice: { min: 500, max: 1_000_000 },
  extraPrice: { min: 100, max: 1_000_000 },
  deliveryDays: { min: 1, max: 90 },
  revisions: { min: 0, max: 20 },
  features: { max: 15, maxLength: 80 },
  /**
   * An extra's `additionalDays` may be negative ("Express delivery": −2); the order's delivery time
   * is the package's plus its extras' days, never below `deliveryDays.min`.
   */
  extras: { max: 10, minAdditionalDays: -89, maxAdditionalDays: 90 },
  faq: { max: 15 },
  requirements: { max: 10, minChoices: 2, maxChoices: 20 },
  images: { max: 5 },
} as const;

export const PackageTierSchema = z.enum(["basic", "standard", "premium"]);
export type PackageTier = z.infer<typeof PackageTierSchema>;

/** The only two package shapes a gig may have: the basic tier alone, or all three in order. */
export const PACKAGE_TIERS: readonly PackageTier[] = ["basic", "standard", "premium"];

export const RequirementKindSchema = z.enum(["text", "file", "choice"]);

export const GigStatusSchema = z.enum(["draft", "active", "paused", "pending_review", "denied", "archived"]);
export type GigStatus = z.infer<typeof GigStatusSchema>;

const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? "must not be empty" : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

/** Money with an amount within [min, max] minor units. The currency is checked by the server. */
const priceSchema = (limits: { min: number; max: number }) =>
  z.strictObject({
    amount: z
      .number()
      .int("must be whole minor units")
      .min(limits.min, `must be at least ${limits.min} minor units`)
      .max(limits.max, `must be at most ${limits.max} minor units`),
    currency: CurrencySchema,
  });

const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(GIG_LIMITS.tags.minLength, `must be at least ${GIG_LIMITS.tags.minLength} characters`)
  .max(GIG_LIMITS.tags.maxLength, `must be at most ${GIG_LIMITS.tags.maxLength} characters`)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} +#&.'-]*$/u, "may contain letters, digits, spaces and + # & . ' -");

export const GigTagsSchema = z
  .array(TagSchema)
  .min(GIG_LIMITS.tags.min, "needs at least one tag")
  .max(GIG_LIMITS.tags.max, `must have at most ${GIG_LIMITS.tags.max} tags`)
  .transform((tags) => [...new Set(tags)]);

export const GigPackageSchema = z.strictObject({
  tier: PackageTierSchema,
  name: text(1, 60),
  description: text(1, 500),
  price: priceSchema(GIG_LIMITS.packagePrice),
  deliveryDays: z
    .number()
    .int()
    .min(GIG_LIMITS.deliveryDays.min, `must be at least ${GIG_LIMITS.deliveryDays.min} day`)
    .max(GIG_LIMITS.deliveryDays.max, `must be at most ${GIG_LIMITS.deliveryDays.max} days`),
  revisions: z
    .number()
    .int()
    .min(GIG_LIMITS.revisions.min, "must not be negative")
    .max(GIG_LIMITS.revisions.max, `must be at most ${GIG_LIMITS.revisions.max}; use null for unlimited`)
    .nullable(),
  features: z.array(text(1, GIG_LIMITS.features.maxLength)).max(GIG_LIMITS.features.max).default([]),
});
export type GigPackage = z.infer<typeof GigPackageSchema>;

/**
 * Packages: exactly the basic tier, or basic, standard and premium in that order, each tier costing
 * at least as much as the one below it in the same currency.
 */
export const GigPackagesSchema = z
  .array(GigPackageSchema)
  .min(1, "needs the basic package")
  .max(PACKAGE_TIERS.length, "a gig has at most three packages")
  .superRefine((packages, ctx) => {
    if (packages.length !== 1 && packages.length !== PACKAGE_TIERS.length) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "must be the basic tier alone, or basic, standard and premium",
      });
      return;
    }
    let tiersInOrder = true;
    packages.forEach((pkg, i) => {
      if (pkg.tier !== PACKAGE_TIERS[i]) {
        tiersInOrder = false;
        ctx.addIssue({
          code: "custom",
          path: [i, "tier"],
          message: `must be "${PACKAGE_TIERS[i] ?? "basic"}"`,
        });
      }
    });
    if (!tiersInOrder) return;
    for (let i = 1; i < packages.length; i++) {
      const lower = packages[i - 1];
      const current = packages[i];
      if (!lower || !current) continue;
      if (current.price.currency !== lower.price.currency) {
        ctx.addIssue({
          code: "custom",
          path: [i, "price", "currency"],
          message: "every package must use one currency",
        });
      } else if (current.price.amount < lower.price.amount) {
        ctx.addIssue({
          code: "custom",
          path: [i, "price", "amount"],
          message: `must be at least the ${lower.tier} package's price`,
        });
      }
    }
  });

const idSchema = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{1,40}$`), `must be an ID starting with ${prefix}_`);

export const GigExtraInputSchema = z.strictObject({
  id: idSchema("ext").optional(),
  title: text(1, 80),
  price: priceSchema(GIG_LIMITS.extraPrice),
  additionalDays: z
    .number()
    .int()
    .min(GIG_LIMITS.extras.minAdditionalDays, `must be at least ${GIG_LIMITS.extras.minAdditionalDays}`)
    .max(GIG_LIMITS.extras.maxAdditionalDays, `must be at most ${GIG_LIMITS.extras.maxAdditionalDays}`),
});

export const GigFaqSchema = z.strictObject({
  question: text(1, 200),
  answer: text(1, 1500),
});

export const GigRequirementInputSchema = z
  .strictObject({
    id: idSchema("req").optional(),
    question: text(1, 500),
    kind: RequirementKindSchema,
    required: z.boolean().default(false),
    choices: z
      .array(text(1, 100))
      .min(GIG_LIMITS.requirements.minChoices, `needs at least ${GIG_LIMITS.requirements.minChoices} choices`)
      .max(GIG_LIMITS.requirements.maxChoices)
      .optional(),
  })
  .superRefine((req, ctx) => {
    if (req.kind === "choice" && !req.choices) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: "is required when kind is choice" });
    }
    if (req.kind !== "choice" && req.choices) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: "is allowed only when kind is choice" });
    }
    if (req.choices && new Set(req.choices.map((c) => c.toLowerCase())).size !== req.choices.length) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: "must not repeat a choice" });
    }
  });

/** A list whose items may carry an `id`; the same id twice is an error on the second item. */
function uniqueIds<T extends { id?: string | undefined }>(items: T[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.id === undefined) return;
    if (seen.has(item.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: "is used twice" });
    seen.add(item.id);
  });
}

export const GigExtrasSchema = z.array(GigExtraInputSchema).max(GIG_LIMITS.extras.max).superRefine(uniqueIds);
export const GigFaqListSchema = z.array(GigFaqSchema).max(GIG_LIMITS.faq.max);
export const GigRequirementsSchema = z
  .array(GigRequirementInputSchema)
  .max(GIG_LIMITS.requirements.max)
  .superRefine(uniqueIds);

const gigFields = {
  title: text(GIG_LIMITS.title.min, GIG_LIMITS.title.max),
  categorySlug: z.string().trim().min(1, "must not be empty").max(80),
  description: text(GIG_LIMITS.description.min, GIG_LIMITS.description.max),
  tags: GigTagsSchema,
  packages: GigPackagesSchema,
  extras: GigExtrasSchema,
  faq: GigFaqListSchema,
  requirements: GigRequirementsSchema,
  aiAssisted: z.boolean(),
  licences: GigLicencesSchema,
  aiUse: AiUseSchema,
  aiTools: AiToolsSchema,
  protectDeliveries: z.boolean(),
  allowAiTraining: z.boolean(),
};

/**
 * `POST /api/gigs`: a new gig is always a draft. Extras, FAQ and requirements may be left out (empty);
 * aiAssisted defaults to false. Description and packages may be left out too, so that the editor saves
 * a draft from its first step; a gig is published only once it has both (`gig_incomplete`).
 */
export const CreateGigBodySchema = z.strictObject({
  ...gigFields,
  description: gigFields.description.optional(),
  packages: gigFields.packages.optional(),
  extras: gigFields.extras.default([]),
  faq: gigFields.faq.default([]),
  requirements: gigFields.requirements.default([]),
  aiAssisted: gigFields.aiAssisted.default(false),
  licences: gigFields.licences.optional(),
  aiUse: gigFields.aiUse.optional(),
  aiTools: gigFields.aiTools.default([]),
  protectDeliveries: gigFields.protectDeliveries.default(false),
  allowAiTraining: gigFields.allowAiTraining.default(false),
});
export type CreateGigBody = z.infer<typeof CreateGigBodySchema>;

/** `PATCH /api/gigs/:id`: any subset of the gig body; a list given replaces the stored list. */
export const UpdateGigBodySchema = z.strictObject({
  title: gigFields.title.optional(),
  categorySlug: gigFields.categorySlug.optional(),
  description: gigFields.description.optional(),
  tags: gigFields.tags.optional(),
  packages: gigFields.packages.optional(),
  extras: gigFields.extras.optional(),
  faq: gigFields.faq.optional(),
  requirements: gigFields.requirements.optional(),
  aiAssisted: gigFields.aiAssisted.optional(),
  licences: gigFields.licences.optional(),
  aiUse: gigFields.aiUse.optional(),
  aiTools: gigFields.aiTools.optional(),
  protectDeliveries: gigFields.protectDeliveries.optional(),
  allowAiTraining: gigFields.allowAiTraining.optional(),
});
export type UpdateGigBody = z.infer<typeof UpdateGigBodySchema>;

export const GigImagesBodySchema = z.strictObject({
  fileIds: z
    .array(z.string().min(1).max(64))
    .max(GIG_LIMITS.images.max, `a gig has at most ${GIG_LIMITS.images.max} images`),
});

export const DenyGigBodySchema = z.strictObject({
  reason: text(1, 1000),
});

export const GigIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

// ---- responses ----

const CategoryRefSchema = z.object({ slug: z.string(), name: z.string() });

export const CategoryNodeSchema = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string().optional(),
  children: z.array(CategoryRefSchema),
});
export type CategoryNode = z.infer<typeof CategoryNodeSchema>;

export const CategoryTreeSchema = z.array(CategoryNodeSchema);

export const CategoryDetailSchema = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string().optional(),
  parent: CategoryRefSchema.nullable(),
  children: z.array(CategoryRefSchema),
});
export type CategoryDetail = z.infer<typeof CategoryDetailSchema>;

export const RatingSummarySchema = z.object({
  /** Mean of the ratings, two decimals; null before the first rating. */
  average: z.number().nullable(),
  count: z.number().int(),
});

export const GigExtraSchema = z.object({
  id: z.string(),
  title: z.string(),
  price: MoneySchema,
  additionalDays: z.number().int(),
});

export const GigRequirementSchema = z.object({
  id: z.string(),
  question: z.string(),
  kind: RequirementKindSchema,
  required: z.boolean(),
  choices: z.array(z.string()).optional(),
});

export const GigPackageViewSchema = z.object({
  tier: PackageTierSchema,
  name: z.string(),
  description: z.string(),
  price: MoneySchema,
  /** The buyer's service fee on one unit of this package (5.5%, plus 3.00 under 100.00). */
  serviceFee: MoneySchema,
  /** What the buyer pays for one unit of this package without extras: price + service fee. */
  priceAllIn: MoneySchema,
  deliveryDays: z.number().int(),
  revisions: z.number().int().nullable(),
  features: z.array(z.string()),
  /** What one unit of this package costs with each licence the gig offers, fees included. */
  licencesAllIn: z.array(z.object({ kind: LicenceKindSchema, total: MoneySchema })),
});

export const GigImageSchema = z.object({
  fileId: z.string(),
  url: z.string(),
  thumbUrl: z.string(),
});

export const GigSellerSummarySchema = z.object({
  username: z.string(),
  displayName: z.string(),
  level: SellerLevelSchema.nullable(),
  rating: RatingSummarySchema,
  memberSince: IsoDateTime,
  country: z.string().nullable(),
});

export const GigSchema = z.object({
  id: z.string(),
  slug: z.string(),
  status: GigStatusSchema,
  title: z.string(),
  description: z.string(),
  category: z.object({ slug: z.string(), name: z.string(), parent: CategoryRefSchema.nullable() }),
  tags: z.array(z.string()),
  packages: z.array(GigPackageViewSchema),
  extras: z.array(GigExtraSchema),
  faq: z.array(z.object({ question: z.string(), answer: z.string() })),
  requirements: z.array(GigRequirementSchema),
  aiAssisted: z.boolean(),
  /** The licences offered, cheapest first (a gig without any offers `personal` at 0). */
  licences: z.array(z.object({ kind: LicenceKindSchema, price: MoneySchema })),
  aiUse: AiUseSchema,
  aiTools: z.array(z.string()),
  /** Image and PDF deliveries reach the buyer as watermarked previews until the order completes. */
  protectDeliveries: z.boolean(),
  /** Whether the creator lets delivered work train AI (the C2PA training-and-mining assertion). */
  allowAiTraining: z.boolean(),
  seller: GigSellerSummarySchema,
  rating: RatingSummarySchema,
  ordersCompleted: z.number().int(),
  images: z.array(GigImageSchema),
  coverImageUrl: z.string().nullable(),
  startingPrice: MoneySchema,
  /** The cheapest package plus the buyer's fees: what one unit of it costs at checkout. */
  startingPriceAllIn: MoneySchema,
  /** Shortest delivery time of any package, in days. */
  deliveryDays: z.number().int(),
  /** Why moderation holds or denied the gig; shown to the owner and admins only, null for everyone else. */
  moderationReason: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  publishedAt: IsoDateTime.nullable(),
});
export type Gig = z.infer<typeof GigSchema>;

/** The compact gig shown in search results and on profiles (API.md section 3). */
export const GigCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  seller: z.object({ username: z.string(), displayName: z.string(), level: SellerLevelSchema.nullable() }),
  startingPrice: MoneySchema,
  /** The cheapest package plus the buyer's fees (API.md section 14); the price the web shows. */
  startingPriceAllIn: MoneySchema,
  rating: RatingSummarySchema,
  deliveryDays: z.number().int(),
  coverImageUrl: z.string().nullable(),
  aiUse: AiUseSchema,
});
export type GigCard = z.infer<typeof GigCardSchema>;

/** A card on the seller's own "my gigs" page: every status but archived. */
export const MyGigCardSchema = GigCardSchema.extend({
  status: GigStatusSchema,
  moderationReason: z.string().nullable(),
  ordersCompleted: z.number().int(),
  updatedAt: IsoDateTime,
  publishedAt: IsoDateTime.nullable(),
});
export type MyGigCard = z.infer<typeof MyGigCardSchema>;

/** A gig waiting in the admins' moderation queue, with the time it entered the queue. */
export const ModerationItemSchema = GigSchema.extend({
  reviewRequestedAt: IsoDateTime,
});
export type ModerationItem = z.infer<typeof ModerationItemSchema>;

export const MyGigsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
  status: GigStatusSchema.exclude(["archived"]).optional(),
});
