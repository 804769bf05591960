import type { Me, PublicProfile } from "@atelier/contracts";
import type { SellerProfileRow, UserRow } from "./identity.repository";

/** The signed-in caller as the rest of the server sees it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  isSeller: boolean;
  sellerLevel: UserRow["seller_level"];
  /** Two-factor (TOTP) is on. */
  twoFactor: boolean;
}

export interface AuthContext {
  user: AuthUser;
  via: "cookie" | "token";
  sessionId?: string;
  /** Personal access tokens only: what the token may do. */
  tokenId?: string;
  scopes?: readonly string[];
}

export const isAdmin = (user: Pick<AuthUser, "roles">): boolean => user.roles.includes("admin");

export function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    isSeller: row.is_seller,
    sellerLevel: row.seller_level,
    twoFactor: row.totp_enabled_at !== null,
  };
}

export function toMe(row: UserRow): Me {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles.includes("admin") ? ["member", "admin"] : ["member"],
    isSeller: row.is_seller,
    sellerLevel: row.seller_level,
    createdAt: row.created_at.toISOString(),
    emailVerified: row.email_verified_at !== null,
    twoFactorEnabled: row.totp_enabled_at !== null,
  };
}

export function toPublicProfile(
  row: UserRow,
  profile: SellerProfileRow | undefined,
  stats: { ratingAverage: number | null; ratingCount: number; responseTimeHours: number | null },
): PublicProfile {
  return {
    username: row.username,
    displayName: row.display_name,
    isSeller: row.is_seller,
    sellerLevel: row.seller_level,
    headline: profile?.headline ?? null,
    bio: profile?.bio ?? null,
    skills: profile?.skills ?? [],
    languages: profile?.languages ?? [],
    country: profile?.country ?? null,
    rating: { average: stats.ratingAverage, count: stats.ratingCount },
    memberSince: row.created_at.toISOString(),
    responseTimeHours: stats.responseTimeHours,
  };
}
