import type { SellerLevel } from "@atelier/contracts";
import type { AppDeps } from "../platform/deps";
import { columns, type Queryable } from "../db/client";
import { addSeconds, DAY } from "../platform/clock";
import { newId } from "../platform/ids";
import { money } from "../platform/money";
import { hashPassword } from "../platform/passwords";
import type { Progress } from "../platform/progress";
import { accounts, transfer, type LedgerEntry } from "../modules/ledger/ledger.models";
import { ledger } from "../modules/ledger/ledger.usecases";
import { priceOrder } from "../modules/orders/orders.pricing";
import { clearingSeconds } from "../modules/orders/orders.usecases";
import { approveTopRated, evaluateSeller } from "../modules/reputation/reputation.usecases";
import { syncSellerSearchDocuments } from "../modules/search/search.indexer";
import { createRng, type Rng } from "./corpus";
import { FIRST_NAMES, LAST_NAMES } from "./corpus-vocabulary";
import { ADMIN_EMAIL, DEMO_PASSWORD } from "./demo-people";

/**
 * The history behind the demo sellers' levels. A level is the daily evaluation's verdict on the last
 * 60 days (completed orders, earnings, rating, on-time and completion rates), so a demo seller shown
 * as Level 2 must have those orders: this step writes them, straight into the tables in a few
 * statements per seller (the real lifecycle, one request at a time, would take minutes for the ~2,000
 * orders), with everything the lifecycle would have left — the order row, its timeline, the delivery,
 * both reviews, the ledger entries (capture, release, clearing), the clearing job of earnings not yet
 * cleared, the gig's counters — then asks the reputation module for the seller's level (and, for Top
 * Rated, records the admin's approval the way `POST /api/admin/users/:id/approve-top-rated` does), and
 * fails if the history does not earn the level the demo promised.
 *
 * Margin: each seller gets 1.5× the orders and earnings of their bar, spread over the last 48 days, so
 * the levels hold for about three weeks of a demo left alone (orders age out of the 60-day window).
 */
export const HISTORY_MARGIN = 1.5;
const HISTORY_DAYS = 48;
/** Past clients of the demo sellers: buyers who are not the demo's own four (their order lists stay short). */
export const PAST_CLIENTS = 60;

const REVIEW_COMMENTS = [
  "Exactly what we asked for, delivered ahead of time.",
  "Great communication from start to finish.",
  "Third order with this seller, consistently excellent.",
  "Quick, careful and friendly. Highly recommended.",
  "Listened to the brief and improved on it.",
  "Professional work, no hand-holding needed.",
  "Fast turnaround and tidy files.",
  "Will order again for our next project.",
  "Clear updates along the way and a polished result.",
  "Good value and easy to work with.",
  "The revision was handled within hours. Thank you!",
  "Thoughtful questions up front made all the difference.",
];
const SELLER_COMMENTS = [
  "Clear brief and quick feedback. Thank you!",
  "A pleasure to work with.",
  "Knew what they wanted; great collaboration.",
];
const ANSWERS = [
  "We are relaunching our website next month and need this to match the new look.",
  "A small team, first project of this kind; happy to share examples we like.",
  "Same brief as last time, with the updated details attached in the message.",
];

interface Seller {
  id: string;
  username: string;
  level: Exclude<SellerLevel, "new">;
}

interface GigPackage {
  tier: "basic" | "standard" | "premium";
  name: string;
  description: string;
  features: string[];
  price: { amount: number; currency: string };
  deliveryDays: number;
  revisions: number | null;
}

interface Gig {
  id: string;
  title: string;
  packages: GigPackage[];
  requirements: { id: string; question: string; kind: string; required: boolean }[];
}

/** Demo sellers whose level is above New: their history is what this step writes. */
export async function leveledSellers(q: Queryable): Promise<Seller[]> {
  return q.query<Seller>(
    `SELECT id, username, seller_level AS level FROM users
     WHERE is_seller AND suspended_at IS NULL AND seller_level IN ('level_1', 'level_2', 'top_rated')
     ORDER BY username`,
  );
}

async function insertPastClients(deps: AppDeps, rng: Rng, now: Date): Promise<string[]> {
  const hash = await hashPassword(DEMO_PASSWORD, deps.config.auth.argon2);
  const clients = Array.from({ length: PAST_CLIENTS }, (_, i) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
    const username = `${first.replace(/-/g, "")}_${last}_client${i + 1}`.slice(0, 30);
    return {
      id: newId("usr"),
      username,
      displayName: `${cap(first)} ${cap(last)}`,
      email: `${username}@clients.atelier.test`,
      joined: new Date(now.getTime() - rng.int(120, 700) * DAY * 1000),
    };
  });
  await deps.db.query(
    `INSERT INTO users (id, email, username, display_name, password_hash, created_at)
     SELECT id, email, username, display_name, $5, joined
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::timestamptz[]) AS t(id, email, username, display_name, joined)`,
    [
      clients.map((c) => c.id),
      clients.map((c) => c.email),
      clients.map((c) => c.username),
      clients.map((c) => c.displayName),
      hash,
      clients.map((c) => c.joined),
    ],
  );
  return clients.map((c) => c.id);
}

interface PlannedOrder {
  id: string;
  buyerId: string;
  gig: Gig;
  pkg: GigPackage;
  quantity: number;
  price: ReturnType<typeof priceOrder>;
  createdAt: Date;
  startedAt: Date;
  dueAt: Date;
  deliveredAt: Date;
  completedAt: Date;
  clearsAt: Date;
  cleared: boolean;
  rating: number;
  buyerReviewAt: Date;
  sellerReviewAt: Date;
}

/** Orders enough to meet `level`'s bar with the margin, on the seller's gigs, oldest first. */
function planOrders(
  deps: AppDeps,
  rng: Rng,
  seller: Seller,
  gigs: Gig[],
  clients: string[],
  now: Date,
): PlannedOrder[] {
  const bar = deps.config.reputation.levels[seller.level];
  const wantOrders = Math.ceil(bar.completedOrders * HISTORY_MARGIN);
  const wantEarnings = Math.ceil(bar.earnings * HISTORY_MARGIN);
  // The subtotal each order needs on average (earnings are the subtotal less the commission).
  const commission = deps.config.orders.fees.commissionBps / 10_000;
  const perOrder = wantEarnings / wantOrders / (1 - commission);
  const clearing = clearingSeconds(deps.config, seller.level);
  const drafts: Omit<PlannedOrder, keyof ReturnType<typeof times> | "id" | "clearsAt" | "cleared">[] = [];
  let earned = 0;
  while (drafts.length < wantOrders || earned < wantEarnings) {
    const gig = gigs[drafts.length % gigs.length];
    if (!gig) break;
    // The tier whose price comes closest to what this order should earn, bought once or a few times.
    const pkg = [...gig.packages].sort(
      (a, b) => Math.abs(a.price.amount - perOrder) - Math.abs(b.price.amount - perOrder),
    )[0];
    if (!pkg) break;
    const quantity = Math.min(10, Math.max(1, Math.round(perOrder / pkg.price.amount)));
    const price = priceOrder(pkg, [], quantity, deps.config.orders.fees);
    earned += price.sellerEarnings.amount;
    drafts.push({
      buyerId: rng.pick(clients),
      gig,
      pkg,
      quantity,
      price,
      // Five stars, and now and then four for sellers with many orders: the rating bar (4.7) holds with
      // room to spare, also after the demo's live orders add their reviews (a few of them 3 or 4 stars).
      rating: wantOrders >= 50 && rng.chance(0.1) ? 4 : 5,
    });
  }
  return drafts.map((d, i) => {
    // Oldest first, spread evenly over the last HISTORY_DAYS days.
    const completedAt = new Date(
      now.getTime() - ((drafts.length - i - 0.5) / drafts.length) * HISTORY_DAYS * DAY * 1000,
    );
    const t = times(rng, completedAt, d.price.deliveryDays, now);
    const clearsAt = addSeconds(completedAt, clearing);
    return { ...d, ...t, id: newId("ord"), clearsAt, cleared: clearsAt <= now };
  });
}

/** An order's moments, backwards from its completion: always delivered on time. */
function times(rng: Rng, completedAt: Date, deliveryDays: number, now: Date) {
  const hour = 3600;
  const deliveredAt = addSeconds(completedAt, -rng.int(1, 70) * hour);
  const dueAt = addSeconds(deliveredAt, rng.int(2, 30) * hour);
  const startedAt = addSeconds(dueAt, -deliveryDays * DAY);
  const createdAt = addSeconds(startedAt, -rng.int(10, 600) * 60);
  const latest = addSeconds(now, -60);
  const cap = (d: Date) => (d > latest ? latest : d);
  const buyerReviewAt = cap(addSeconds(completedAt, rng.int(1, 40) * hour));
  const sellerReviewAt = cap(addSeconds(completedAt, rng.int(1, 40) * hour));
  return { createdAt, startedAt, dueAt, deliveredAt, completedAt, buyerReviewAt, sellerReviewAt };
}

async function writeHistory(
  deps: AppDeps,
  tx: Queryable,
  rng: Rng,
  seller: Seller,
  orders: PlannedOrder[],
  now: Date,
) {
  const currency = deps.config.currency;
  await tx.query(
    `INSERT INTO orders (id, buyer_id, seller_id, gig_id, gig_title, tier, package, extras, quantity, currency, subtotal,
       service_fee, total, commission, seller_earnings, delivery_days, revisions_allowed, status, requirements,
       requirement_answers, payment_method, started_at, due_at, delivered_at, completed_at, cleared_at, clears_at,
       created_at, updated_at)
     SELECT id, buyer_id, $2, gig_id, gig_title, tier, package::jsonb, '[]'::jsonb, quantity, $3, subtotal, service_fee,
       total, commission, earnings, days, revisions, 'completed', requirements::jsonb, answers::jsonb, 'card',
       started_at, due_at, delivered_at, completed_at, CASE WHEN cleared THEN clears_at END, clears_at, created_at,
       CASE WHEN cleared THEN clears_at ELSE completed_at END
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, buyer_id text, gig_id text, gig_title text, tier text,
       package text, quantity int, subtotal bigint, service_fee bigint, total bigint, commission bigint,
       earnings bigint, days int, revisions int, requirements text, answers text, started_at timestamptz,
       due_at timestamptz, delivered_at timestamptz, completed_at timestamptz, clears_at timestamptz,
       cleared boolean, created_at timestamptz)`,
    [
      JSON.stringify(
        orders.map((o) => {
          const { tier, ...pkg } = o.pkg;
          const requirement = o.gig.requirements[0];
          return {
            id: o.id,
            buyer_id: o.buyerId,
            gig_id: o.gig.id,
            gig_title: o.gig.title,
            tier,
            package: JSON.stringify({
              name: pkg.name,
              description: pkg.description,
              features: pkg.features,
              price: pkg.price,
              deliveryDays: pkg.deliveryDays,
              revisions: pkg.revisions,
            }),
            quantity: o.quantity,
            subtotal: o.price.subtotal.amount,
            service_fee: o.price.serviceFee.amount,
            total: o.price.total.amount,
            commission: o.price.commission.amount,
            earnings: o.price.sellerEarnings.amount,
            days: o.price.deliveryDays,
            revisions: pkg.revisions,
            requirements: JSON.stringify(o.gig.requirements),
            answers: JSON.stringify(
              requirement ? [{ requirementId: requirement.id, text: rng.pick(ANSWERS) }] : [],
            ),
            started_at: o.startedAt,
            due_at: o.dueAt,
            delivered_at: o.deliveredAt,
            completed_at: o.completedAt,
            clears_at: o.clearsAt,
            cleared: o.cleared,
            created_at: o.createdAt,
          };
        }),
      ),
      seller.id,
      currency,
    ],
  );

  // Delivery ids as the orders repository makes them.
  const deliveries = orders.map((o) => ({ id: newId("evt").replace("evt_", "dlv_"), order: o }));
  await tx.query(
    `INSERT INTO order_deliveries (id, order_id, message, file_ids, created_at)
     SELECT id, order_id, 'Here is the finished work. Thank you for the clear brief!', '{}', created_at
     FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS t(id, order_id, created_at)`,
    columns(deliveries, (d) => [d.id, d.order.id, d.order.deliveredAt]),
  );

  // The timeline the lifecycle would have written: placed, requirements, delivery, acceptance, clearing.
  interface Event {
    kind: string;
    actorId: string | null;
    role: string;
    data: Record<string, unknown>;
    at: Date;
  }
  const events = deliveries.flatMap(({ id: deliveryId, order: o }) => {
    const amount = (n: number) => money(n, currency);
    const list: Event[] = [
      {
        kind: "placed",
        actorId: o.buyerId,
        role: "buyer",
        data: { total: amount(o.price.total.amount), payment: "card" },
        at: o.createdAt,
      },
      { kind: "submit_requirements", actorId: o.buyerId, role: "buyer", data: {}, at: o.startedAt },
      { kind: "deliver", actorId: seller.id, role: "seller", data: { deliveryId }, at: o.deliveredAt },
      { kind: "accept", actorId: o.buyerId, role: "buyer", data: {}, at: o.completedAt },
    ];
    if (o.cleared) {
      list.push({
        kind: "cleared",
        actorId: null,
        role: "system",
        data: { amount: amount(o.price.sellerEarnings.amount) },
        at: o.clearsAt,
      });
    }
    return list.map((e) => ({ ...e, orderId: o.id }));
  });
  await tx.query(
    `INSERT INTO order_events (id, order_id, kind, actor_id, actor_role, data, created_at)
     SELECT id, order_id, kind, actor_id, actor_role, data::jsonb, created_at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       WITH ORDINALITY AS e(id, order_id, kind, actor_id, actor_role, data, created_at, n)
     ORDER BY created_at, n`,
    columns(events, (e) => [
      newId("evt"),
      e.orderId,
      e.kind,
      e.actorId,
      e.role,
      JSON.stringify(e.data),
      e.at,
    ]),
  );

  // Both sides reviewed, so both reviews were published when the second one came in.
  const reviews = orders.flatMap((o) => {
    const publishedAt = o.buyerReviewAt > o.sellerReviewAt ? o.buyerReviewAt : o.sellerReviewAt;
    return [
      {
        orderId: o.id,
        gigId: o.gig.id,
        side: "buyer",
        author: o.buyerId,
        subject: seller.id,
        rating: o.rating,
        communication: o.rating === 5 || rng.chance(0.5) ? 5 : 4,
        service: o.rating,
        recommend: true,
        comment: rng.pick(REVIEW_COMMENTS),
        at: o.buyerReviewAt,
        publishedAt,
      },
      {
        orderId: o.id,
        gigId: o.gig.id,
        side: "seller",
        author: seller.id,
        subject: o.buyerId,
        rating: 5,
        communication: null,
        service: null,
        recommend: null,
        comment: rng.pick(SELLER_COMMENTS),
        at: o.sellerReviewAt,
        publishedAt,
      },
    ];
  });
  await tx.query(
    `INSERT INTO reviews (id, order_id, gig_id, side, author_id, subject_id, rating, communication,
       service_as_described, recommend, comment, created_at, published_at)
     SELECT id, order_id, gig_id, side, author_id, subject_id, rating, communication, service, recommend, comment, at,
       published_at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[],
                 $9::int[], $10::boolean[], $11::text[], $12::timestamptz[], $13::timestamptz[])
       AS t(id, order_id, gig_id, side, author_id, subject_id, rating, communication, service, recommend, comment, at,
            published_at)`,
    columns(reviews, (r) => [
      newId("rev"),
      r.orderId,
      r.gigId,
      r.side,
      r.author,
      r.subject,
      r.rating,
      r.communication,
      r.service,
      r.recommend,
      r.comment,
      r.at,
      r.publishedAt,
    ]),
  );

  // The money, as the lifecycle moves it: card → escrow at checkout, escrow → seller's pending (and
  // the platform's commission and fee) at acceptance, pending → available when cleared.
  const entries: LedgerEntry[] = orders.flatMap((o) => {
    const m = (n: number) => money(n, currency);
    const list: LedgerEntry[] = [
      {
        businessKey: `order:${o.id}:capture`,
        kind: "capture",
        orderId: o.id,
        postings: transfer(accounts.card(), accounts.escrow(o.id), m(o.price.total.amount)),
        at: o.createdAt,
      },
      {
        businessKey: `order:${o.id}:release`,
        kind: "release",
        orderId: o.id,
        postings: [
          { account: accounts.escrow(o.id), amount: m(-o.price.total.amount) },
          { account: accounts.pending(seller.id), amount: m(o.price.sellerEarnings.amount) },
          { account: accounts.commission(), amount: m(o.price.commission.amount) },
          { account: accounts.fees(), amount: m(o.price.serviceFee.amount) },
        ],
        at: o.completedAt,
      },
    ];
    if (o.cleared) {
      list.push({
        businessKey: `order:${o.id}:clearing`,
        kind: "clearing",
        orderId: o.id,
        postings: transfer(
          accounts.pending(seller.id),
          accounts.available(seller.id),
          m(o.price.sellerEarnings.amount),
        ),
        at: o.clearsAt,
      });
    }
    return list;
  });
  await ledger.deferMany(tx, entries, now);

  // Earnings not yet cleared clear on their day, by the same job the lifecycle schedules.
  const pending = orders.filter((o) => !o.cleared);
  await tx.query(
    `INSERT INTO scheduled_jobs (id, kind, dedupe_key, payload, run_at, created_at)
     SELECT id, 'orders.clear', 'order:' || order_id || ':clear', jsonb_build_object('orderId', order_id), run_at, created_at
     FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS t(id, order_id, run_at, created_at)`,
    columns(pending, (o) => [newId("job"), o.id, o.clearsAt, o.completedAt]),
  );

  // The gigs' counters, as publication and completion keep them.
  const byGig = new Map<string, { orders: number; ratingSum: number }>();
  for (const o of orders) {
    const g = byGig.get(o.gig.id) ?? { orders: 0, ratingSum: 0 };
    g.orders += 1;
    g.ratingSum += o.rating;
    byGig.set(o.gig.id, g);
  }
  const gigRows = [...byGig.entries()];
  await tx.query(
    `UPDATE gigs SET orders_completed = orders_completed + t.n, rating_count = rating_count + t.n,
       rating_sum = rating_sum + t.s
     FROM unnest($1::text[], $2::int[], $3::int[]) AS t(id, n, s) WHERE gigs.id = t.id`,
    columns(gigRows, ([id, g]) => [id, g.orders, g.ratingSum]),
  );
  // Their search documents carry the new ratings and order counts (one batch for the seller's gigs).
  await syncSellerSearchDocuments(deps, tx, seller.id);
}

/**
 * Writes each leveled demo seller's history, then lets the reputation module judge it: the level it
 * gives must be the one the demo shows (for Top Rated, after an admin's approval).
 */
export async function seedDemoHistory(deps: AppDeps, bar: Progress): Promise<void> {
  const rng = createRng(9090);
  const now = deps.clock.now();
  const clients = await insertPastClients(deps, rng, now);
  const ledgerSellers = await leveledSellers(deps.db);
  // The demo admin approves Top Rated sellers (the people step made it), as the audit log shows.
  const [admin] = await deps.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [ADMIN_EMAIL]);
  if (!admin) throw new Error("demo history: the demo admin is missing");
  for (const seller of ledgerSellers) {
    const gigs = await deps.db.query<Gig>(
      `SELECT id, title, packages, requirements FROM gigs
       WHERE seller_id = $1 AND status <> 'draft' ORDER BY (status = 'active') DESC, created_at, id`,
      [seller.id],
    );
    const orders = planOrders(deps, rng, seller, gigs, clients, now);
    await deps.db.transaction(async (tx) => {
      if (orders.length > 0) await writeHistory(deps, tx, rng, seller, orders, now);
      if (seller.level !== "top_rated") {
        const level = await evaluateSeller(deps, tx, seller.id, now);
        if (level !== seller.level)
          throw new Error(`demo seller ${seller.username}: the history earns ${level}, not ${seller.level}`);
      }
    });
    if (seller.level === "top_rated") {
      // Eligible now; an admin's approval makes it Top Rated, recorded as the admin route records it.
      const { level } = await approveTopRated(deps, { adminId: admin.id, userId: seller.id });
      if (level !== "top_rated")
        throw new Error(`demo seller ${seller.username}: the history earns ${level}, not top_rated`);
    }
    bar.tick();
  }
}

/** After the demo's live orders: the daily evaluation's verdict must still be each seller's level. */
export async function confirmDemoLevels(deps: AppDeps): Promise<void> {
  const sellers = await leveledSellers(deps.db);
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    for (const seller of sellers) {
      const level = await evaluateSeller(deps, tx, seller.id, now);
      if (level !== seller.level)
        throw new Error(`demo seller ${seller.username}: evaluated ${level}, shown as ${seller.level}`);
    }
  });
}
