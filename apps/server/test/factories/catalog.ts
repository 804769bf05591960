import type { Gig } from "@atelier/contracts";
import type { ApiClient } from "../client";

/** A description of exactly `length` characters (readable words, padded). */
export function textOfLength(
  length: number,
  seed = "A clear, friendly description of the service. ",
): string {
  let out = "";
  while (out.length < length) out += seed;
  return out.slice(0, length).replace(/\s+$/, (m) => "x".repeat(m.length));
}

export function basicPackage(overrides: Record<string, unknown> = {}) {
  return {
    tier: "basic",
    name: "Basic",
    description: "One concept, PNG files",
    price: { amount: 2500, currency: "USD" },
    deliveryDays: 3,
    revisions: 1,
    features: ["1 concept", "PNG files"],
    ...overrides,
  };
}

export function threePackages(prices: [number, number, number] = [2500, 5000, 10000]) {
  return [
    basicPackage({ price: { amount: prices[0], currency: "USD" } }),
    {
      tier: "standard",
      name: "Standard",
      description: "Three concepts, source files",
      price: { amount: prices[1], currency: "USD" },
      deliveryDays: 5,
      revisions: 3,
      features: ["3 concepts", "source files"],
    },
    {
      tier: "premium",
      name: "Premium",
      description: "Five concepts, full brand kit",
      price: { amount: prices[2], currency: "USD" },
      deliveryDays: 7,
      revisions: null,
      features: ["5 concepts", "brand kit"],
    },
  ];
}

/** A valid gig body; override any field. */
export function gigBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "I will design a modern minimalist logo for your brand",
    categorySlug: "logo-design",
    description: textOfLength(200),
    tags: ["logo", "branding", "minimalist"],
    packages: threePackages(),
    extras: [{ title: "Fast delivery", price: { amount: 1000, currency: "USD" }, additionalDays: 0 }],
    faq: [{ question: "Do you offer refunds?", answer: "Yes, before the work starts." }],
    requirements: [
      { question: "What is your brand name?", kind: "text", required: true },
      { question: "Pick a style", kind: "choice", required: false, choices: ["Modern", "Vintage"] },
    ],
    aiAssisted: false,
    ...overrides,
  };
}

/** Creates a draft gig with the client (a seller); returns the created gig. */
export async function createGig(client: ApiClient, overrides: Record<string, unknown> = {}) {
  const res = await client.post<Gig>("/api/gigs", gigBody(overrides));
  if (res.status !== 201) throw new Error(`create gig failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates and publishes a gig; returns the published gig. */
export async function createActiveGig(client: ApiClient, overrides: Record<string, unknown> = {}) {
  const gig = await createGig(client, overrides);
  const res = await client.post<Gig>(`/api/gigs/${gig.id}/publish`);
  if (res.status !== 200) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A signed-in admin client. */
export async function adminClient(newClient: () => ApiClient, anyClient: ApiClient) {
  const admin = newClient();
  const user = await admin.signup();
  const res = await anyClient.post("/api/test/admins", { email: user.email });
  if (res.status >= 300) throw new Error(`grant admin failed: ${res.status} ${JSON.stringify(res.body)}`);
  return admin;
}
