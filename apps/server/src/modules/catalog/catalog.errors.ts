import type { GigStatus } from "@atelier/contracts";
import { AppError } from "../../platform/errors";

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
