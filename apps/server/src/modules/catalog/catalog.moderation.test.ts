import { describe, expect, it } from "vitest";
import {
  findProhibitedTerm,
  foldText,
  moderate,
  moderationDigest,
  type ModeratedText,
} from "./catalog.moderation";

const TERMS = ["fake reviews", "fake id", "adult content"];
const content = (
  title: string,
  description = "A plain description.",
  tags: string[] = [],
  more: Partial<ModeratedText> = {},
): ModeratedText => ({
  title,
  description,
  tags,
  packages: [{ name: "Basic", description: "One logo", features: ["PNG"] }],
  extras: [{ title: "Fast delivery" }],
  faq: [{ question: "Refunds?", answer: "Before the work starts." }],
  requirements: [{ question: "Your brand?", choices: ["Modern", "Vintage"] }],
  ...more,
});

describe("foldText", () => {
  it("lower-cases, applies NFKC and collapses everything but letters and digits to single spaces", () => {
    expect(foldText("Fake-Reviews!")).toBe(" fake reviews ");
    expect(foldText("ＦＡＫＥ　ｒｅｖｉｅｗｓ")).toBe(" fake reviews "); // full-width
    expect(foldText("𝐟𝐚𝐤𝐞 𝐫𝐞𝐯𝐢𝐞𝐰𝐬")).toBe(" fake reviews "); // mathematical bold
    expect(foldText("  ")).toBe("  ");
  });

  it("removes soft hyphens, zero-width characters and bidi controls instead of splitting words", () => {
    expect(foldText("fa\u00ADke re\u200Bvi\u200Cews\u200D")).toBe(" fake reviews ");
    expect(foldText("f\u2060a\uFEFFk\u202Ee")).toBe(" fake ");
  });

  it("maps Cyrillic, Greek and small-capital look-alikes to the Latin letter", () => {
    expect(foldText("f\u0430ke r\u0435vi\u0435ws")).toBe(" fake reviews "); // Cyrillic а, е
    expect(foldText("FАKЕ")).toBe(" fake "); // Cyrillic capitals А, Е
    expect(foldText("fακe")).toBe(" fake "); // Greek alpha, kappa
    expect(foldText("ꜰᴀᴋᴇ ʀᴇᴠɪᴇᴡꜱ")).toBe(" fake reviews "); // small capitals
  });

  it("drops accents and strike-through marks on Latin letters, keeps other scripts' marks", () => {
    expect(foldText("fåké rëviews")).toBe(" fake reviews ");
    expect(foldText("f\u0336a\u0336k\u0336e\u0336")).toBe(" fake ");
    expect(foldText("हिंदी")).toBe(" हिंदी ");
  });

  it("reads leetspeak digits as letters: 0→o 1→i 3→e 4→a 5→s 7→t, @→a, $→s", () => {
    expect(foldText("f4k3 r3v13w5")).toBe(" fake reviews ");
    expect(foldText("0173")).toBe(" oite ");
    expect(foldText("f@ke $pam")).toBe(" fake spam ");
  });
});

describe("findProhibitedTerm", () => {
  it("finds whole words and phrases case-insensitively, across punctuation", () => {
    expect(findProhibitedTerm(TERMS, content("Get FAKE-REVIEWS today"))).toEqual({
      term: "fake reviews",
      field: "title",
    });
    expect(findProhibitedTerm(TERMS, content("Clean", "I sell a fake\nid.", []))).toEqual({
      term: "fake id",
      field: "description",
    });
    expect(findProhibitedTerm(TERMS, content("Clean", "Clean", ["adult content"]))?.field).toBe("tags");
  });

  it("ignores words that merely contain a term", () => {
    expect(findProhibitedTerm(TERMS, content("A fake idea", "fake reviewsy adultcontent"))).toBeUndefined();
  });

  it("never matches a phrase across two fields or two tags", () => {
    expect(
      findProhibitedTerm(TERMS, content("I sell a fake", "id cards are not here", ["fake", "id"])),
    ).toBeUndefined();
  });

  it("sees through look-alike letters, digit swaps and invisible characters", () => {
    for (const title of [
      "I write f\u0430ke reviews",
      "I write f4k3 r3v13w5",
      "I write fa\u00ADke re\u200Bviews",
    ]) {
      expect(findProhibitedTerm(TERMS, content(title)), title).toEqual({
        term: "fake reviews",
        field: "title",
      });
    }
  });

  it("checks packages, extras, FAQ and requirements too, naming the field", () => {
    const cases: [Partial<ModeratedText>, string][] = [
      [{ packages: [{ name: "Basic", description: "Ten fake reviews" }] }, "packages"],
      [{ packages: [{ name: "Basic", description: "Ten", features: ["fake id scan"] }] }, "packages"],
      [{ extras: [{ title: "Add a fake ID" }] }, "extras"],
      [{ faq: [{ question: "Adult content?", answer: "Yes." }] }, "faq"],
      [{ faq: [{ question: "Refunds?", answer: "Fake reviews too." }] }, "faq"],
      [{ requirements: [{ question: "Which?", choices: ["fake reviews", "none"] }] }, "requirements"],
    ];
    for (const [more, field] of cases) {
      expect(findProhibitedTerm(TERMS, content("Clean", "Clean", [], more))?.field, field).toBe(field);
    }
  });
});

describe("moderate", () => {
  it("holds hits unless an admin cleared exactly this text", () => {
    const text = content("I write fake reviews");
    expect(moderate(TERMS, text, null)).toEqual({
      status: "pending_review",
      reason: expect.stringContaining("fake reviews"),
    });
    expect(moderate(TERMS, text, moderationDigest(text))).toEqual({ status: "active", reason: null });
    expect(moderate(TERMS, content("I write fake reviews!"), moderationDigest(text)).status).toBe(
      "pending_review",
    );
    expect(moderate(TERMS, content("I write honest copy"), null).status).toBe("active");
  });

  it("a clearance covers every field: a term added to the FAQ after approval is held again", () => {
    const text = content("I write fake reviews");
    const later = content("I write fake reviews", undefined, [], {
      faq: [{ question: "Fake ID?", answer: "Yes." }],
    });
    expect(moderate(TERMS, later, moderationDigest(text)).status).toBe("pending_review");
  });
});
