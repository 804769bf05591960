/**
 * Buyers' briefs for the matching benchmark: natural-language needs built from the corpus's own
 * vocabulary (seed/corpus-vocabulary.ts), so their words meet the generated gigs' words with
 * realistic frequencies — common words ("logo", "design"), tool names, and words no gig has (a
 * made-up business name, filler). Seeded: the same seed gives the same briefs.
 */
import type { CreateBriefBody } from "@atelier/contracts";
import { createRng, type Rng } from "../src/seed/corpus";
import { CORPUS_VOCABULARY, INDUSTRIES } from "../src/seed/corpus-vocabulary";
import { TAXONOMY } from "../src/seed/taxonomy";

const SUBCATEGORIES = TAXONOMY.flatMap((top) =>
  top.children.map((child) => ({ slug: child.slug, parentSlug: top.slug })),
).filter((s) => CORPUS_VOCABULARY[s.slug]);

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
];
const OPENERS = [
  "Hi! I run {industry} business called {brand} and I need {object}.",
  "Hello, we are {brand}, a small {industry} team, and we are looking for {object}.",
  "I am starting {brand}, {industry} project, and I would love {object}.",
  "Looking for someone to make {object} for {brand}, my {industry} shop.",
  "Need help: {brand} needs {object} before our launch.",
];
const DETAILS = [
  "It should feel {adj} and fit our audience.",
  "We already use {tool}, so it has to work with it.",
  "Something {adj}, nothing too complicated.",
  "I have a few examples I like and can share them.",
  "Please tell me how many revisions you include.",
  "Ideally done within {days} days.",
  "We have a small budget but we pay on time.",
  "A {adj} style like the big brands would be great.",
];

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function brandName(rng: Rng): string {
  let word = "";
  for (let i = rng.int(2, 3); i > 0; i--) word += rng.pick(SYLLABLES);
  return capitalize(word);
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? "");
}

/** One brief: a title and a few sentences, sometimes a category (40 %) and a budget (50 %). */
export function generateBrief(rng: Rng, currency: string): CreateBriefBody {
  const sub = rng.pick(SUBCATEGORIES);
  const v = CORPUS_VOCABULARY[sub.slug];
  if (!v) throw new Error(`no vocabulary for ${sub.slug}`);
  const adj = rng.pick(v.adjectives);
  const object = rng.pick(v.objects);
  const industry = rng.pick(INDUSTRIES);
  const brand = brandName(rng);
  const slots = {
    industry: `${article(industry)} ${industry}`,
    brand,
    object: `${article(adj)} ${adj} ${object}`,
    adj,
    tool: rng.pick(v.tools),
    days: String(rng.int(2, 14)),
  };
  const sentences = [fill(rng.pick(OPENERS), slots)];
  const details = rng.int(1, 3);
  for (let i = 0; i < details; i++) sentences.push(fill(rng.pick(DETAILS), slots));
  const [, median] = v.price;
  return {
    title: capitalize(`${adj} ${object} for ${brand}`).slice(0, 120),
    description: sentences.join(" "),
    ...(rng.chance(0.4) ? { categorySlug: rng.chance(0.75) ? sub.slug : sub.parentSlug } : {}),
    ...(rng.chance(0.5)
      ? {
          budget: {
            max: {
              amount: Math.max(500, Math.round(median * rng.pick([0.8, 1, 1.5, 2, 3])) * 100),
              currency,
            },
          },
        }
      : {}),
    fileIds: [],
  };
}

/** `n` briefs with pairwise distinct texts (so no cache of any kind answers one from another). */
export function generateBriefs(n: number, seed: number, currency: string): CreateBriefBody[] {
  const rng = createRng(seed);
  const seen = new Set<string>();
  const out: CreateBriefBody[] = [];
  while (out.length < n) {
    const brief = generateBrief(rng, currency);
    const text = `${brief.title}\n${brief.description}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(brief);
  }
  return out;
}
