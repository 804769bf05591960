import { loadSharp } from "../platform/sharp";
import type { Queryable } from "../db/client";
import { newId } from "../platform/ids";
import type { Progress } from "../platform/progress";
import { linkFiles } from "../modules/files/files.links";
import { uploadFile } from "../modules/files/files.usecases";
import { syncGigSearchDocument } from "../modules/search/search.indexer";
import type { AppDeps } from "../platform/deps";
import { createRng, generateGig, seedCorpus, type Rng } from "./corpus";
import { DEMO_SELLERS } from "./demo-people";
import { TAXONOMY } from "./taxonomy";

/** What each curated demo seller offers, by subcategory. */
const SPECIALTIES: Record<string, string[]> = {
  maya_lindqvist: [
    "logo-design",
    "brand-style-guides",
    "illustration",
    "packaging-design",
    "social-media-design",
  ],
  tomasz_dev: ["website-development", "wordpress", "bug-fixes", "databases", "mobile-apps"],
  amara_writes: ["copywriting", "articles-blog-posts", "email-marketing", "content-marketing"],
  lucia_motion: ["animated-explainers", "motion-graphics", "video-editing", "short-video-ads"],
  kenji_audio: ["mixing-mastering", "podcast-editing", "voice-over", "jingles-intros"],
  priya_data: ["data-analysis", "data-visualization", "machine-learning", "data-entry"],
  jonas_seo: ["seo", "content-marketing", "paid-ads", "market-research"],
  sofia_translates: ["translation", "proofreading-editing", "resume-writing", "subtitles-captions"],
};

/**
 * The levels curated sellers are shown at, so that their gig limits allow a full shop. The history
 * step (`demo-history.ts`) writes the orders, reviews and earnings that earn each of them, and the
 * reputation module confirms it.
 */
export const DEMO_LEVELS: Record<string, "level_1" | "level_2" | "top_rated"> = {
  maya_lindqvist: "top_rated",
  tomasz_dev: "level_2",
  amara_writes: "top_rated",
  lucia_motion: "level_2",
  kenji_audio: "level_1",
  priya_data: "level_2",
  jonas_seo: "level_1",
  sofia_translates: "level_2",
};

/** Calm, accessible colour pairs for generated cover art (background, accent). */
const PALETTES: [string, string][] = [
  ["#0f3d3e", "#e2b350"],
  ["#1f2a44", "#f2a65a"],
  ["#3a2e39", "#f1d6b8"],
  ["#234e52", "#f6e05e"],
  ["#2d3748", "#90cdf4"],
  ["#44337a", "#fbb6ce"],
  ["#22543d", "#c6f6d5"],
  ["#742a2a", "#fed7d7"],
  ["#1a365d", "#bee3f8"],
];

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if ((line + " " + word).trim().length > width) {
      out.push(line.trim());
      line = word;
      if (out.length === lines) break;
    } else line = `${line} ${word}`;
  }
  if (out.length < lines && line.trim()) out.push(line.trim());
  return out.slice(0, lines);
}

/** A cover image drawn locally (no network): the category, the gig's title and a simple motif. */
export async function renderCover(rng: Rng, title: string, category: string, index: number): Promise<Buffer> {
  const [bg, accent] = PALETTES[index % PALETTES.length] ?? ["#0f3d3e", "#e2b350"];
  const shapes = Array.from({ length: 5 }, () => {
    const x = rng.int(420, 780);
    const y = rng.int(40, 560);
    const r = rng.int(30, 140);
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="${accent}" opacity="${(0.08 + rng.next() * 0.25).toFixed(2)}"/>`;
  }).join("");
  const lines = wrap(title.replace(/^I will /i, ""), 26, 3)
    .map(
      (l, i) =>
        `<text x="48" y="${300 + i * 52}" font-family="DejaVu Sans, sans-serif" font-size="40" font-weight="700" fill="#ffffff">${escapeXml(l)}</text>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
    <rect width="800" height="600" fill="${bg}"/>${shapes}
    <rect x="48" y="150" width="72" height="8" rx="4" fill="${accent}"/>
    <text x="48" y="220" font-family="DejaVu Sans, sans-serif" font-size="26" fill="${accent}" letter-spacing="2">${escapeXml(category.toUpperCase())}</text>
    ${lines}
  </svg>`;
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer();
}

async function* once(bytes: Buffer): AsyncIterable<Uint8Array> {
  yield bytes;
}

const subcategoryName = new Map(TAXONOMY.flatMap((t) => t.children.map((c) => [c.slug, c.name] as const)));

export const DEMO_GIGS_PER_SELLER = 6;
export const DEMO_CORPUS_GIGS = 230;

/**
 * Demo gigs: six for each curated seller in their specialties, and a generated marketplace of other
 * sellers across every category, each active gig with a cover image rendered locally.
 */
export async function seedDemoGigs(
  deps: Pick<AppDeps, "db" | "clock" | "config" | "storage" | "log" | "state">,
  bar: Progress,
): Promise<void> {
  const { db, clock, config } = deps;
  const rng = createRng(4242);
  const now = clock.now();
  const categories = new Map(
    (await db.query<{ id: string; slug: string }>("SELECT id, slug FROM categories")).map((c) => [
      c.slug,
      c.id,
    ]),
  );
  const sellers = await db.query<{ id: string; username: string; display_name: string }>(
    "SELECT id, username, display_name FROM users WHERE username = ANY($1::text[])",
    [DEMO_SELLERS.map((s) => s.username)],
  );
  await db.transaction(async (tx) => {
    for (const seller of sellers) {
      const level = DEMO_LEVELS[seller.username] ?? "level_1";
      await tx.query("UPDATE users SET seller_level = $2 WHERE id = $1", [seller.id, level]);
      const specialties = SPECIALTIES[seller.username] ?? ["logo-design"];
      for (let n = 0; n < DEMO_GIGS_PER_SELLER; n++) {
        const slug = specialties[n % specialties.length] ?? "logo-design";
        const gig = generateGig(rng, slug, {
          sellerDisplayName: seller.display_name,
          sellerLevel: level,
          now,
          currency: config.currency,
        });
        await insertGig(
          tx,
          seller.id,
          categories.get(slug) ?? "",
          { ...gig, slug: `${gig.slug.slice(0, 70)}-${n + 1}` },
          config.currency,
        );
      }
    }
  });
  bar.tick(sellers.length * DEMO_GIGS_PER_SELLER);
  await seedCorpus(db, {
    gigs: DEMO_CORPUS_GIGS,
    seed: 777,
    now,
    currency: config.currency,
    argon2: config.auth.argon2,
    progress: bar,
  });

  // Demo ratings and order counts must come from real reviews and orders, never made-up figures.
  await db.query("UPDATE gigs SET rating_sum = 0, rating_count = 0, orders_completed = 0");
  const active = await db.query<{ id: string; seller_id: string; title: string; slug: string }>(
    `SELECT g.id, g.seller_id, g.title, c.slug FROM gigs g JOIN categories c ON c.id = g.category_id
     WHERE g.status = 'active' AND g.cover_file_id IS NULL ORDER BY g.created_at, g.id`,
  );
  for (const [i, gig] of active.entries()) {
    const png = await renderCover(rng, gig.title, subcategoryName.get(gig.slug) ?? gig.slug, i);
    const file = await uploadFile(deps, { ownerId: gig.seller_id, fileName: "cover.png", source: once(png) });
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO gig_images (gig_id, file_id, position) VALUES ($1, $2, 0)", [
        gig.id,
        file.id,
      ]);
      await tx.query("UPDATE gigs SET cover_file_id = $2 WHERE id = $1", [gig.id, file.id]);
      await linkFiles(tx, [file.id], { type: "gig", id: gig.id }, now);
      await syncGigSearchDocument(deps, tx, gig.id);
    });
    bar.tick();
  }
}

async function insertGig(
  tx: Queryable,
  sellerId: string,
  categoryId: string,
  gig: ReturnType<typeof generateGig>,
  currency: string,
): Promise<string> {
  const id = newId("gig");
  await tx.query(
    `INSERT INTO gigs (id, seller_id, slug, title, description, category_id, tags, status, ai_assisted, packages, extras, faq,
       requirements, currency, starting_price, min_delivery_days, rating_sum, rating_count, orders_completed, published_at,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb, $13, $14, $15, 0, 0, 0, $16, $16, $16)`,
    [
      id,
      sellerId,
      gig.slug,
      gig.title,
      gig.description,
      categoryId,
      gig.tags,
      gig.aiAssisted,
      JSON.stringify(gig.packages),
      JSON.stringify([
        {
          id: newId("ext"),
          title: "Express delivery",
          price: { amount: 1500, currency },
          additionalDays: -1,
        },
        { id: newId("ext"), title: "Source files", price: { amount: 2000, currency }, additionalDays: 1 },
      ]),
      JSON.stringify([
        {
          question: "What do you need from me to start?",
          answer: "Answer the questions after ordering; I start as soon as I have them.",
        },
        {
          question: "Can I ask for changes?",
          answer: "Yes, each package includes revisions; the number is in the package table.",
        },
      ]),
      JSON.stringify([
        {
          id: newId("req"),
          question: "Tell me about your project and what you need.",
          kind: "text",
          required: true,
        },
      ]),
      currency,
      gig.startingPrice,
      gig.minDeliveryDays,
      gig.publishedAt ?? gig.createdAt,
    ],
  );
  return id;
}
