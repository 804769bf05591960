import { describe, expect, it } from "vitest";
import { briefTiers, briefWords, selectTerms, type BriefTerm } from "./search.candidates";

const term = (word: string, documents: number, inTitle = false): BriefTerm => ({
  term: { word, lexemes: [word], correctedTo: null },
  inTitle,
  documents,
});
const words = (tier: { terms: BriefTerm[] }) => tier.terms.map((t) => t.term.word).sort();

describe("a brief's words", () => {
  it("puts the title's first, drops filler, numbers and repeats, splits unknown hyphenated words", () => {
    const out = briefWords(
      "Minimalist logo for Zenvaquil",
      "Hi! I need a logo-design for our bakery, ideally done within 5 days. E-commerce too.",
      (w) => w === "e-commerce",
    );
    expect(out).toEqual([
      { word: "minimalist", inTitle: true },
      { word: "logo", inTitle: true },
      { word: "zenvaquil", inTitle: true },
      { word: "hi", inTitle: false },
      { word: "design", inTitle: false },
      { word: "bakery", inTitle: false },
      { word: "ideally", inTitle: false },
      { word: "done", inTitle: false },
      { word: "within", inTitle: false },
      { word: "days", inTitle: false },
      { word: "e-commerce", inTitle: false },
      { word: "too", inTitle: false },
    ]);
  });
});

describe("the words the tiers use", () => {
  it("leaves out words no gig has and near-universal ones; title words first, then the rarest", () => {
    const chosen = selectTerms(
      [
        term("zenvaquil", 0, true),
        term("logo", 60_000, true),
        term("minimalist", 15_000, true),
        term("design", 210_000),
        term("bakery", 17_000),
        term("hello", 9_000),
        term("illustrator", 40_000),
        term("friday", 3_000),
        term("audience", 30_000),
      ],
      1_000_000,
    );
    // Not zenvaquil (no gig), not design (21 %); title words, then the three rarest; rarest first.
    expect(chosen.map((t) => t.term.word)).toEqual(["friday", "hello", "minimalist", "bakery", "logo"]);
  });

  it("keeps every word of a small catalogue, and the least common when all are near-universal", () => {
    expect(
      selectTerms([term("wine", 30, true), term("label", 40, true)], 60).map((t) => t.term.word),
    ).toEqual(["wine", "label"]);
    expect(
      selectTerms([term("logo", 300_000, true), term("design", 400_000, true)], 1_000_000).map(
        (t) => t.term.word,
      ),
    ).toEqual(["logo"]);
  });
});

describe("tiers", () => {
  it("asks for every word first, title words weighing double, the most specific first among equals", () => {
    const tiers = briefTiers(
      [term("bakery", 17_000), term("minimalist", 15_000, true), term("logo", 60_000, true)],
      1_000_000,
    );
    expect(tiers.map(words)).toEqual([
      ["bakery", "logo", "minimalist"],
      ["logo", "minimalist"],
      ["bakery", "minimalist"],
      ["bakery", "logo"],
      ["minimalist"],
      ["logo"],
      ["bakery"],
    ]);
  });

  it("skips sets of words that would almost surely match nothing, but never a single word", () => {
    const tiers = briefTiers(
      [term("solva", 5, true), term("technical", 9_000, true), term("seo", 63_000, true)],
      1_000_000,
    );
    // All three: 0.003 documents expected, not asked; with two words the name may still be a seller's.
    expect(tiers.map(words)).toEqual([
      ["solva", "technical"],
      ["seo", "solva"],
      ["seo", "technical"],
      ["solva"],
      ["technical"],
      ["seo"],
    ]);
  });
});
