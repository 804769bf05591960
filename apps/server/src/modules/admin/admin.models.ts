import { z } from "zod";
import type { AdminUser } from "@atelier/contracts";
import type { Suspension } from "@atelier/contracts/safety";
import type { AdminUserRow, SuspensionRow } from "./admin.repository";

/** The reason recorded on orders frozen by a suspension (shown to both parties and in the dispute queue). */
export const SUSPENSION_DISPUTE_REASON = "Account suspended by an admin";

export function toAdminUser(row: AdminUserRow): AdminUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles.filter((r): r is AdminUser["roles"][number] => r === "member" || r === "admin"),
    isSeller: row.is_seller,
    sellerLevel: row.seller_level,
    suspendedAt: row.suspended_at ? row.suspended_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** Pages of users are keyed by the last username shown (usernames are unique). */
export const UserCursor = z.tuple([z.string().min(1)]).transform(([username]) => username);

export function toSuspension(row: SuspensionRow): Suspension {
  return {
    id: row.id,
    reason: row.reason,
    rule: row.rule,
    suspendedBy: { username: row.suspended_by_username },
    createdAt: row.created_at.toISOString(),
    endsAt: row.ends_at?.toISOString() ?? null,
    liftedAt: row.lifted_at?.toISOString() ?? null,
  };
}
