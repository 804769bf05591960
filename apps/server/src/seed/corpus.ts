import type { Db, Queryable } from "../db/client";
import type { Argon2Cost } from "../platform/passwords";
import { hashPassword } from "../platform/passwords";
import { newId } from "../platform/ids";
import type { Progress } from "../platform/progress";
import {
  CORPUS_VOCABULARY,
  COUNTRIES,
  DESCRIPTION_CLOSERS,
  DESCRIPTION_MIDDLES,
  DESCRIPTION_OPENERS,
  EXTRAS,
  FIRST_NAMES,
  INDUSTRIES,
  LANGUAGES,
  LAST_NAMES,
  type SubcategoryVocabulary,
} from "./corpus-vocabulary";
import { TAXONOMY } from "./taxonomy";

/**
 * A small, fast, seeded PRNG (mulberry32): the same seed gives the same corpus, so benchmarks are
 * comparable between runs and machines.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError("pick from an empty list");
      return item;
    },
    chance: (p) => next() < p,
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
  return rng;
}

export type SellerLevel = "new" | "level_1" | "level_2" | "top_rated";

export interface GeneratedPackage {
  tier: "basic" | "standard" | "premium";
  name: string;
  description: string;
  price: { amount: number; currency: string };
  deliveryDays: number;
  revisions: number | null;
  features: string[];
}

export interface GeneratedGig {
  title: string;
  slug: string;
  description: string;
  categorySlug: string;
  tags: string[];
  packages: GeneratedPackage[];
  startingPrice: number;
  minDeliveryDays: number;
  /** Review stars summed and counted, and completed orders: heavy-tailed, higher for better sellers. */
  ratingSum: number;
  ratingCount: number;
  ordersCompleted: number;
  status: "active" | "paused" | "draft" | "archived";
  publishedAt: Date | null;
  createdAt: Date;
  aiAssisted: boolean;
}

export interface GeneratedSeller {
  username: string;
  displayName: string;
  email: string;
  level: SellerLevel;
  headline: string;
  bio: string;
  skills: string[];
  languages: string[];
  country: string;
  joinedAt: Date;
  suspended: boolean;
  /** The subcategory the seller mostly works in. */
  specialty: string;
}

const DAY_MS = 24 * 3600 * 1000;

const SUBCATEGORIES = TAXONOMY.flatMap((top) =>
  top.children.map((child) => ({ slug: child.slug, name: child.name, parentSlug: top.slug })),
);

function vocabularyOf(slug: string): SubcategoryVocabulary {
  const vocabulary = CORPUS_VOCABULARY[slug];
  if (!vocabulary) throw new Error(`no corpus vocabulary for category ${slug}`);
  return vocabulary;
}

function fieldName(slug: string): string {
  const sub = SUBCATEGORIES.find((s) => s.slug === slug);
  return (sub?.name ?? slug).toLowerCase().replace(" & ", " and ");
}

const SYLLABLES = [
  "zen",
  "tro",
  "va",
  "quil",
  "mark",
  "lu",
  "men",
  "ori",
  "bex",
  "ka",
  "dor",
  "fin",
  "sol",
  "ra",
  "vi",
  "nex",
  "tal",
  "po",
  "gri",
  "mo",
  "sen",
  "lia",
  "cor",
  "bri",
  "tek",
  "ny",
  "xo",
  "pa",
  "li",
  "gen",
];

/** A made-up client brand ("Quilmarkvi"): the long tail of rare words real listings are full of. */
function brandName(rng: Rng): string {
  const n = rng.int(2, 3);
  let word = "";
  for (let i = 0; i < n; i++) word += rng.pick(SYLLABLES);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const AUDIENCES = [
  "your business",
  "your brand",
  "your startup",
  "your company",
  "your shop",
  "your website",
  "your youtube channel",
  "your restaurant",
  "your podcast",
  "your book",
  "your app",
  "your agency",
];
const TIER_NAMES = [
  ["Basic", "Standard", "Premium"],
  ["Starter", "Business", "Enterprise"],
  ["Bronze", "Silver", "Gold"],
  ["Essential", "Pro", "Ultimate"],
  ["Lite", "Plus", "Complete"],
] as const;

const needsNoArticle = (object: string) =>
  object.startsWith("your ") || (/s$/.test(object) && !/ss$/.test(object));
const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? "");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

function gigTitle(rng: Rng, v: SubcategoryVocabulary): string {
  const verb = rng.pick(v.verbs);
  const object = rng.pick(v.objects);
  const adjective = rng.pick(v.adjectives);
  const phrase = needsNoArticle(object)
    ? `${adjective} ${object}`
    : `${article(adjective)} ${adjective} ${object}`;
  const candidates = [
    `I will ${verb} ${phrase} for ${rng.pick(AUDIENCES)}`,
    `I will ${verb} ${phrase}`,
    `I will ${verb} ${phrase} in ${rng.int(1, 3) === 1 ? "24 hours" : `${rng.int(2, 5)} days`}`,
    `I will ${verb} ${phrase} with ${rng.pick(v.tools)}`,
  ];
  const preferred = candidates[rng.int(0, candidates.length - 1)] ?? candidates[1] ?? "";
  // Titles are 15–80 characters (API.md section 2): fall back to the shortest pattern.
  return preferred.length <= 80 ? preferred : (candidates[1] ?? preferred).slice(0, 80).trimEnd();
}

function gigDescription(rng: Rng, v: SubcategoryVocabulary, slug: string, sellerName: string): string {
  const slots = (): Record<string, string> => {
    const object = rng.pick(v.objects);
    const adj = rng.pick(v.adjectives);
    return {
      name: sellerName,
      field: fieldName(slug),
      adj,
      years: String(rng.int(2, 15)),
      verb: rng.pick(v.verbs),
      article: needsNoArticle(object) ? "" : article(adj),
      object,
      feature: rng.pick(v.features).toLowerCase(),
      feature2: rng.pick(v.features).toLowerCase(),
      tool: rng.pick(v.tools),
      tool2: rng.pick(v.tools),
      industry: rng.pick(INDUSTRIES),
      industry2: rng.pick(INDUSTRIES),
      extra: rng.pick(EXTRAS),
    };
  };
  const sentences = [fill(rng.pick(DESCRIPTION_OPENERS), slots())];
  const middles = rng.int(3, 6);
  for (let i = 0; i < middles; i++) sentences.push(fill(rng.pick(DESCRIPTION_MIDDLES), slots()));
  if (rng.chance(0.35)) {
    const brands = [brandName(rng), brandName(rng)];
    sentences.push(`Recent clients include ${brands[0]} and ${brands[1]}.`);
  }
  sentences.push(rng.pick(DESCRIPTION_CLOSERS));
  return sentences.map((s) => capitalize(s.replace(/\s+/g, " ").trim())).join(" ");
}

/** A price in whole dollars, log-normal around the category's median, rounded the way sellers do. */
function dollars(rng: Rng, [low, median, high]: [number, number, number]): number {
  const raw = Math.exp(Math.log(median) + rng.normal() * 0.7);
  const clamped = Math.min(high, Math.max(low, raw));
  const step = clamped < 50 ? 5 : clamped < 200 ? 10 : clamped < 1000 ? 25 : 50;
  return Math.max(5, Math.round(clamped / step) * step);
}

const LEVEL_ORDERS_MU: Record<SellerLevel, number> = { new: 0.3, level_1: 2.4, level_2: 3.4, top_rated: 4.6 };

/**
 * One realistic gig in `categorySlug` for a seller. Packages follow the API's gig shape (basic alone
 * or all three tiers, prices rising with the tier); the figures follow marketplace-like distributions.
 */
export function generateGig(
  rng: Rng,
  categorySlug: string,
  options: { sellerDisplayName: string; sellerLevel: SellerLevel; now: Date; currency?: string },
): GeneratedGig {
  const v = vocabularyOf(categorySlug);
  const currency = options.currency ?? "USD";
  const title = gigTitle(rng, v);
  const firstName = options.sellerDisplayName.split(" ")[0] ?? options.sellerDisplayName;
  const description = gigDescription(rng, v, categorySlug, firstName);
  const tagCount = rng.int(1, 5);
  const tags: string[] = [];
  for (let i = 0; i < tagCount * 2 && tags.length < tagCount; i++) {
    const tag = rng.chance(0.1) ? rng.pick(v.tools).toLowerCase() : rng.pick(v.tags);
    if (!tags.includes(tag) && tag.length >= 2 && tag.length <= 30) tags.push(tag);
  }

  const basicDollars = dollars(rng, v.price);
  const basicDays = Math.min(
    v.delivery[1],
    v.delivery[0] + Math.floor(Math.abs(rng.normal()) * (v.delivery[1] - v.delivery[0]) * 0.5),
  );
  const names = rng.pick(TIER_NAMES);
  const features = (n: number) => {
    const out: string[] = [];
    for (const f of v.features) if (out.length < n && rng.chance(0.7)) out.push(f);
    return out.length > 0 ? out : [v.features[0] ?? "Source file"];
  };
  const object = rng.pick(v.objects);
  const pkg = (
    tier: GeneratedPackage["tier"],
    index: 0 | 1 | 2,
    amountDollars: number,
    days: number,
    revisions: number | null,
  ): GeneratedPackage => ({
    tier,
    name: names[index],
    description: `${capitalize(names[index].toLowerCase())} ${object} package: ${features(2).join(", ").toLowerCase()}.`,
    price: { amount: Math.min(1_000_000, amountDollars * 100), currency },
    deliveryDays: Math.min(90, days),
    revisions,
    features: features(2 + index * 2),
  });
  const packages = [pkg("basic", 0, basicDollars, basicDays, rng.int(0, 2))];
  if (rng.chance(0.6)) {
    const standard = Math.round(basicDollars * (1.6 + rng.next()));
    const premium = Math.round(standard * (1.5 + rng.next()));
    packages.push(pkg("standard", 1, standard, basicDays + rng.int(0, 3), rng.int(2, 5)));
    packages.push(
      pkg("premium", 2, premium, basicDays + rng.int(1, 7), rng.chance(0.4) ? null : rng.int(5, 10)),
    );
  }

  const ageDays = Math.floor(Math.pow(rng.next(), 1.6) * 1100);
  const published = new Date(options.now.getTime() - ageDays * DAY_MS - rng.int(0, DAY_MS - 1));
  const roll = rng.next();
  const status: GeneratedGig["status"] =
    roll < 0.94 ? "active" : roll < 0.97 ? "paused" : roll < 0.99 ? "draft" : "archived";
  // Orders grow with the seller's level and the gig's age; many gigs never sell.
  const ageFactor = Math.min(1, ageDays / 365);
  const mu = LEVEL_ORDERS_MU[options.sellerLevel] + Math.log(0.2 + ageFactor);
  const ordersCompleted =
    status === "draft" || rng.chance(0.25)
      ? 0
      : Math.max(0, Math.floor(Math.exp(mu + rng.normal() * 1.1)) - 1);
  const ratingCount = Math.floor(ordersCompleted * (0.4 + rng.next() * 0.45));
  // Ratings cluster near 5 with a tail of disappointed buyers.
  const average = Math.min(
    5,
    Math.max(1, 5 - Math.abs(rng.normal()) * 0.25 - (rng.chance(0.06) ? rng.next() * 1.8 : 0)),
  );
  const ratingSum =
    ratingCount === 0
      ? 0
      : Math.min(5 * ratingCount, Math.max(ratingCount, Math.round(average * ratingCount)));

  return {
    title,
    slug: slugify(title.replace(/^I will /, "")),
    description:
      description.length >= 120
        ? description
        : `${description} ${rng.pick(DESCRIPTION_MIDDLES).replace(/\{\w+\}/g, "it")}`,
    categorySlug,
    tags,
    packages,
    startingPrice: packages[0]?.price.amount ?? 500,
    minDeliveryDays: Math.min(...packages.map((p) => p.deliveryDays)),
    ratingSum,
    ratingCount,
    ordersCompleted,
    status,
    publishedAt: status === "draft" ? null : published,
    createdAt: new Date(published.getTime() - rng.int(0, 5) * DAY_MS),
    aiAssisted: rng.chance(0.08),
  };
}

const LEVEL_ROLL: [number, SellerLevel][] = [
  [0.55, "new"],
  [0.8, "level_1"],
  [0.95, "level_2"],
  [1, "top_rated"],
];

/** A seller with a specialty; `index` makes the username unique within the corpus. */
export function generateSeller(rng: Rng, index: number, now: Date): GeneratedSeller {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const username = `${first.replace(/-/g, "")}_${last}${index}`.slice(0, 30);
  const roll = rng.next();
  const level = LEVEL_ROLL.find(([p]) => roll < p)?.[1] ?? "new";
  const specialty = rng.pick(SUBCATEGORIES).slug;
  const v = vocabularyOf(specialty);
  const minDays = level === "top_rated" ? 400 : level === "level_2" ? 200 : level === "level_1" ? 90 : 0;
  const skills = [...new Set([rng.pick(v.tags), rng.pick(v.tags), rng.pick(v.tools).toLowerCase()])];
  const languages = [
    ...new Set(["English", rng.pick(LANGUAGES), ...(rng.chance(0.3) ? [rng.pick(LANGUAGES)] : [])]),
  ];
  return {
    username,
    displayName: `${capitalize(first)} ${capitalize(last)}`,
    email: `${username}@corpus.atelier.test`,
    level,
    headline: capitalize(
      `${rng.pick(v.adjectives)} ${fieldName(specialty)} for ${rng.pick(AUDIENCES).replace("your ", "")}s`,
    ).slice(0, 120),
    bio: `${capitalize(fieldName(specialty))} specialist with ${rng.int(2, 15)} years of experience. I work with ${rng.pick(v.tools)} and care about clear communication and on-time delivery.`,
    skills,
    languages,
    country: rng.pick(COUNTRIES),
    joinedAt: new Date(now.getTime() - (minDays + rng.int(0, 900)) * DAY_MS),
    suspended: rng.chance(0.005),
    specialty,
  };
}

/** A gig's subcategory: mostly the seller's specialty, sometimes a sibling, rarely anything. */
function gigCategory(rng: Rng, specialty: string): string {
  const roll = rng.next();
  if (roll < 0.7) return specialty;
  if (roll < 0.9) {
    const parent = SUBCATEGORIES.find((s) => s.slug === specialty)?.parentSlug;
    return rng.pick(SUBCATEGORIES.filter((s) => s.parentSlug === parent)).slug;
  }
  return rng.pick(SUBCATEGORIES).slug;
}

const GIG_LIMIT: Record<SellerLevel, number> = { new: 4, level_1: 10, level_2: 20, top_rated: 30 };

interface Batch {
  users: { id: string; seller: GeneratedSeller }[];
  gigs: { id: string; sellerId: string; gig: GeneratedGig }[];
}

async function insertBatch(
  tx: Queryable,
  batch: Batch,
  categoryIds: Map<string, string>,
  passwordHash: string,
  currency: string,
  skipTriggers: boolean,
) {
  // The rows are generated consistent (sellers before their gigs, known categories), so the
  // foreign-key triggers, a third of the insert time, can be skipped as pg_restore does.
  if (skipTriggers) await tx.exec("SET LOCAL session_replication_role = replica");
  const u = batch.users;
  await tx.query(
    `INSERT INTO users (id, email, username, display_name, password_hash, is_seller, seller_level, became_seller_at, suspended_at, created_at)
     SELECT id, email, username, display_name, $5, true, level, joined, CASE WHEN suspended THEN joined END, joined
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $6::text[], $7::timestamptz[], $8::boolean[])
       AS t(id, email, username, display_name, level, joined, suspended)`,
    [
      u.map((x) => x.id),
      u.map((x) => x.seller.email),
      u.map((x) => x.seller.username),
      u.map((x) => x.seller.displayName),
      passwordHash,
      u.map((x) => x.seller.level),
      u.map((x) => x.seller.joinedAt),
      u.map((x) => x.seller.suspended),
    ],
  );
  await tx.query(
    `INSERT INTO seller_profiles (user_id, headline, bio, skills, languages, country, updated_at)
     SELECT id, headline, bio, string_to_array(skills, '|'), string_to_array(languages, '|'), country, joined
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       AS t(id, headline, bio, skills, languages, country, joined)`,
    [
      u.map((x) => x.id),
      u.map((x) => x.seller.headline),
      u.map((x) => x.seller.bio),
      u.map((x) => x.seller.skills.join("|")),
      u.map((x) => x.seller.languages.join("|")),
      u.map((x) => x.seller.country),
      u.map((x) => x.seller.joinedAt),
    ],
  );
  const g = batch.gigs;
  await tx.query(
    `INSERT INTO gigs (id, seller_id, slug, title, description, category_id, tags, status, ai_assisted, packages,
                       currency, starting_price, min_delivery_days, rating_sum, rating_count, orders_completed,
                       published_at, created_at, updated_at)
     SELECT id, seller_id, slug, title, description, category_id, string_to_array(tags, '|'), status, ai, packages::jsonb,
            $11, price, days, rsum, rcount, orders, published, created, COALESCE(published, created)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                 $9::boolean[], $10::text[], $12::bigint[], $13::int[], $14::bigint[], $15::int[], $16::int[],
                 $17::timestamptz[], $18::timestamptz[])
       AS t(id, seller_id, slug, title, description, category_id, tags, status, ai, packages, price, days, rsum,
            rcount, orders, published, created)`,
    [
      g.map((x) => x.id),
      g.map((x) => x.sellerId),
      g.map((x) => x.gig.slug),
      g.map((x) => x.gig.title),
      g.map((x) => x.gig.description),
      g.map((x) => categoryIds.get(x.gig.categorySlug)),
      g.map((x) => x.gig.tags.join("|")),
      g.map((x) => x.gig.status),
      g.map((x) => x.gig.aiAssisted),
      g.map((x) => JSON.stringify(x.gig.packages)),
      currency,
      g.map((x) => x.gig.startingPrice),
      g.map((x) => x.gig.minDeliveryDays),
      g.map((x) => x.gig.ratingSum),
      g.map((x) => x.gig.ratingCount),
      g.map((x) => x.gig.ordersCompleted),
      g.map((x) => x.gig.publishedAt),
      g.map((x) => x.gig.createdAt),
    ],
  );
}

export interface CorpusOptions {
  /** How many gigs to add. */
  gigs: number;
  seed?: number;
  now: Date;
  currency: string;
  argon2: Argon2Cost;
  progress: Progress;
  /** Gigs per INSERT statement. */
  batchSize?: number;
  /** Batches in flight at once (PostgreSQL: 2 keeps both cores busy; PGlite has one connection). */
  parallel?: number;
}

/** How many corpus sellers and gigs the database holds (corpus sellers have a recognisable e-mail). */
export async function corpusSize(db: Queryable): Promise<{ sellers: number; gigs: number }> {
  const rows = await db.query<{ sellers: number; gigs: number }>(
    `SELECT (SELECT count(*)::int FROM users WHERE email LIKE '%@corpus.atelier.test') AS sellers,
            (SELECT count(*)::int FROM gigs g JOIN users u ON u.id = g.seller_id WHERE u.email LIKE '%@corpus.atelier.test') AS gigs`,
  );
  return rows[0] ?? { sellers: 0, gigs: 0 };
}

/**
 * Adds `gigs` generated gigs (and their sellers, with profiles) straight into the tables in large
 * multi-row INSERTs, bypassing the API: the way to load a million gigs in minutes. The search index
 * must be rebuilt afterwards (`rebuildSearchIndex`). Sellers all share one password hash (`password`
 * below) so that any of them can sign in for manual testing.
 */
export async function seedCorpus(db: Db, options: CorpusOptions): Promise<{ gigs: number; sellers: number }> {
  const categories = await db.query<{ id: string; slug: string }>("SELECT id, slug FROM categories");
  const categoryIds = new Map(categories.map((c) => [c.slug, c.id]));
  for (const sub of SUBCATEGORIES) {
    if (!categoryIds.has(sub.slug))
      throw new Error(`category ${sub.slug} is missing; run the reference seed first`);
  }
  const existing = await corpusSize(db);
  // Continue the sequence where an earlier run stopped, so usernames stay unique and runs add up.
  const rng = createRng((options.seed ?? 20261128) + existing.sellers * 7919);
  const passwordHash = await hashPassword(CORPUS_PASSWORD, options.argon2);
  const superuser = await db.query<{ yes: boolean }>(
    "SELECT rolsuper AS yes FROM pg_roles WHERE rolname = current_user",
  );
  const skipTriggers = superuser[0]?.yes === true;
  const batchSize = options.batchSize ?? 5000;
  const parallel = Math.max(1, options.parallel ?? (db.kind === "postgres" ? 2 : 1));

  let made = 0;
  let sellerIndex = existing.sellers;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let batch: Batch = { users: [], gigs: [] };

  const flush = async () => {
    const current = batch;
    batch = { users: [], gigs: [] };
    if (current.gigs.length === 0 && current.users.length === 0) return;
    const job = db
      .transaction((tx) =>
        insertBatch(tx, current, categoryIds, passwordHash, options.currency, skipTriggers),
      )
      .then(() => options.progress.tick(current.gigs.length))
      .catch((e: unknown) => {
        failure ??= e;
      })
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
    while (inFlight.size >= parallel) await Promise.race(inFlight);
    if (failure)
      throw failure instanceof Error ? failure : new Error("a corpus batch failed", { cause: failure });
  };

  while (made < options.gigs) {
    const seller = generateSeller(rng, sellerIndex++, options.now);
    const sellerId = newId("usr");
    batch.users.push({ id: sellerId, seller });
    // Most sellers have a handful of gigs; a few have many (up to their level's limit).
    const count = Math.min(
      GIG_LIMIT[seller.level],
      1 + Math.floor(-Math.log(1 - rng.next()) * 3),
      options.gigs - made,
    );
    const slugs = new Set<string>();
    for (let i = 0; i < count; i++) {
      const gig = generateGig(rng, gigCategory(rng, seller.specialty), {
        sellerDisplayName: seller.displayName,
        sellerLevel: seller.level,
        now: options.now,
        currency: options.currency,
      });
      let slug = gig.slug;
      for (let n = 2; slugs.has(slug); n++) slug = `${gig.slug.slice(0, 75)}-${n}`;
      slugs.add(slug);
      batch.gigs.push({ id: newId("gig"), sellerId, gig: { ...gig, slug } });
    }
    made += count;
    if (batch.gigs.length >= batchSize) await flush();
  }
  await flush();
  await Promise.all(inFlight);
  if (failure)
    throw failure instanceof Error ? failure : new Error("a corpus batch failed", { cause: failure });
  return { gigs: made, sellers: sellerIndex - existing.sellers };
}

/** Every corpus seller signs in with this password (local benchmarking data only). */
export const CORPUS_PASSWORD = "atelier-corpus-2026";
