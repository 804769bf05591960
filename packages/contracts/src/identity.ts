import { z } from "zod";
import { IsoDateTime } from "./common";

export const SellerLevelSchema = z.enum(["new", "level_1", "level_2", "top_rated"]);
export type SellerLevel = z.infer<typeof SellerLevelSchema>;

export const RoleSchema = z.enum(["member", "admin"]);

export const UsernameSchema = z
  .string()
  .min(3, "must be at least 3 characters")
  .max(30, "must be at most 30 characters")
  .regex(/^[a-z0-9_]+$/, "may contain only lower-case letters, digits and underscores");

export const EmailSchema = z.string().trim().max(254).pipe(z.email("must be an e-mail address"));

export const PasswordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(200, "must be at most 200 characters");

export const SignupBodySchema = z.strictObject({
  email: EmailSchema,
  password: PasswordSchema,
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(60).optional(),
});
export type SignupBody = z.infer<typeof SignupBodySchema>;

export const LoginBodySchema = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
  /** A TOTP code or an unused recovery code, when two-factor is on. */
  code: z.string().trim().min(1).max(40).optional(),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(RoleSchema),
  isSeller: z.boolean(),
  sellerLevel: SellerLevelSchema.nullable(),
  createdAt: IsoDateTime,
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
});
export type Me = z.infer<typeof MeSchema>;

export const UserEnvelopeSchema = z.object({ user: MeSchema });

export const TokenScopeSchema = z.enum(["read", "write", "admin"]);
export type TokenScope = z.infer<typeof TokenScopeSchema>;

export const CreateTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Default `["read", "write"]`. `read`: safe methods; `write`: changes; `admin`: admin routes. */
  scopes: z.array(TokenScopeSchema).min(1).max(3).optional(),
});
export const CreatedTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  scopes: z.array(TokenScopeSchema),
  createdAt: IsoDateTime,
});
export const TokenSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(TokenScopeSchema),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
});

export const SellerProfileBodySchema = z.strictObject({
  headline: z.string().trim().min(5, "must be at least 5 characters").max(120),
  bio: z.string().trim().min(20, "must be at least 20 characters").max(2000),
  skills: z.array(z.string().trim().min(1).max(40)).min(1).max(15),
  languages: z.array(z.string().trim().min(2).max(40)).min(1).max(10),
  country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 alpha-2 country code such as DE"),
});
export type SellerProfileBody = z.infer<typeof SellerProfileBodySchema>;

export const PublicProfileSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  isSeller: z.boolean(),
  sellerLevel: SellerLevelSchema.nullable(),
  headline: z.string().nullable(),
  bio: z.string().nullable(),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  country: z.string().nullable(),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  memberSince: IsoDateTime,
  responseTimeHours: z.number().nullable(),
});
export type PublicProfile = z.infer<typeof PublicProfileSchema>;

export const HealthSchema = z.object({
  status: z.literal("ok"),
  db: z.enum(["pglite", "postgres"]),
  version: z.string(),
});

// ---- Accounts (API.md section 10) ----

export const TokenBodySchema = z.strictObject({ token: z.string().trim().min(1).max(200) });
export const PasswordResetBodySchema = z.strictObject({ email: z.string().trim().min(1).max(254) });
export const PasswordResetConfirmBodySchema = z.strictObject({
  token: z.string().trim().min(1).max(200),
  password: PasswordSchema,
});
export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});
export const AcceptedSchema = z.object({ status: z.literal("accepted"), detail: z.string() });
export const OkSchema = z.object({ status: z.literal("ok") });

export const TwoFactorSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export const TwoFactorCodeBodySchema = z.strictObject({ code: z.string().trim().min(1).max(40) });
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()).length(10) });

export const SessionSummarySchema = z.object({
  id: z.string(),
  createdAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  expiresAt: IsoDateTime,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const DeleteAccountBodySchema = z.strictObject({ password: z.string().min(1).max(200) });

export const PasskeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
});
export type PasskeySummary = z.infer<typeof PasskeySummarySchema>;

/** WebAuthn options and responses are the browser's JSON shapes (WebAuthn Level 3 `toJSON`). */
const WebAuthnJson = z.record(z.string(), z.unknown());
export const PasskeyOptionsSchema = z.object({ challengeId: z.string(), options: WebAuthnJson });
export const PasskeyRegisterBodySchema = z.strictObject({
  challengeId: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(60).optional(),
  response: WebAuthnJson,
});
export const PasskeyLoginBodySchema = z.strictObject({
  challengeId: z.string().min(1).max(64),
  response: WebAuthnJson,
});
