import { OrderStatusSchema, type OrderStatus } from "@atelier/contracts";

type OrderRole = "buyer" | "seller";

// Query keys the app shell needs (realtime invalidation) without the query functions: keeping them
// apart keeps each resource's queries out of the initial bundle.

export const orderKeys = {
  all: ["orders"] as const,
  list: (role: OrderRole, status: OrderStatus | undefined) =>
    ["orders", "list", role, status ?? "all"] as const,
  detail: (id: string) => ["orders", "detail", id] as const,
  timeline: (id: string) => ["orders", "timeline", id] as const,
  reviews: (id: string) => ["orders", "reviews", id] as const,
};

export const walletKeys = {
  all: ["wallet"] as const,
  balances: ["wallet", "balances"] as const,
  transactions: ["wallet", "transactions"] as const,
  earnings: (days: number) => ["wallet", "earnings", days] as const,
  withdrawals: ["wallet", "withdrawals"] as const,
};

/** Custom offers and briefs (pushed `offer.updated` frames invalidate them). */
export const negotiationKeys = {
  offers: ["offers"] as const,
  offer: (id: string) => ["offers", id] as const,
  briefs: ["briefs"] as const,
  myBriefs: ["briefs", "mine"] as const,
  inbox: ["briefs", "inbox"] as const,
  brief: (id: string) => ["briefs", "detail", id] as const,
};

export function isOrderStatus(value: unknown): value is OrderStatus {
  return OrderStatusSchema.safeParse(value).success;
}
