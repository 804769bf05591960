/**
 * From the words a buyer typed to the terms a search matches: filler dropped, hyphenated compounds,
 * synonyms and abbreviations added as alternatives, and whether an unknown word may be corrected.
 * Pure: the stems come from PostgreSQL's stemmer (through the repository), the synonyms from
 * `search_synonyms`, the English word list from the runtime. See docs/search.md "Never a dead end".
 */

/**
 * Words that say how someone asks, not what they want ("I need someone to quickly …"). PostgreSQL
 * drops English stop words itself; these are dropped before the cap on query words, so a long
 * sentence keeps its content words. A query made only of them is searched as typed.
 */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "and",
  "any",
  "asap",
  "can",
  "could",
  "do",
  "for",
  "from",
  "get",
  "hire",
  "hiring",
  "i",
  "im",
  "in",
  "into",
  "is",
  "it",
  "looking",
  "me",
  "my",
  "need",
  "needed",
  "needs",
  "of",
  "on",
  "or",
  "our",
  "please",
  "quick",
  "quickly",
  "someone",
  "somebody",
  "the",
  "to",
  "urgent",
  "urgently",
  "want",
  "wanted",
  "we",
  "who",
  "will",
  "with",
  "would",
  "you",
  "your",
]);

/** The synonyms of search words: a word → the words it also matches (search_synonyms). */
export type SynonymTable = ReadonlyMap<string, readonly string[]>;

/** A hyphenated word without its hyphens ("e-commerce" → "ecommerce"); null when it has none. */
export function joinedForm(word: string): string | null {
  return word.includes("-") ? word.replace(/-/g, "") : null;
}

/** The words whose stems a query word needs: itself, its joined form and its synonyms. */
export function lookupWords(word: string, synonyms: SynonymTable): string[] {
  const joined = joinedForm(word);
  return [word, ...(joined ? [joined] : []), ...(synonyms.get(word) ?? [])];
}

/**
 * The stems a word stands for. A hyphenated word ("e-commerce") is searched as its compound stem
 * and its joined form ("ecommerce"), not as its parts ("e" or "commerce" alone would match far
 * too much).
 */
function ownStems(word: string, stems: ReadonlyMap<string, readonly string[]>): string[] {
  const all = stems.get(word) ?? [];
  if (!word.includes("-")) return [...all];
  const compound = all.filter((l) => l.includes("-"));
  const joined = joinedForm(word);
  return [...(compound.length > 0 ? compound : all), ...(joined ? (stems.get(joined) ?? []) : [])];
}

/**
 * A query word as a term before any typo correction: its stems, the stems of its synonyms as
 * alternatives, and whether it is a real word (in the English word list, or with synonyms), which
 * is never corrected. Stop words keep no stems (PostgreSQL drops them) and match nothing.
 */
export function expandWord(
  word: string,
  stems: ReadonlyMap<string, readonly string[]>,
  synonyms: SynonymTable,
  isEnglishWord: (word: string) => boolean,
): { term: SearchTerm; realWord: boolean } {
  const own = ownStems(word, stems);
  const alternatives = own.length === 0 ? [] : (synonyms.get(word) ?? []).flatMap((s) => ownStems(s, stems));
  const lexemes = [...new Set([...own, ...alternatives])];
  return {
    term: { word, lexemes, correctedTo: null },
    realWord: synonyms.has(word) || isEnglishWord(word) || (joinedForm(word) !== null && own.length > 0),
  };
}

/** Words a synonym entry may hold: lower-case letters and digits, optionally hyphenated. */
export const SYNONYM_WORD = /^[\p{Ll}\p{N}]+(?:-[\p{Ll}\p{N}]+)*$/u;

/** One query word as the engines search it: its lexemes and the correction, if any. */
export interface SearchTerm {
  word: string;
  lexemes: string[];
  correctedTo: string[] | null;
}
