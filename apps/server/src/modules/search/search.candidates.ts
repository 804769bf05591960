import type { GigCard } from "@atelier/contracts";
import { validationFailed } from "../../platform/errors";
import { shownRules } from "../../platform/settings";
import { createCandidatesRepository, type CandidateScope } from "./search.candidates-repository";
import type { SearchDeps } from "./search.deps";
import type { MemoryIndex } from "./search.memory-index";
import { createSearchMemoryRepository } from "./search.memory-repository";
import { NO_FILTERS, toGigCard, tsqueryText, type CardRow, type SearchTerm } from "./search.models";
import { createSearchRepository } from "./search.repository";
import { categoryIndex, wordStems } from "./search.usecases";
import { expandWord, FILLER_WORDS, joinedForm, lookupWords, type SynonymTable } from "./search.terms";

/**
 * The candidate search made for buyers' briefs (issue 18, docs/negotiation.md "Matching"): a brief
 * is a long text — a business name no gig has, filler, a few words every gig has, and the few that
 * say what is wanted. Ordinary search would answer it relaxed, over the union of every word's
 * matches (tens of thousands of rows per common word at a million gigs). Here the brief's words are
 * ranked by selectivity, the words no gig has and the near-universal ones are dropped, and the
 * candidates are fetched in tiers — every kept word, then the best subsets of them — each asking
 * the index for no more than the candidates still missing. Both engines: the memory index on
 * PGlite (its posting lists' sizes, its AND search), SQL on PostgreSQL (the vocabulary's and the
 * planner's counts, one bounded statement per tier).
 */

/** Words of a brief looked at (title first, then the description, in order, without repeats). */
export const BRIEF_WORDS = 24;
/** The most selective words kept for the tiers (title words first). */
export const BRIEF_TERMS = 5;
/**
 * A word in more than this share of the documents, and in more than `COMMON_MIN` of them, says
 * nothing about the brief: dropped (in a small catalogue every word is kept: none costs anything).
 */
export const COMMON_SHARE = 0.1;
export const COMMON_MIN = 1000;
/**
 * Tiers asked at most: on PostgreSQL each is a statement (one that finds nothing costs 1–5 ms at a
 * million gigs), the memory index's cost less; and at most `MAX_FRUITFUL_TIERS` that found gigs.
 */
const MAX_TIERS = { memory: 63, sql: 24 } as const;
const MAX_FRUITFUL_TIERS = 14;
/**
 * A tier expected to match fewer documents than this is not asked: its words would have to go
 * together a hundred times more often than chance (a brief's words do go together, within a
 * subcategory's gigs, but not that much more). A word almost no gig has — a business name that
 * happens to be someone's — then does not empty every tier it is in.
 */
export const HOPELESS_ESTIMATE = 0.01;
/**
 * SQL: a tier of several words reads its matches through the text index (at most a bound of them);
 * one word in more than this many documents is looked for along the quality order instead, which
 * its exact share makes short. (A walk for several words depends on how they go together: read
 * 65,000 rows, 400 ms, for two words that seldom meet.)
 */
const BITMAP_MAX = 3000;

/** A word of the brief with its stems and how many documents hold any of them. */
export interface BriefTerm {
  term: SearchTerm;
  inTitle: boolean;
  documents: number;
}

/** One tier: the words every candidate of it has, and how many documents are expected to. */
export interface BriefTier {
  terms: BriefTerm[];
  /** Were the words independent: the product of their shares (orders tiers, finds hopeless ones). */
  estimate: number;
  /**
   * As a brief's words go together (a subcategory's words: "content", "calendar"): the rarest
   * word's documents times the square root of each other word's share. Chooses the SQL plan.
   */
  expected: number;
}

/**
 * A brief's words: lower case, letters and digits, the title's first, filler dropped, hyphenated
 * words split unless the synonyms know them whole (as search's `queryWords`), at most `BRIEF_WORDS`.
 */
export function briefWords(
  title: string,
  description: string,
  keepWhole: (hyphenated: string) => boolean,
): { word: string; inTitle: boolean }[] {
  const tokens = (text: string) =>
    (
      text
        .normalize("NFKC")
        .toLowerCase()
        .match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []
    )
      .flatMap((t) => (t.includes("-") && !keepWhole(t) ? t.split("-") : [t]))
      .filter((w) => !FILLER_WORDS.has(w) && !/^\p{N}+$/u.test(w));
  const seen = new Set<string>();
  const out: { word: string; inTitle: boolean }[] = [];
  for (const [text, inTitle] of [
    [title, true],
    [description, false],
  ] as const) {
    for (const word of tokens(text)) {
      if (seen.has(word) || out.length >= BRIEF_WORDS) continue;
      seen.add(word);
      out.push({ word, inTitle });
    }
  }
  return out;
}

/**
 * The words the tiers use: those some document has and that are not near-universal (when
 * every word is that common, the least common one alone), title words first, then the most
 * selective, at most `BRIEF_TERMS`; returned least common first.
 */
export function selectTerms(terms: readonly BriefTerm[], documents: number): BriefTerm[] {
  const present = terms.filter((t) => t.documents > 0);
  const common = (t: BriefTerm) => t.documents > COMMON_MIN && t.documents > COMMON_SHARE * documents;
  const telling = present.filter((t) => !common(t));
  const byCount = (a: BriefTerm, b: BriefTerm) => a.documents - b.documents;
  if (telling.length === 0) return [...present].sort(byCount).slice(0, 1);
  return [...telling]
    .sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || byCount(a, b))
    .slice(0, BRIEF_TERMS)
    .sort(byCount);
}

/**
 * Every non-empty subset of the kept words, best first: the most words (a title word counts
 * twice), then the most title words, then the fewest expected matches (independent words: the
 * product of their shares) — the most specific match of what the brief is about comes first.
 */
export function briefTiers(terms: readonly BriefTerm[], documents: number): BriefTier[] {
  const n = terms.length;
  const total = Math.max(documents, 1, ...terms.map((t) => t.documents));
  const tiers: (BriefTier & { weight: number; titles: number })[] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    const chosen = terms.filter((_, i) => (mask & (1 << i)) !== 0);
    const titles = chosen.filter((t) => t.inTitle).length;
    const rarest = Math.min(...chosen.map((t) => t.documents));
    tiers.push({
      terms: chosen,
      weight: chosen.length + titles,
      titles,
      estimate: chosen.reduce((e, t) => e * (t.documents / total), total),
      // Every word but one rarest (the product over all, divided by the rarest's own factor).
      expected:
        chosen.reduce((e, t) => e * Math.sqrt(t.documents / total), rarest) / Math.sqrt(rarest / total),
    });
  }
  return tiers
    .filter((t) => t.estimate >= HOPELESS_ESTIMATE || t.terms.length === 1)
    .sort((a, b) => b.weight - a.weight || b.titles - a.titles || a.estimate - b.estimate)
    .map(({ terms: t, estimate, expected }) => ({ terms: t, estimate, expected }));
}

/** The brief's words as search terms (stems and synonyms' stems); stop words and repeats left out. */
async function briefSearchTerms(
  deps: SearchDeps,
  brief: { title: string; description: string },
  synonyms: SynonymTable,
): Promise<{ term: SearchTerm; inTitle: boolean }[]> {
  const words = briefWords(
    brief.title,
    brief.description,
    (w) => synonyms.has(w) || synonyms.has(joinedForm(w) ?? ""),
  );
  const stems = await wordStems(deps, createSearchMemoryRepository(deps.db), [
    ...new Set(words.flatMap((w) => lookupWords(w.word, synonyms))),
  ]);
  const seen = new Set<string>();
  return words.flatMap(({ word, inTitle }) => {
    const { term } = expandWord(word, stems, synonyms, () => true);
    const key = JSON.stringify([...term.lexemes].sort());
    if (term.lexemes.length === 0 || seen.has(key)) return [];
    seen.add(key);
    return [{ term, inTitle }];
  });
}

/** How many documents hold each term, and how many documents there are: the memory index's postings. */
function countsInMemory(index: MemoryIndex, terms: readonly { term: SearchTerm }[]) {
  const documents = index.documents;
  return {
    documents,
    counts: terms.map(({ term }) =>
      Math.min(
        documents,
        term.lexemes.reduce((n, l) => n + index.postingSize(l), 0),
      ),
    ),
  };
}

/**
 * The same through SQL: a stem's count is the larger of the vocabulary's (exact for titles, tags
 * and sellers; descriptions counted on sampled documents) and the planner's statistics (the most
 * common stems' shares); a stem neither knows is in no document.
 */
async function countsInSql(deps: SearchDeps, terms: readonly { term: SearchTerm }[]) {
  const lexemes = [...new Set(terms.flatMap(({ term }) => term.lexemes))];
  const { documents: analyzed, stems } = await createCandidatesRepository(deps.db).stemCounts(lexemes);
  const largest = Math.max(0, ...stems.map((s) => s.words));
  const documents = analyzed > 0 ? analyzed : largest;
  const byLexeme = new Map(stems.map((s) => [s.lexeme, Math.max(s.words, (s.share ?? 0) * documents)]));
  return {
    documents,
    counts: terms.map(({ term }) =>
      Math.min(
        documents,
        term.lexemes.reduce((n, l) => n + (byLexeme.get(l) ?? 0), 0),
      ),
    ),
  };
}

/**
 * Up to `limit` gigs that fit a brief's words, best first, in its category (or top category) when
 * it names one: the tiers' candidates in tier order, each tier's in relevance order (every word in
 * the title first, then in title, tags or seller name, then anywhere; then quality). Empty when no
 * word of the brief is in any gig. Not written to the search log.
 */
export async function briefCandidateGigs(
  deps: SearchDeps,
  brief: { title: string; description: string; categorySlug: string | null; limit: number },
): Promise<GigCard[]> {
  const categories = await categoryIndex(deps, createSearchRepository(deps.db));
  const category = brief.categorySlug === null ? null : categories.bySlug.get(brief.categorySlug);
  if (category === undefined)
    throw validationFailed([{ path: "categorySlug", message: "is not a known category" }]);
  const synonyms = await deps.runtime.synonyms.get();
  const words = await briefSearchTerms(deps, brief, synonyms);
  if (words.length === 0) return [];
  const engine = deps.runtime.memory;
  const index = engine ? await engine.current() : null;
  const { documents, counts } = index ? countsInMemory(index, words) : await countsInSql(deps, words);
  const chosen = selectTerms(
    words.map((w, i) => ({ ...w, documents: counts[i] ?? 0 })),
    documents,
  );
  const tiers = briefTiers(chosen, documents).slice(0, index ? MAX_TIERS.memory : MAX_TIERS.sql);

  const found = new Map<string, CardRow>();
  const filters = { ...NO_FILTERS, category };
  const scope: CandidateScope = {
    column: category === null ? null : category.isTop ? "top_category_id" : "category_id",
    categoryId: category?.id ?? null,
  };
  const repo = createCandidatesRepository(deps.db);
  let fruitful = 0;
  for (const tier of tiers) {
    const missing = brief.limit - found.size;
    if (missing <= 0 || fruitful >= MAX_FRUITFUL_TIERS) break;
    const terms = tier.terms.map((t) => t.term);
    let rows: CardRow[];
    if (index) {
      // The index's AND search (the smallest posting list first); earlier tiers' gigs come again.
      const result = index.search({
        terms,
        filters,
        sort: "relevance",
        after: null,
        need: missing + found.size,
        deliveryDays: deps.config.search.deliveryFacetDays,
      });
      rows = result.rows.map((r) => r.row);
    } else {
      const tsquery = tsqueryText(terms);
      if (tsquery === null) continue;
      const exclude = [...found.keys()];
      rows =
        tier.terms.length > 1 || tier.expected <= BITMAP_MAX
          ? await repo.allMatches(tsquery, scope, exclude, missing)
          : await repo.bestMatches(
              tsquery,
              scope,
              exclude,
              missing,
              Math.ceil((3 * missing * Math.max(documents, 1)) / tier.expected),
            );
    }
    if (rows.length > 0) fruitful++;
    for (const row of rows) {
      if (found.size >= brief.limit) break;
      if (!found.has(row.gig_id)) found.set(row.gig_id, row);
    }
  }
  const { fees } = await shownRules(deps);
  return [...found.values()].map((row) => toGigCard(row, fees));
}
