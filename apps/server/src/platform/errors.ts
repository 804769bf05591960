/**
 * Errors are values with a stable machine `code`; one handler (app/error-handler.ts) turns them into
 * RFC 9457 problem+json. Messages here are safe to show to users; internals never reach a response.
 */
import type { ErrorCode } from "./error-codes";

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = "AppError";
  }
}

export const validationFailed = (errors: FieldError[], detail = "The request is not valid.") =>
  new AppError(400, "validation_failed", "Validation failed", detail, errors);

export const badRequest = (code: ErrorCode, detail: string) => new AppError(400, code, "Bad request", detail);

export const unauthenticated = (detail = "Sign in to continue.") =>
  new AppError(401, "unauthenticated", "Not signed in", detail);

export const invalidCredentials = () =>
  new AppError(401, "invalid_credentials", "Wrong e-mail or password", "The e-mail or password is wrong.");

export const forbidden = (detail = "You are not allowed to do this.", code: ErrorCode = "forbidden") =>
  new AppError(403, code, "Forbidden", detail);

export const notFound = (what = "resource") =>
  new AppError(404, "not_found", "Not found", `The ${what} does not exist or is not yours.`);

export const conflict = (detail: string, code: ErrorCode = "conflict", errors?: FieldError[]) =>
  new AppError(409, code, "Conflict", detail, errors);

export const invalidTransition = (from: string, action: string) =>
  new AppError(
    409,
    "invalid_transition",
    "Invalid transition",
    `Cannot ${action} while the order is ${from}.`,
  );

export const paymentFailed = (code: "card_declined" | "insufficient_funds", detail: string) =>
  new AppError(402, code, "Payment failed", detail);

export const payloadTooLarge = (detail = "The request body is too large.") =>
  new AppError(413, "payload_too_large", "Payload too large", detail);

export const unsupportedMediaType = (detail: string) =>
  new AppError(415, "unsupported_media_type", "Unsupported media type", detail);

export const idempotencyKeyReused = () =>
  new AppError(
    422,
    "idempotency_key_reused",
    "Idempotency key reused",
    "This Idempotency-Key was used with other parameters.",
  );

export const rateLimited = (retryAfterSeconds: number, detail = "Too many requests; try again later.") =>
  new AppError(429, "rate_limited", "Too many requests", detail, undefined, {
    "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
