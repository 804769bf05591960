import type { LicenceKind, LicenceStatus } from "@atelier/contracts";

export const LICENCE_LABELS: Record<LicenceKind, string> = {
  personal: "Personal",
  commercial: "Commercial",
  full_transfer: "Full transfer",
};

export const LICENCE_HINTS: Record<LicenceKind, string> = {
  personal: "Private use",
  commercial: "Use in business; no resale of the work itself",
  full_transfer: "All rights the seller holds pass to you",
};

export const LICENCE_STATUS_LABELS: Record<LicenceStatus, string> = {
  pending: "Pending: granted when the seller is paid",
  granted: "Granted",
  revoked: "Revoked: the payment went back to the buyer",
};
