import type { GigStatus } from "@atelier/contracts";
import { AppError, type FieldError } from "../../platform/errors";

export const gigNotFound = () =>
  new AppError(404, "not_found", "Not found", "The gig does not exist or is not yours.");

export const gigInvalidTransition = (status: GigStatus, action: string) =>
  new AppError(409, "invalid_transition", "Invalid transition", `Cannot ${action} a gig that is ${status}.`);

export const gigLimitReached = (limit: number, level: string) =>
  new AppError(
    409,
    "gig_limit_reached",
    "Gig limit reached",
    `Sellers at level ${level} may have ${limit} active gigs (including gigs in review). Pause or archive one first.`,
  );

/** A draft saved before its pricing or description cannot be published yet; `errors` says what is missing. */
export const gigIncomplete = (missing: FieldError[]) =>
  new AppError(
    409,
    "gig_incomplete",
    "Gig incomplete",
    "Add what is missing before publishing: packages with prices and a description.",
    missing,
  );
