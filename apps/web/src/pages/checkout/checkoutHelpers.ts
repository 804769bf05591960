import { getRouteApi } from "@tanstack/react-router";

export const route = getRouteApi("/checkout/$gigId");

/** The sandbox processor's test tokens (API.md section 4): no real card is ever charged. */
export const TEST_CARDS = [
  { token: "tok_visa", label: "Visa ending 4242", outcome: "Payment succeeds" },
  { token: "tok_chargeDeclined", label: "Declined card", outcome: "The bank declines the payment" },
  { token: "tok_insufficientFunds", label: "Empty account", outcome: "Fails with insufficient funds" },
] as const;

export type PaymentChoice = "card" | "balance";
