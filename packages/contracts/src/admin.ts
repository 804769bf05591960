import { z } from "zod";
import { IsoDateTime, pageOf } from "./common";
import { RoleSchema, SellerLevelSchema } from "./identity";

/** `GET /api/admin/users`: find people by username, display name or e-mail. */
export const AdminUsersQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});
export type AdminUsersQuery = z.infer<typeof AdminUsersQuerySchema>;

/** A person as an admin sees them: includes the e-mail and the suspension state. */
export const AdminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(RoleSchema),
  isSeller: z.boolean(),
  sellerLevel: SellerLevelSchema.nullable(),
  suspendedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type AdminUser = z.infer<typeof AdminUserSchema>;

export const AdminUsersPageSchema = pageOf(AdminUserSchema);
export type AdminUsersPage = z.infer<typeof AdminUsersPageSchema>;
