import {
  OrderReviewsSchema,
  OrderSchema,
  OrderTimelineSchema,
  pageOf,
  OrderStatusSchema,
  type MoneyDto,
  type Order,
  type OrderStatus,
} from "@atelier/contracts";
import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { ApiError, api, read } from "./api";

export type OrderRole = "buyer" | "seller";

/** What each status means to a person, in a few words. */
export const STATUS_LABELS: Record<OrderStatus, string> = {
  awaiting_requirements: "Awaiting requirements",
  in_progress: "In progress",
  delivered: "Delivered",
  completed: "Completed",
  cancelled: "Cancelled",
  disputed: "In dispute",
};

export const ORDER_STATUSES: readonly OrderStatus[] = OrderStatusSchema.options;

export { isOrderStatus } from "./queryKeys";

export const TIER_LABELS = { basic: "Basic", standard: "Standard", premium: "Premium" } as const;

import { orderKeys } from "./queryKeys";

export { orderKeys };

export function orderQueryOptions(id: string) {
  return queryOptions({
    queryKey: orderKeys.detail(id),
    queryFn: ({ signal }) => {
      return read(OrderSchema, api.GET("/api/orders/{id}", { params: { path: { id } }, signal }));
    },
  });
}

export const OrderPageSchema = pageOf(OrderSchema);

/** `GET /api/orders`: the viewer's orders as buyer or seller, newest first, page by page. */
export function ordersListQueryOptions(role: OrderRole, status: OrderStatus | undefined) {
  return infiniteQueryOptions({
    queryKey: orderKeys.list(role, status),
    queryFn: ({ pageParam, signal }) =>
      read(
        OrderPageSchema,
        api.GET("/api/orders", {
          params: { query: { role, limit: 20, status, cursor: pageParam || undefined } },
          signal,
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** `GET /api/orders/:id/timeline`: what happened to the order and the messages about it. */
export function orderTimelineQueryOptions(id: string) {
  return queryOptions({
    queryKey: orderKeys.timeline(id),
    queryFn: ({ signal }) =>
      read(OrderTimelineSchema, api.GET("/api/orders/{id}/timeline", { params: { path: { id } }, signal })),
  });
}

/** `GET /api/orders/:id/reviews`: the order's reviews, both ways, once completed. */
export function orderReviewsQueryOptions(id: string) {
  return queryOptions({
    queryKey: orderKeys.reviews(id),
    queryFn: ({ signal }) =>
      read(OrderReviewsSchema, api.GET("/api/orders/{id}/reviews", { params: { path: { id } }, signal })),
  });
}

/**
 * One attempt at a money-moving request (checkout, tip, withdrawal). The `Idempotency-Key` is made
 * once per attempt and sent again when the same attempt is retried after an unknown outcome (a
 * network failure, a 5xx, a concurrent duplicate), so the server never charges twice. A definite
 * answer (success or a 4xx such as a declined card) ends the attempt: the next click is a new one.
 */
export class PaymentAttempt {
  private key: string | null = null;
  private params: string | null = null;

  /** The key for these parameters: the same key while the attempt with the same parameters is open. */
  keyFor(params: unknown): string {
    const serialised = JSON.stringify(params);
    if (this.key === null || this.params !== serialised) {
      this.key = crypto.randomUUID();
      this.params = serialised;
    }
    return this.key;
  }

  /** Call with the outcome: keeps the key only when the server may not have decided yet. */
  settle(error: unknown) {
    if (outcomeUnknown(error)) return;
    this.key = null;
    this.params = null;
  }
}

function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof ApiError)) return error !== null && error !== undefined;
  return (
    error.status === 0 ||
    error.status >= 500 ||
    (error.status === 409 && error.code === "idempotency_in_flight")
  );
}

/**
 * "12.5" → 1250 minor units for a currency with `digits` decimals; null for anything that is not a
 * plain positive amount. Parsed as text, so no floating-point rounding is involved.
 */
export function parseAmount(input: string, digits = 2): number | null {
  const cleaned = input.trim().replace(/[\s,]/g, "");
  const match = /^(\d{1,9})(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const minor = Number(whole + fraction.padEnd(digits, "0"));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Decimal digits of a currency's minor unit (2 for USD, 0 for JPY). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** "25.00" for an input's initial value: money as a plain decimal string, no symbol or grouping. */
export function amountInputValue(money: MoneyDto): string {
  const digits = currencyDigits(money.currency);
  const text = String(Math.abs(money.amount)).padStart(digits + 1, "0");
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** The other participant, as the viewer sees the order. */
export function counterpart(order: Order): { username: string; displayName: string; role: OrderRole } {
  return order.viewerRole === "seller"
    ? { ...order.buyer, role: "buyer" }
    : { ...order.seller, role: "seller" };
}

/** "2 days 4 hours", "35 minutes": the time between now and a moment, for countdowns. */
export function formatDuration(milliseconds: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(milliseconds) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (value: number, unit: "day" | "hour" | "minute") =>
    new Intl.NumberFormat(undefined, { style: "unit", unit, unitDisplay: "long" }).format(value);
  if (days > 0) return hours > 0 ? `${unit(days, "day")} ${unit(hours, "hour")}` : unit(days, "day");
  if (hours > 0) return mins > 0 ? `${unit(hours, "hour")} ${unit(mins, "minute")}` : unit(hours, "hour");
  return unit(Math.max(1, mins), "minute");
}

/** "2.4 MB", "830 kB": sizes in the browser's locale. */
export function formatFileSize(bytes: number): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let value = bytes;
  let index = 0;
  while (value >= 1000 && index < units.length - 1) {
    value /= 1000;
    index += 1;
  }
  return new Intl.NumberFormat(undefined, {
    style: "unit",
    unit: units[index] ?? "byte",
    unitDisplay: index === 0 ? "long" : "short",
    maximumFractionDigits: index === 0 ? 0 : 1,
  }).format(value);
}
