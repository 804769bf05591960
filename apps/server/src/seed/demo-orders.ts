import type { PackageTier } from "@atelier/contracts";
import type { AppDeps } from "../platform/deps";
import type { Progress } from "../platform/progress";
import * as orders from "../modules/orders/orders.usecases";
import { writeReview } from "../modules/reviews/reviews.usecases";
import { DEMO_BUYERS, DEMO_SELLERS } from "./demo-people";

/** Gigs of each curated seller that get orders, and how many orders each of those gigs gets (1–3). */
const REVIEWED_GIGS_PER_SELLER = 3;
const ordersForGig = (n: number) => 1 + (n % 3);

export const DEMO_ORDERS_TOTAL = DEMO_SELLERS.length * REVIEWED_GIGS_PER_SELLER * 2;

const BUYER_REVIEWS = [
  {
    rating: 5,
    comment: "Clear questions up front, delivered a day early, and the files were exactly what we needed.",
  },
  {
    rating: 5,
    comment: "Second time working together and just as good. Explains every choice without being asked.",
  },
  {
    rating: 4,
    comment: "Solid work and easy to talk to. One revision to get the details right, handled quickly.",
  },
  { rating: 5, comment: "Understood the brief better than I did. The result already gets compliments." },
  {
    rating: 4,
    comment: "Good value for the package. Delivery came on the last day, but the quality made up for it.",
  },
  {
    rating: 5,
    comment: "Organised, friendly and fast. Every file was named and sorted, ready to hand over.",
  },
  {
    rating: 3,
    comment: "The work is fine, but I had to chase for updates twice before the delivery arrived.",
  },
];

const SELLER_REVIEWS = [
  "A clear brief and quick answers — a pleasure to work with.",
  "Knew what they wanted and gave useful feedback. Would happily work together again.",
  "Friendly, decisive and paid on time. Thank you!",
];

const REQUIREMENT_ANSWERS = [
  "We are a small bakery opening a second shop; we want something warm that still reads well on a sign.",
  "A two-person software studio. Our current material looks dated; we want calm, modern and trustworthy.",
  "An online shop for hand-made ceramics. Audience: people furnishing their first flat.",
  "A podcast about city history, launching next month. Friendly, a bit playful, never corporate.",
];

/**
 * Demo orders, walked through the real lifecycle: demo buyers order from the curated sellers' first
 * gigs by card (the sandbox processor), answer the requirements, receive a delivery, accept it and
 * review each other. Every rating, order count and earnings figure in the demo comes from these.
 */
export async function seedDemoOrders(deps: AppDeps, bar: Progress): Promise<void> {
  const buyers = await deps.db.query<{ id: string; username: string; display_name: string }>(
    "SELECT id, username, display_name FROM users WHERE username = ANY($1::text[]) ORDER BY username",
    [DEMO_BUYERS.map((b) => b.username)],
  );
  const gigs = await deps.db.query<{
    id: string;
    seller_id: string;
    requirements: { id: string }[];
    packages: { tier: PackageTier }[];
  }>(
    `SELECT g.id, g.seller_id, g.requirements, g.packages FROM (
       SELECT g.*, row_number() OVER (PARTITION BY g.seller_id ORDER BY g.created_at, g.id) AS n
       FROM gigs g JOIN users u ON u.id = g.seller_id
       WHERE u.username = ANY($1::text[]) AND g.status = 'active'
     ) g WHERE g.n <= $2 ORDER BY g.seller_id, g.n`,
    [DEMO_SELLERS.map((s) => s.username), REVIEWED_GIGS_PER_SELLER],
  );
  let placed = 0;
  for (const [g, gig] of gigs.entries()) {
    for (let k = 0; k < ordersForGig(g); k++) {
      const buyer = buyers[placed % buyers.length];
      if (!buyer) return;
      await completeOneOrder(deps, gig, buyer, placed);
      placed++;
      bar.tick();
    }
  }
  bar.tick(Math.max(0, DEMO_ORDERS_TOTAL - placed));
}

async function completeOneOrder(
  deps: AppDeps,
  gig: { id: string; seller_id: string; requirements: { id: string }[]; packages: { tier: PackageTier }[] },
  buyer: { id: string; username: string; display_name: string },
  n: number,
): Promise<void> {
  const asBuyer = { id: buyer.id, roles: ["member"] };
  const asSeller = { id: gig.seller_id, roles: ["member"] };
  const tier = gig.packages[n % gig.packages.length]?.tier ?? "basic";
  const placed = await orders.placeOrder(deps, {
    buyer: { ...asBuyer, username: buyer.username, displayName: buyer.display_name },
    body: { gigId: gig.id, tier, extraIds: [], quantity: 1, payment: { method: "card", token: "tok_visa" } },
    idempotencyKey: `demo-order-${gig.id}-${n}`,
  });
  const orderId = (placed.body as { id: string }).id;
  const requirement = gig.requirements[0];
  await orders.act(deps, {
    orderId,
    name: "submit_requirements",
    viewer: asBuyer,
    input: {
      answers: requirement
        ? [{ requirementId: requirement.id, text: REQUIREMENT_ANSWERS[n % REQUIREMENT_ANSWERS.length] }]
        : [],
    },
  });
  await orders.act(deps, {
    orderId,
    name: "deliver",
    viewer: asSeller,
    input: { message: "Here is the finished work, with the source files. Thank you for the clear brief!" },
  });
  await orders.act(deps, { orderId, name: "accept", viewer: asBuyer });
  const review = BUYER_REVIEWS[n % BUYER_REVIEWS.length] ?? { rating: 5, comment: "Great work." };
  await writeReview(deps, {
    orderId,
    viewer: asBuyer,
    body: {
      ...review,
      communication: Math.min(5, review.rating + (n % 2)),
      serviceAsDescribed: review.rating,
      recommend: review.rating >= 4,
    },
  });
  await writeReview(deps, {
    orderId,
    viewer: asSeller,
    body: { rating: 5, comment: SELLER_REVIEWS[n % SELLER_REVIEWS.length] ?? "Thank you!" },
  });
}
