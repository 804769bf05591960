/**
 * The search benchmark's query sets (bench/search.bench.ts), generated from the corpus itself so that
 * every kind has thousands of distinct queries: each measured request is a query the server has not
 * seen before, so the figures describe cold caches (result pages, counts, corrections, match sets),
 * not a cache replaying a handful of queries.
 *
 * Ours and the naive plan get disjoint slices of each list, and the warm-up gets a third: no query is
 * sent twice in a run.
 */
import { createRequire } from "node:module";
import type { Queryable } from "../src/db/client";
import { FILLER_WORDS } from "../src/modules/search/search.terms";
import { createRng, type Rng } from "../src/seed/corpus";
import { CORPUS_VOCABULARY, INDUSTRIES } from "../src/seed/corpus-vocabulary";

export type Kind =
  | "common"
  | "rare"
  | "typo"
  | "relaxed"
  | "natural"
  | "filters"
  | "category"
  | "deep"
  | "price"
  | "newest"
  | "rating";

export const KINDS: readonly Kind[] = [
  "common",
  "rare",
  "typo",
  "relaxed",
  "natural",
  "filters",
  "category",
  "deep",
  "price",
  "newest",
  "rating",
];

export const KIND_NOTES: Record<Kind, string> = {
  common: "1–3 frequent words of a gig's title, relevance",
  rare: "a word in 1–20 gigs",
  typo: "one edit of a frequent word (not a real word), alone or with a frequent word",
  relaxed: "a frequent word and a rare word of another gig (relaxed answer)",
  natural: "long sentences with stop and filler words",
  filters: "filters only, no words",
  category: "category browse, any sort, sometimes a filter",
  deep: "frequent words, page 10 or 50 (cursor)",
  price: "frequent words sorted by price (asc or desc)",
  newest: "frequent words sorted by newest",
  rating: "frequent words sorted by rating",
};

/** One measured request: our query string, the naive plan's, or a deep page still to be walked. */
export interface BenchQuery {
  ours: string;
  naive: string;
  /** Deep pages: the words and the page; `ours` is filled once the cursor has been walked. */
  deep?: { q: string; page: number };
}

const SORTS = ["relevance", "price_asc", "price_desc", "newest", "rating", "best_selling"] as const;
const LEVELS = ["new", "level_1", "level_2", "top_rated"] as const;

const qs = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))).toString();

const same = (params: Record<string, string | number>): BenchQuery => ({
  ours: qs(params),
  naive: qs(params),
});

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Up to `size` distinct values of `make`, giving up after `size × 20` attempts. */
function distinct<T>(size: number, make: () => T | null, key: (t: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (let attempt = 0; attempt < size * 20 && out.length < size; attempt++) {
    const value = make();
    if (value === null) continue;
    const k = key(value);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(value);
  }
  return out;
}

let english: Set<string> | null = null;
function isEnglishWord(word: string): boolean {
  if (!english) {
    const list: unknown = createRequire(import.meta.url)("an-array-of-english-words");
    english = new Set(Array.isArray(list) ? (list as string[]) : []);
  }
  return english.has(word);
}

/** A random one-letter edit: delete, insert, substitute or swap two neighbours. */
function oneEdit(rng: Rng, word: string): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const i = rng.int(0, word.length - 1);
  switch (rng.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + rng.pick([...letters]) + word.slice(i);
    case 2:
      return word.slice(0, i) + rng.pick([...letters]) + word.slice(i + 1);
    default:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word;
  }
}

/**
 * Every kind's queries, `size` of each where the corpus allows (fewer distinct rare words or deep
 * queries may exist). Reads the vocabulary (`search_words`), the titles of the sampled documents and
 * the categories.
 */
export async function buildQuerySets(
  db: Queryable,
  size: number,
  seed = 7,
): Promise<{ lists: Record<Kind, BenchQuery[]>; documents: number }> {
  const rng = createRng(seed);
  const documents =
    (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_documents"))[0]?.n ?? 0;
  const vocabulary = new Map(
    (
      await db.query<{ word: string; doc_count: number }>(
        "SELECT word, doc_count FROM search_words WHERE lexeme IS NOT NULL",
      )
    ).map((r) => [r.word, Number(r.doc_count)]),
  );
  // "Frequent": in at least 0.2 % of the documents (186 of 93,568; 1,870 of 934,988).
  const frequentAt = Math.max(20, Math.round(documents * 0.002));
  const titles = (
    await db.query<{ title: string }>(
      "SELECT d.title FROM search_sample s JOIN search_documents d ON d.gig_id = s.gig_id ORDER BY s.gig_id",
    )
  ).map((r) => r.title);
  const titleWords = titles
    .map((t) =>
      (t.toLowerCase().match(/[a-z]+/g) ?? []).filter(
        (w) => !FILLER_WORDS.has(w) && (vocabulary.get(w) ?? 0) >= frequentAt,
      ),
    )
    .filter((words) => words.length > 0);
  const frequent = [...new Set(titleWords.flat())];
  const rare = shuffle(
    rng,
    [...vocabulary]
      .filter(([w, n]) => n >= 1 && n <= 20 && w.length >= 6 && /^[a-z]+$/.test(w))
      .map(([w]) => w),
  );
  const categories = (await db.query<{ slug: string }>("SELECT slug FROM categories ORDER BY slug")).map(
    (r) => r.slug,
  );

  /** 1–3 frequent words of one title, in its order. */
  const titleQuery = (): string | null => {
    const words = [...new Set(rng.pick(titleWords))];
    const n = Math.min(words.length, rng.chance(0.4) ? 1 : rng.chance(0.75) ? 2 : 3);
    const start = rng.int(0, words.length - n);
    return words.slice(start, start + n).join(" ");
  };
  // One pool of title queries, dealt out to the kinds that use them: no kind repeats another's words.
  const pool = distinct(size * 5, titleQuery, (q) => q);
  const deal = (k: number) => pool.filter((_, i) => i % 5 === k);

  const typo = (): string | null => {
    const word = rng.pick(frequent);
    if (word.length < 5) return null;
    const typed = oneEdit(rng, word);
    if (typed.length < 5 || vocabulary.has(typed) || isEnglishWord(typed)) return null;
    if (rng.chance(0.5)) return typed;
    const other = rng.pick(frequent);
    return rng.chance(0.5) ? `${other} ${typed}` : `${typed} ${other}`;
  };

  const subcategories = Object.values(CORPUS_VOCABULARY);
  const TEMPLATES = [
    "I need someone to {verb} a {adj} {object} for my {industry} business",
    "looking for a {adj} {object} for my {industry} company quickly",
    "can you {verb} my {object} and make it {adj}",
    "please {verb} a {adj} {object} with {tool} asap",
    "I want a {adj} {object} for my new {industry} startup",
    "hire a freelancer who can {verb} an {adj} {object} in {tool}",
    "we are looking for someone to {verb} {object} for our {industry} website",
  ];
  const natural = (): string => {
    const v = rng.pick(subcategories);
    return rng
      .pick(TEMPLATES)
      .replace("{verb}", rng.pick(v.verbs))
      .replace("{adj}", rng.pick(v.adjectives))
      .replace("{object}", rng.pick(v.objects))
      .replace("{tool}", rng.pick(v.tools))
      .replace("{industry}", rng.pick(INDUSTRIES));
  };

  const filters = (): Record<string, string | number> => {
    const min = rng.int(0, 40) * 500;
    const params: Record<string, string | number> = { minPrice: min, maxPrice: min + rng.int(2, 200) * 500 };
    if (rng.chance(0.5)) params.maxDeliveryDays = rng.pick([1, 2, 3, 5, 7, 14]);
    if (rng.chance(0.4)) params.sellerLevel = rng.pick(LEVELS);
    if (rng.chance(0.4)) params.minRating = rng.pick([3.5, 4, 4.2, 4.5, 4.7, 4.8, 4.9]);
    if (rng.chance(0.3)) params.sort = rng.pick(SORTS.slice(1));
    return params;
  };
  const category = (): Record<string, string | number> => {
    const params: Record<string, string | number> = {
      category: rng.pick(categories),
      sort: rng.pick(SORTS.slice(1)),
    };
    const extra = rng.int(0, 4);
    if (extra === 1) params.maxDeliveryDays = rng.pick([1, 2, 3, 5, 7, 14]);
    if (extra === 2) params.minRating = rng.pick([4, 4.5, 4.8]);
    if (extra >= 3) params.maxPrice = rng.int(4, 400) * 500;
    return params;
  };

  const byKey = (b: BenchQuery) => b.ours;
  const lists: Record<Kind, BenchQuery[]> = {
    common: deal(0).map((q) => same({ q })),
    rare: rare.slice(0, size).map((q) => same({ q })),
    typo: distinct(size, typo, (q) => q).map((q) => same({ q })),
    relaxed: distinct(
      size,
      () => `${rng.pick(frequent)} ${rng.pick(rare)}`,
      (q) => q,
    ).map((q) => same({ q })),
    natural: distinct(size, natural, (q) => q).map((q) => same({ q })),
    filters: distinct(size, () => same(filters()), byKey),
    category: distinct(size, () => same(category()), byKey),
    deep: deal(1)
      .filter((q) => q.split(" ").every((w) => (vocabulary.get(w) ?? 0) >= 2_000))
      .map((q, i) => ({ ours: "", naive: "", deep: { q, page: i % 2 === 0 ? 10 : 50 } })),
    price: deal(2).map((q) => same({ q, sort: rng.chance(0.5) ? "price_asc" : "price_desc" })),
    newest: deal(3).map((q) => same({ q, sort: "newest" })),
    rating: deal(4).map((q) => same({ q, sort: "rating" })),
  };
  return { lists, documents };
}
