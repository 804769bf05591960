import type { LicenceKind, LicenceStatus } from "@atelier/contracts";
import type { OrderRules } from "../../platform/settings";
import type { Actor } from "./orders.lifecycle";

/** The orders module's rows as its repository reads and writes them. */
export interface OrderRow {
  id: string;
  buyer_id: string;
  seller_id: string;
  gig_id: string;
  gig_title: string;
  tier: "basic" | "standard" | "premium";
  package: {
    name: string;
    description: string;
    features: string[];
    price: { amount: number; currency: string };
    deliveryDays: number;
    revisions: number | null;
  };
  extras: {
    id: string;
    title: string;
    price: { amount: number; currency: string };
    additionalDays: number;
  }[];
  quantity: number;
  currency: string;
  subtotal: number;
  service_fee: number;
  total: number;
  commission: number;
  seller_earnings: number;
  delivery_days: number;
  revisions_allowed: number | null;
  revisions_used: number;
  status: "awaiting_requirements" | "in_progress" | "delivered" | "completed" | "cancelled" | "disputed";
  is_late: boolean;
  requirements: { id: string; question: string; kind: string; required: boolean; choices?: string[] }[];
  requirement_answers: { requirementId: string; text?: string; fileIds?: string[]; choice?: string }[] | null;
  payment_method: string;
  charge_id: string | null;
  started_at: Date | null;
  due_at: Date | null;
  delivered_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  cleared_at: Date | null;
  /** Fee rates and clearing periods in force when the order was placed; null: placed before they were kept. */
  rules: OrderRules | null;
  /** When the earnings clear (set at completion from the seller's clearing period then). */
  clears_at: Date | null;
  cancellation: { fault: "seller" | "buyer" | "none"; reason: string; at: string } | null;
  dispute: { reason: string; category?: string; openedBy: string; at: string } | null;
  resolution: {
    outcome: "complete" | "cancel" | "split";
    buyerRefundPercent: number | null;
    /** The admin's note to both parties, and what each side got (minor units); absent on older rows. */
    note?: string | null;
    buyerRefund?: number;
    sellerEarnings?: number;
    at: string;
  } | null;
  status_before_dispute: string | null;
  created_at: Date;
  updated_at: Date;
  /** The licence bought, what it added to one unit, and its state (it follows the money). */
  licence_kind: LicenceKind;
  licence_price: number;
  licence_status: LicenceStatus;
  licence_granted_at: Date | null;
  licence_revoked_at: Date | null;
  /** The gig's "protected deliveries" at checkout: watermarked previews until completion. */
  protect_deliveries: boolean;
  /** How many milestones the order is paid in (0: delivered and accepted as a whole). */
  milestone_count: number;
}

/** One milestone of an order paid in milestones (money in minor units, decided at checkout). */
export interface MilestoneRow {
  id: string;
  order_id: string;
  position: number;
  title: string;
  amount: number;
  service_fee: number;
  commission: number;
  seller_earnings: number;
  delivery_days: number;
  status: "pending" | "in_progress" | "delivered" | "completed" | "cancelled";
  revisions_used: number;
  started_at: Date | null;
  due_at: Date | null;
  delivered_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  clears_at: Date | null;
  cleared_at: Date | null;
}

export interface GigForOrder {
  id: string;
  seller_id: string;
  title: string;
  status: string;
  currency: string;
  packages: {
    tier: "basic" | "standard" | "premium";
    name: string;
    description: string;
    price: { amount: number; currency: string };
    deliveryDays: number;
    revisions: number | null;
    features: string[];
  }[];
  extras: {
    id: string;
    title: string;
    price: { amount: number; currency: string };
    additionalDays: number;
  }[];
  requirements: { id: string; question: string; kind: string; required: boolean; choices?: string[] }[];
  licences: { kind: LicenceKind; price: { amount: number; currency: string } }[];
  protect_deliveries: boolean;
  seller_level: string | null;
  seller_suspended: boolean;
  seller_username: string;
  seller_display_name: string;
}

export interface RequestRow {
  id: string;
  order_id: string;
  kind: "cancellation" | "extension";
  requested_by: string;
  status: "pending" | "accepted" | "declined" | "lapsed" | "withdrawn";
  reason: string;
  days: number | null;
  created_at: Date;
  resolved_at: Date | null;
}

/** A new order's row as it will be stored (the other columns at their defaults). */
export function newOrderRow(o: NewOrder): OrderRow {
  return {
    ...o,
    revisions_used: 0,
    is_late: false,
    requirement_answers: null,
    started_at: null,
    due_at: null,
    delivered_at: null,
    completed_at: null,
    cancelled_at: null,
    cleared_at: null,
    clears_at: null,
    cancellation: null,
    dispute: null,
    resolution: null,
    status_before_dispute: null,
    updated_at: o.created_at,
    licence_status: "pending",
    licence_granted_at: null,
    licence_revoked_at: null,
    milestone_count: 0,
  };
}

/** What a new order is written with; the other columns start at their defaults. */
export type NewOrder = Omit<
  OrderRow,
  | "revisions_used"
  | "is_late"
  | "requirement_answers"
  | "started_at"
  | "due_at"
  | "delivered_at"
  | "completed_at"
  | "cancelled_at"
  | "cleared_at"
  | "clears_at"
  | "cancellation"
  | "dispute"
  | "resolution"
  | "status_before_dispute"
  | "updated_at"
  | "licence_status"
  | "licence_granted_at"
  | "licence_revoked_at"
  | "milestone_count"
>;

export interface NewEvent {
  orderId: string;
  kind: string;
  actorId: string | null;
  actorRole: Actor;
  data?: Record<string, unknown>;
  now: Date;
}
