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
});
export type Me = z.infer<typeof MeSchema>;

export const UserEnvelopeSchema = z.object({ user: MeSchema });

export const CreateTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
});
export const CreatedTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  createdAt: IsoDateTime,
});
export const TokenSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
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
