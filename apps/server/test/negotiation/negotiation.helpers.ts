import type { Offer } from "@atelier/contracts";
import { unique } from "../client";
import type { Party } from "../orders/orders.helpers";

/** An offer body a test changes only where it matters. */
export function offerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Logo and brand sheet",
    description: "Three logo concepts, a brand sheet and the source files.",
    price: { amount: 12000, currency: "USD" },
    deliveryDays: 5,
    revisions: 2,
    expiresInDays: 3,
    ...overrides,
  };
}

/** The buyer opens the conversation about the seller's gig; the seller makes an offer in it. */
export async function offerIn(
  seller: Party,
  buyer: Party,
  gigId: string,
  overrides: Record<string, unknown> = {},
): Promise<Offer> {
  const conversation = await buyer.client.post("/api/conversations", { username: seller.username, gigId });
  if (conversation.status !== 201 && conversation.status !== 200)
    throw new Error(`open conversation: ${conversation.status} ${JSON.stringify(conversation.body)}`);
  const res = await seller.client.post<Offer>(
    `/api/conversations/${conversation.body.id as string}/offers`,
    offerBody(overrides),
  );
  if (res.status !== 201) throw new Error(`create offer: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function payOffer(buyer: Party, offerId: string, key = unique("key")) {
  return buyer.client.post(
    "/api/orders",
    { offerId, payment: { method: "card", token: "tok_visa" } },
    {
      "idempotency-key": key,
    },
  );
}
