import type { Db } from "../../src/db/client";
import { newId } from "../../src/platform/ids";

export interface GigRowOverrides {
  packages?: unknown[];
  extras?: unknown[];
  requirements?: unknown[];
  status?: string;
  title?: string;
}

/**
 * Inserts an active gig straight into the database, for tests of modules that need a gig to exist
 * (orders, wallet) without going through the catalog's API.
 */
export async function insertActiveGig(db: Db, sellerId: string, o: GigRowOverrides = {}): Promise<string> {
  const id = newId("gig");
  const packages = o.packages ?? [
    {
      tier: "basic",
      name: "Basic",
      description: "One concept",
      price: { amount: 5000, currency: "USD" },
      deliveryDays: 3,
      revisions: 1,
      features: ["1 concept"],
    },
    {
      tier: "standard",
      name: "Standard",
      description: "Three concepts",
      price: { amount: 12000, currency: "USD" },
      deliveryDays: 5,
      revisions: 3,
      features: ["3 concepts"],
    },
    {
      tier: "premium",
      name: "Premium",
      description: "Everything",
      price: { amount: 30000, currency: "USD" },
      deliveryDays: 7,
      revisions: null,
      features: ["brand kit"],
    },
  ];
  const extras = o.extras ?? [
    {
      id: "ext_fast",
      title: "Express delivery",
      price: { amount: 1000, currency: "USD" },
      additionalDays: 0,
    },
    { id: "ext_source", title: "Source files", price: { amount: 1500, currency: "USD" }, additionalDays: 1 },
  ];
  const requirements = o.requirements ?? [
    { id: "req_brand", question: "What is your brand called?", kind: "text", required: true },
  ];
  const category = await db.query<{ id: string }>("SELECT id FROM categories WHERE slug = 'logo-design'");
  const first = packages[0] as { price: { amount: number }; deliveryDays: number };
  await db.query(
    `INSERT INTO gigs (id, seller_id, slug, title, description, category_id, tags, status, packages, extras, requirements,
       currency, starting_price, min_delivery_days, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, 'USD', $12, $13, now(), now(), now())`,
    [
      id,
      sellerId,
      id,
      o.title ?? "I will design a modern minimalist logo for your brand",
      "A clear, friendly description of the service. ".repeat(4),
      category[0]!.id,
      ["logo", "branding"],
      o.status ?? "active",
      JSON.stringify(packages),
      JSON.stringify(extras),
      JSON.stringify(requirements),
      first.price.amount,
      first.deliveryDays,
    ],
  );
  return id;
}
