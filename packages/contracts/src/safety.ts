import { z } from "zod";
import { IsoDateTime, MoneySchema, pageOf } from "./common";
import { AdminUserSchema } from "./admin";
import { MessageFlagSchema } from "./messaging";

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
// Reports (API.md section 11): one queue for people's reports and the platform's off-platform ones

export const ReportSubjectTypeSchema = z.enum(["gig", "user", "message", "review"]);
export type ReportSubjectType = z.infer<typeof ReportSubjectTypeSchema>;

export const ReportReasonSchema = z.enum([
  "scam",
  "off_platform",
  "prohibited",
  "harassment",
  "plagiarism",
  "undisclosed_ai",
  "other",
]);
export type ReportReason = z.infer<typeof ReportReasonSchema>;

/** `POST /api/reports`. A user subject's `id` may be their username (public profiles show no id). */
export const CreateReportBodySchema = z.strictObject({
  subject: z.strictObject({ type: ReportSubjectTypeSchema, id: IdSchema }),
  reason: ReportReasonSchema,
  details: z
    .string()
    .trim()
    .max(2000)
    .refine((s) => !s.includes("\u0000"), "must not contain NUL characters")
    .default(""),
});
export type CreateReportBody = z.input<typeof CreateReportBodySchema>;

/** What the reporter gets back: their report, without the admin's view of it. */
export const CreatedReportSchema = z.object({
  id: z.string(),
  subject: z.object({ type: ReportSubjectTypeSchema, id: z.string() }),
  reason: ReportReasonSchema,
  status: z.enum(["open", "resolved"]),
  createdAt: IsoDateTime,
});
export type CreatedReport = z.infer<typeof CreatedReportSchema>;

/** The subject as it was when reported: a one-line summary, its text, and where it lives. */
export const ReportSnapshotSchema = z.object({
  summary: z.string(),
  text: z.string(),
  path: z.string().nullable(),
});
export type ReportSnapshot = z.infer<typeof ReportSnapshotSchema>;

export const ReportActionSchema = z.enum(["dismiss", "remove", "warn", "suspend"]);
export type ReportAction = z.infer<typeof ReportActionSchema>;

export const ReportSchema = z.object({
  id: z.string(),
  kind: z.enum(["off_platform_contact", "user_report"]),
  status: z.enum(["open", "resolved"]),
  /** `username` is the subject's owner: the user, the gig's seller, the message's sender, the review's author. */
  subject: z.object({ type: ReportSubjectTypeSchema, id: z.string(), username: z.string() }),
  reporter: z.object({ username: z.string() }).nullable(),
  reason: ReportReasonSchema.nullable(),
  details: z.string().nullable(),
  snapshot: ReportSnapshotSchema.nullable(),
  evidence: z.array(
    z.object({
      messageId: z.string(),
      conversationId: z.string(),
      body: z.string(),
      flags: z.array(MessageFlagSchema),
      createdAt: IsoDateTime,
    }),
  ),
  action: ReportActionSchema.nullable(),
  rule: z.string().nullable(),
  resolution: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportListQuerySchema = z.strictObject({
  /** `closed` is the older name of `resolved`. */
  status: z.enum(["open", "resolved", "closed"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

export const CloseReportBodySchema = z.strictObject({ resolution: StorableText(2000) });

/** `POST /api/admin/reports/:id/resolve`: every action cites the rule it applies. */
export const ResolveReportBodySchema = z.strictObject({
  action: ReportActionSchema,
  rule: StorableText(200),
  note: StorableText(2000),
  /** For `suspend`: when the suspension ends by itself (none: until lifted). */
  until: z.iso.datetime({ offset: true }).optional(),
});
export type ResolveReportBody = z.infer<typeof ResolveReportBodySchema>;

// ---------------------------------------------------------------------------------------------
// Suspensions and appeals

/** A suspension: why, under which rule, by whom, until when. */
export const SuspensionSchema = z.object({
  id: z.string(),
  reason: z.string(),
  rule: z.string(),
  suspendedBy: z.object({ username: z.string() }),
  createdAt: IsoDateTime,
  endsAt: IsoDateTime.nullable(),
  liftedAt: IsoDateTime.nullable(),
});
export type Suspension = z.infer<typeof SuspensionSchema>;

/** What a suspension did, besides suspending: the orders it froze for review. */
export const SuspensionResultSchema = z.object({
  user: AdminUserSchema,
  /** The suspension in force after the request (null once lifted). */
  suspension: SuspensionSchema.nullable(),
  disputedOrderIds: z.array(z.string()),
});
export type SuspensionResult = z.infer<typeof SuspensionResultSchema>;

/** `POST /api/admin/users/:id/suspend`. */
export const SuspendBodySchema = z.strictObject({
  reason: StorableText(2000),
  rule: StorableText(200),
  until: z.iso.datetime({ offset: true }).optional(),
});
export type SuspendBody = z.infer<typeof SuspendBodySchema>;

/** `POST /api/appeals`: the suspended user proves who they are with their password. */
export const CreateAppealBodySchema = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
  text: StorableText(4000),
});
export type CreateAppealBody = z.infer<typeof CreateAppealBodySchema>;

export const AppealSchema = z.object({
  id: z.string(),
  status: z.enum(["open", "upheld", "lifted"]),
  text: z.string(),
  user: z.object({ id: z.string(), username: z.string() }),
  suspension: SuspensionSchema,
  decidedBy: z.object({ username: z.string() }).nullable(),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
  decidedAt: IsoDateTime.nullable(),
});
export type Appeal = z.infer<typeof AppealSchema>;

/** What the appellant sees: that the appeal is recorded (nothing of the admins' side). */
export const CreatedAppealSchema = z.object({
  id: z.string(),
  status: z.literal("open"),
  createdAt: IsoDateTime,
});

export const AppealListQuerySchema = z.strictObject({
  status: z.enum(["open", "upheld", "lifted"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

export const DecideAppealBodySchema = z.strictObject({
  outcome: z.enum(["upheld", "lifted"]),
  note: StorableText(2000),
});
export type DecideAppealBody = z.infer<typeof DecideAppealBodySchema>;

// ---------------------------------------------------------------------------------------------
// Audit log

export const AuditEntrySchema = z.object({
  id: z.string(),
  actor: z.object({ username: z.string() }),
  action: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  rule: z.string().nullable(),
  reason: z.string().nullable(),
  at: IsoDateTime,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(512).optional(),
});

export const AuditLogPageSchema = pageOf(AuditEntrySchema);

// ---------------------------------------------------------------------------------------------
// Marketplace settings

const Bps = z.number().int().min(0).max(5000);

export const MarketplaceSettingsSchema = z.strictObject({
  commissionBps: Bps,
  buyerFeeBps: Bps,
  smallOrderFee: MoneySchema,
  smallOrderThreshold: MoneySchema,
  clearingDays: z.number().int().min(0).max(90),
  topRatedClearingDays: z.number().int().min(0).max(90),
  prohibitedTerms: z.array(z.string().trim().min(2).max(100)).max(500),
});
export type MarketplaceSettings = z.infer<typeof MarketplaceSettingsSchema>;
