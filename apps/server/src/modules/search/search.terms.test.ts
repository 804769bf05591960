import { describe, expect, it } from "vitest";
import { queryWords } from "./search.models";
import { expandWord, lookupWords } from "./search.terms";

const stems = new Map<string, string[]>([
  ["wp", ["wp"]],
  ["wordpress", ["wordpress"]],
  ["e-commerce", ["e-commerc", "e", "commerc"]],
  ["ecommerce", ["ecommerc"]],
  ["shop", ["shop"]],
  ["round", ["round"]],
  ["the", []],
]);
const synonyms = new Map([
  ["wp", ["wordpress"]],
  ["e-commerce", ["ecommerce", "shop"]],
]);
const english = (w: string) => w === "round";

describe("query words", () => {
  it("drop filler words before the cap, unless nothing else is left", () => {
    expect(queryWords("I need someone to quickly translate my website")).toEqual(["translate", "website"]);
    expect(queryWords("need someone")).toEqual(["need", "someone"]);
  });

  it("keep a hyphenated word whole only when asked to", () => {
    expect(queryWords("logo-design")).toEqual(["logo", "design"]);
    expect(queryWords("e-commerce store", (w) => w === "e-commerce")).toEqual(["e-commerce", "store"]);
  });
});

describe("expanding a word", () => {
  it("adds its synonyms' stems as alternatives and marks it real", () => {
    expect(lookupWords("wp", synonyms)).toEqual(["wp", "wordpress"]);
    expect(expandWord("wp", stems, synonyms, english)).toEqual({
      term: { word: "wp", lexemes: ["wp", "wordpress"], correctedTo: null },
      realWord: true,
    });
  });

  it("searches a hyphenated word as its compound and joined forms, not its parts", () => {
    const { term } = expandWord("e-commerce", stems, synonyms, english);
    expect(term.lexemes).toEqual(["e-commerc", "ecommerc", "shop"]);
  });

  it("knows English words (never corrected) and keeps stop words without stems", () => {
    expect(expandWord("round", stems, synonyms, english).realWord).toBe(true);
    expect(expandWord("the", stems, synonyms, english).term.lexemes).toEqual([]);
  });
});
