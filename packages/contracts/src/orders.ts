import { z } from "zod";
import { IsoDateTime, MoneySchema } from "./common";
import {
  AiToolsSchema,
  AiUseSchema,
  DisputeCategorySchema,
  LicenceKindSchema,
  OrderLicenceSchema,
} from "./credit";

export const OrderStatusSchema = z.enum([
  "awaiting_requirements",
  "in_progress",
  "delivered",
  "completed",
  "cancelled",
  "disputed",
]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const TierSchema = z.enum(["basic", "standard", "premium"]);

const IdSchema = z.string().min(1).max(64);

export const QuoteBodySchema = z.strictObject({
  gigId: IdSchema,
  tier: TierSchema,
  extraIds: z.array(IdSchema).max(20).default([]),
  quantity: z.number().int().min(1).max(100).default(1),
  /** The licence bought (API.md section 12); default: the cheapest the gig offers. */
  licence: LicenceKindSchema.optional(),
});
export type QuoteBody = z.infer<typeof QuoteBodySchema>;

export const QuoteSchema = z.object({
  subtotal: MoneySchema,
  serviceFee: MoneySchema,
  total: MoneySchema,
  deliveryDays: z.number().int(),
  sellerEarnings: MoneySchema,
  /** The licence priced in: what it adds to one unit (part of the subtotal). */
  licence: z.object({ kind: LicenceKindSchema, price: MoneySchema }),
});
export type Quote = z.infer<typeof QuoteSchema>;

export const PaymentSchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.literal("card"), token: z.string().min(1).max(200) }),
  z.strictObject({ method: z.literal("balance") }),
]);
export type Payment = z.infer<typeof PaymentSchema>;

export const PlaceOrderBodySchema = z.strictObject({
  gigId: IdSchema,
  tier: TierSchema,
  extraIds: z.array(IdSchema).max(20).default([]),
  quantity: z.number().int().min(1).max(100).default(1),
  licence: LicenceKindSchema.optional(),
  payment: PaymentSchema,
});
export type PlaceOrderBody = z.infer<typeof PlaceOrderBodySchema>;

export const OrderListQuerySchema = z.strictObject({
  role: z.enum(["buyer", "seller"]).default("buyer"),
  status: OrderStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const RequirementAnswersBodySchema = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        requirementId: IdSchema,
        text: z.string().max(5000).optional(),
        fileIds: z.array(IdSchema).max(10).optional(),
        choice: z.string().max(200).optional(),
      }),
    )
    .max(30),
});
export type RequirementAnswersBody = z.infer<typeof RequirementAnswersBodySchema>;

export const DeliveryBodySchema = z.strictObject({
  message: z.string().trim().min(1).max(5000),
  fileIds: z.array(IdSchema).max(20).default([]),
  /** The AI declaration for the files this delivery carries (required; tools required unless `none`). */
  aiUse: AiUseSchema,
  aiTools: AiToolsSchema.default([]),
});

/** `POST /api/orders/:id/disputes`: the reason, and optionally its category. */
export const DisputeBodySchema = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
  category: DisputeCategorySchema.optional(),
});

export const MessageBodySchema = z.strictObject({ message: z.string().trim().min(1).max(5000) });
export const ReasonBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const ExtensionBodySchema = z.strictObject({
  days: z.number().int().min(1).max(30),
  reason: z.string().trim().min(1).max(2000),
});
export const TipBodySchema = z.strictObject({ amount: MoneySchema, payment: PaymentSchema });
export const TipQuoteBodySchema = z.strictObject({ amount: MoneySchema });
/** What a tip costs the buyer before paying (`POST /api/orders/:id/tips/quote`): the same figures the tip charges. */
export const TipQuoteSchema = z.object({ amount: MoneySchema, serviceFee: MoneySchema, total: MoneySchema });
export type TipQuote = z.infer<typeof TipQuoteSchema>;
export const TipSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  amount: MoneySchema,
  serviceFee: MoneySchema,
  total: MoneySchema,
  createdAt: IsoDateTime,
});
export const ResolveDisputeBodySchema = z
  .strictObject({
    outcome: z.enum(["complete", "cancel", "split"]),
    buyerRefundPercent: z.number().int().min(0).max(100).optional(),
    fault: z.enum(["seller", "buyer", "none"]).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "split" && v.buyerRefundPercent === undefined) {
      ctx.addIssue({ code: "custom", path: ["buyerRefundPercent"], message: "is required for a split" });
    }
    if (v.outcome !== "split" && v.buyerRefundPercent !== undefined) {
      ctx.addIssue({ code: "custom", path: ["buyerRefundPercent"], message: "is only for a split" });
    }
  });

export const ResolutionPreviewBodySchema = z
  .strictObject({
    outcome: z.enum(["complete", "cancel", "split"]),
    buyerRefundPercent: z.number().int().min(0).max(100).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "split" && v.buyerRefundPercent === undefined) {
      ctx.addIssue({ code: "custom", path: ["buyerRefundPercent"], message: "is required for a split" });
    }
  });

/** What a dispute decision would move (`POST /api/admin/disputes/:id/preview`), before it is confirmed. */
export const ResolutionPreviewSchema = z.object({
  outcome: z.enum(["complete", "cancel", "split"]),
  buyerRefundPercent: z.number().nullable(),
  /** What the buyer paid, held in escrow. */
  total: MoneySchema,
  /** Back to the buyer's Atelier credits. */
  buyerRefund: MoneySchema,
  /** To the seller, pending clearance. */
  sellerEarnings: MoneySchema,
  /** Atelier's commission and the service fee it keeps. */
  commission: MoneySchema,
  feeKept: MoneySchema,
});
export type ResolutionPreview = z.infer<typeof ResolutionPreviewSchema>;

const PartySchema = z.object({ username: z.string(), displayName: z.string() });

export const OrderRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(["cancellation", "extension"]),
  requestedBy: z.object({ username: z.string() }),
  status: z.enum(["pending", "accepted", "declined", "lapsed", "withdrawn"]),
  reason: z.string(),
  days: z.number().int().nullable(),
  createdAt: IsoDateTime,
  resolvedAt: IsoDateTime.nullable(),
  /** When a pending request resolves by itself (48 h silence accepts a cancellation, 4 days lapse an extension). */
  expiresAt: IsoDateTime.nullable(),
});

export const MilestoneStatusSchema = z.enum([
  "pending",
  "in_progress",
  "delivered",
  "completed",
  "cancelled",
]);
export type MilestoneStatus = z.infer<typeof MilestoneStatusSchema>;

/**
 * One milestone of an order paid in milestones (API.md section 13): worked one at a time, each
 * delivered, revised and accepted on its own. `amount` is its part of the price; `sellerEarnings`
 * what its acceptance releases to the seller (after commission). `dueAt` is null until it starts.
 */
export const OrderMilestoneSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  amount: MoneySchema,
  sellerEarnings: MoneySchema,
  deliveryDays: z.number().int(),
  status: MilestoneStatusSchema,
  revisionsLeft: z.number().int().nullable(),
  startedAt: IsoDateTime.nullable(),
  dueAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  completedAt: IsoDateTime.nullable(),
  /** When a delivered milestone is accepted by itself (3 days after its delivery). */
  autoAcceptAt: IsoDateTime.nullable(),
  clearsAt: IsoDateTime.nullable(),
  clearedAt: IsoDateTime.nullable(),
  /** What the viewer may do with this milestone now: `deliver`, `accept`, `request_revision`. */
  actions: z.array(z.string()),
});
export type OrderMilestone = z.infer<typeof OrderMilestoneSchema>;

export const OrderSchema = z.object({
  id: z.string(),
  status: OrderStatusSchema,
  isLate: z.boolean(),
  gig: z.object({ id: z.string(), title: z.string() }),
  tier: TierSchema,
  package: z.object({ name: z.string(), description: z.string(), features: z.array(z.string()) }),
  extras: z.array(
    z.object({ id: z.string(), title: z.string(), price: MoneySchema, additionalDays: z.number() }),
  ),
  quantity: z.number().int(),
  /** The licence bought and its state (API.md section 12). */
  licence: OrderLicenceSchema,
  /** Image and PDF deliveries reach the buyer as watermarked previews until the order completes. */
  protectDeliveries: z.boolean(),
  buyer: PartySchema,
  seller: PartySchema,
  price: z.object({
    subtotal: MoneySchema,
    serviceFee: MoneySchema,
    total: MoneySchema,
    sellerEarnings: MoneySchema,
  }),
  deliveryDays: z.number().int(),
  revisionsAllowed: z.number().int().nullable(),
  revisionsLeft: z.number().int().nullable(),
  startedAt: IsoDateTime.nullable(),
  dueAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  completedAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  clearedAt: IsoDateTime.nullable(),
  /**
   * When a completed order's earnings clear (become available to the seller): completion plus the
   * seller's clearing period at completion (7 days for Top Rated, 14 otherwise). Null until completed.
   */
  clearsAt: IsoDateTime.nullable(),
  autoCompleteAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  requirements: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      kind: z.string(),
      required: z.boolean(),
      choices: z.array(z.string()).optional(),
      answer: z
        .object({
          text: z.string().optional(),
          fileIds: z.array(z.string()).optional(),
          choice: z.string().optional(),
        })
        .nullable(),
    }),
  ),
  requirementsSubmitted: z.boolean(),
  deliveries: z.array(
    z.object({
      id: z.string(),
      message: z.string(),
      files: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), url: z.string() })),
      aiUse: AiUseSchema,
      aiTools: z.array(z.string()),
      /** The milestone this delivery is for (null: the whole order). */
      milestoneId: z.string().nullable(),
      createdAt: IsoDateTime,
    }),
  ),
  /** The order's milestones in order (empty for an order delivered and accepted as a whole). */
  milestones: z.array(OrderMilestoneSchema),
  requests: z.array(OrderRequestSchema),
  cancellation: z
    .object({ fault: z.enum(["seller", "buyer", "none"]), reason: z.string(), at: IsoDateTime })
    .nullable(),
  dispute: z
    .object({
      reason: z.string(),
      category: DisputeCategorySchema.optional(),
      openedBy: z.string(),
      at: IsoDateTime,
    })
    .nullable(),
  /**
   * An admin's decision on a dispute: the note to both parties (null when none was written), and
   * what each side got — `buyerRefund` back to the buyer's credits, `sellerEarnings` to the seller
   * (pending clearance, after commission).
   */
  resolution: z
    .object({
      outcome: z.enum(["complete", "cancel", "split"]),
      buyerRefundPercent: z.number().nullable(),
      note: z.string().nullable(),
      buyerRefund: MoneySchema,
      sellerEarnings: MoneySchema,
      at: IsoDateTime,
    })
    .nullable(),
  /** Each tip with the buyer's service fee on it and what the buyer paid in all (amount + fee). */
  tips: z.array(
    z.object({
      id: z.string(),
      amount: MoneySchema,
      serviceFee: MoneySchema,
      total: MoneySchema,
      createdAt: IsoDateTime,
    }),
  ),
  viewerRole: z.enum(["buyer", "seller", "admin"]),
  /** The actions the viewer may take now, by transition name. */
  actions: z.array(z.string()),
});
export type Order = z.infer<typeof OrderSchema>;

export const OrderEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  actor: z.object({ role: z.enum(["buyer", "seller", "admin", "system"]), username: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()),
  createdAt: IsoDateTime,
});

export const WalletSchema = z.object({
  available: MoneySchema,
  pendingClearance: MoneySchema,
  credits: MoneySchema,
  withdrawn: MoneySchema,
  /** The caller's clearing period today, in days (7 for Top Rated sellers, 14 otherwise); earlier earnings keep theirs. */
  clearingDays: z.number().int(),
  /** What is pending clearance, earliest first: each completed order's earnings and each tip, and when it clears. */
  clearing: z.array(
    z.object({
      orderId: z.string(),
      tipId: z.string().nullable(),
      /** A milestone's share (an order paid in milestones clears milestone by milestone), with its title. */
      milestoneId: z.string().nullable(),
      milestoneTitle: z.string().nullable(),
      gigTitle: z.string(),
      amount: MoneySchema,
      clearsAt: IsoDateTime,
    }),
  ),
});
export type Wallet = z.infer<typeof WalletSchema>;

export const WalletLineSchema = z.object({
  id: z.string(),
  account: z.enum(["available", "pending_clearance", "credits"]),
  kind: z.string(),
  amount: MoneySchema,
  orderId: z.string().nullable(),
  memo: z.string(),
  createdAt: IsoDateTime,
});

export const WithdrawalBodySchema = z.strictObject({
  amount: MoneySchema,
  destination: z.strictObject({ kind: z.literal("bank"), accountLast4: z.string().regex(/^\d{4}$/) }),
});

export const WithdrawalSchema = z.object({
  id: z.string(),
  amount: MoneySchema,
  destination: z.object({ kind: z.literal("bank"), accountLast4: z.string() }),
  status: z.string(),
  createdAt: IsoDateTime,
});

export const LedgerCheckSchema = z.object({
  balanced: z.boolean(),
  entries: z.number().int(),
  totalDebits: MoneySchema,
  totalCredits: MoneySchema,
  negativeAccounts: z.array(z.object({ account: z.string(), balance: z.number() })),
  unbalancedTransactions: z.array(z.string()),
  cachedBalanceMismatches: z.array(z.string()),
});
