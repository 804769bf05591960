import { createHash } from "node:crypto";
import type { FileDto, Offer } from "@atelier/contracts";
import { unique, type ApiClient } from "../client";
import type { TestServer } from "../harness";
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

export const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** Uploads `bytes` through `POST /api/files` as the client's user. */
export async function uploadAs(client: ApiClient, bytes: Uint8Array, name: string): Promise<FileDto> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  const res = await client.post<FileDto>("/api/files", form);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Downloads raw bytes as `client` (anonymously when null): the JSON client would decode them as text. */
export async function downloadAs(server: TestServer, client: ApiClient | null, url: string) {
  const headers: Record<string, string> = {};
  if (client && client.cookies.size > 0)
    headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(server.url + url, { headers });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}
