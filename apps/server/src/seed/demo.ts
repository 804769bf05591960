import type { AppDeps } from "../platform/deps";
import type { Db } from "../db/client";
import { newId } from "../platform/ids";
import { hashPassword } from "../platform/passwords";
import { progress, type Progress } from "../platform/progress";
import { createIdentityRepository } from "../modules/identity/identity.repository";
import { DEMO_CORPUS_GIGS, DEMO_GIGS_PER_SELLER, seedDemoGigs } from "./demo-gigs";
import { confirmDemoLevels, leveledSellers, seedDemoHistory } from "./demo-history";
import { DEMO_ORDERS_TOTAL, seedDemoOrders } from "./demo-orders";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  DEMO_BUYERS,
  DEMO_PASSWORD,
  DEMO_SELLERS,
  demoSellerEmail,
} from "./demo-people";

export type SeedContext = AppDeps;

/**
 * One step of the demo seed. Modules add their own steps (gigs, orders, reviews) to `DEMO_STEPS`;
 * each step sees what the earlier ones made.
 */
export interface SeedStep {
  label: string;
  /** The bar's length; a step may count what the earlier ones made. */
  total: (ctx: SeedContext) => number | Promise<number>;
  run: (ctx: SeedContext, progress: Progress) => Promise<void>;
}

const peopleStep: SeedStep = {
  label: "people",
  total: () => 1 + DEMO_SELLERS.length + DEMO_BUYERS.length,
  async run({ db, clock, config }, bar) {
    const [demoHash, adminHash] = await Promise.all([
      hashPassword(DEMO_PASSWORD, config.auth.argon2),
      hashPassword(ADMIN_PASSWORD, config.auth.argon2),
    ]);
    const now = clock.now();
    await db.transaction(async (tx) => {
      const admin = await createIdentityRepository(tx).insertUser({
        id: newId("usr"),
        email: ADMIN_EMAIL,
        username: "admin",
        displayName: "Atelier Admin",
        passwordHash: adminHash,
        emailVerified: true,
        now,
      });
      if (admin)
        await tx.query("UPDATE users SET roles = ARRAY['member','admin']::text[] WHERE id = $1", [admin.id]);
      bar.tick();
      for (const [i, seller] of DEMO_SELLERS.entries()) {
        // Sellers joined months ago, so the marketplace looks lived in.
        const joined = new Date(now.getTime() - (400 - i * 37) * 24 * 3600 * 1000);
        const user = await createIdentityRepository(tx).insertUser({
          id: newId("usr"),
          email: demoSellerEmail(seller.username),
          username: seller.username,
          displayName: seller.displayName,
          passwordHash: demoHash,
          emailVerified: true,
          now: joined,
        });
        if (user) await createIdentityRepository(tx).upsertSellerProfile(user.id, seller, joined);
        bar.tick();
      }
      for (const buyer of DEMO_BUYERS) {
        await createIdentityRepository(tx).insertUser({
          id: newId("usr"),
          email: buyer.email,
          username: buyer.username,
          displayName: buyer.displayName,
          passwordHash: demoHash,
          emailVerified: true,
          now,
        });
        bar.tick();
      }
    });
  },
};

const gigsStep: SeedStep = {
  label: "gigs and covers",
  total: () => 2 * (DEMO_SELLERS.length * DEMO_GIGS_PER_SELLER + DEMO_CORPUS_GIGS),
  run: (ctx, bar) => seedDemoGigs(ctx, bar),
};

const historyStep: SeedStep = {
  label: "seller histories",
  total: async ({ db }) => (await leveledSellers(db)).length,
  run: (ctx, bar) => seedDemoHistory(ctx, bar),
};

const ordersStep: SeedStep = {
  label: "orders and reviews",
  total: () => DEMO_ORDERS_TOTAL + 1,
  async run(ctx, bar) {
    await seedDemoOrders(ctx, bar);
    // The daily evaluation, run now, must agree with every level the demo shows.
    await confirmDemoLevels(ctx);
    bar.tick();
  },
};

export const DEMO_STEPS: SeedStep[] = [peopleStep, gigsStep, historyStep, ordersStep];

export async function isEmptyMarketplace(db: Db): Promise<boolean> {
  const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users");
  return (rows[0]?.n ?? 0) === 0;
}

/** Seeds the demo marketplace, showing a progress bar per step. */
export async function seedDemo(ctx: SeedContext, opts: { quiet?: boolean } = {}): Promise<void> {
  for (const step of DEMO_STEPS) {
    const bar = opts.quiet
      ? { tick: () => undefined, stop: () => undefined }
      : progress(`seeding ${step.label}`, await step.total(ctx));
    try {
      await step.run(ctx, bar);
    } finally {
      bar.stop();
    }
  }
}
