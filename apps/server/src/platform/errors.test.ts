import { describe, expect, it } from "vitest";
import {
  AppError,
  badRequest,
  conflict,
  forbidden,
  idempotencyKeyReused,
  invalidCredentials,
  invalidTransition,
  isAppError,
  notFound,
  payloadTooLarge,
  paymentFailed,
  rateLimited,
  unauthenticated,
  unsupportedMediaType,
  validationFailed,
} from "./errors";

describe("error helpers", () => {
  it.each([
    { error: validationFailed([{ path: "email", message: "bad" }]), status: 400, code: "validation_failed" },
    { error: badRequest("malformed_json", "no"), status: 400, code: "malformed_json" },
    { error: unauthenticated(), status: 401, code: "unauthenticated" },
    { error: invalidCredentials(), status: 401, code: "invalid_credentials" },
    { error: forbidden(), status: 403, code: "forbidden" },
    { error: forbidden("no token", "csrf_failed"), status: 403, code: "csrf_failed" },
    { error: notFound("gig"), status: 404, code: "not_found" },
    { error: conflict("taken"), status: 409, code: "conflict" },
    { error: conflict("taken", "account_exists"), status: 409, code: "account_exists" },
    { error: invalidTransition("delivered", "cancel"), status: 409, code: "invalid_transition" },
    { error: paymentFailed("card_declined", "declined"), status: 402, code: "card_declined" },
    { error: paymentFailed("insufficient_funds", "broke"), status: 402, code: "insufficient_funds" },
    { error: payloadTooLarge(), status: 413, code: "payload_too_large" },
    { error: unsupportedMediaType("json please"), status: 415, code: "unsupported_media_type" },
    { error: idempotencyKeyReused(), status: 422, code: "idempotency_key_reused" },
    { error: rateLimited(10), status: 429, code: "rate_limited" },
  ])("$code answers $status", ({ error, status, code }) => {
    expect(error).toBeInstanceOf(AppError);
    expect(isAppError(error)).toBe(true);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(error.title.length).toBeGreaterThan(0);
  });

  it("carries field errors and a user-safe detail", () => {
    const e = validationFailed([{ path: "packages.0.price.amount", message: "must be positive" }]);
    expect(e.errors).toEqual([{ path: "packages.0.price.amount", message: "must be positive" }]);
    expect(notFound("gig").detail).toBe("The gig does not exist or is not yours.");
    expect(conflict("taken", "account_exists", [{ path: "email", message: "taken" }]).errors).toHaveLength(1);
  });

  it("rate limiting says when to retry, in whole seconds and at least one", () => {
    expect(rateLimited(10).headers).toEqual({ "Retry-After": "10" });
    expect(rateLimited(9.2).headers).toEqual({ "Retry-After": "10" });
    expect(rateLimited(0).headers).toEqual({ "Retry-After": "1" });
    expect(rateLimited(-5).headers).toEqual({ "Retry-After": "1" });
  });

  it("tells app errors from anything else", () => {
    expect(isAppError(new Error("boom"))).toBe(false);
    expect(isAppError({ status: 400, code: "validation_failed" })).toBe(false);
  });
});
