import { sha256Hex } from "../../platform/ids";

// Moderation of a gig's text against the prohibited-services list (docs/catalog.md, "Prohibited
// services"). Pure: no I/O.

/** Every text a seller writes on a gig; each one is checked. */
export interface ModeratedText {
  title: string;
  description: string;
  tags: readonly string[];
  packages: readonly { name: string; description: string; features?: readonly string[] }[];
  extras: readonly { title: string }[];
  faq: readonly { question: string; answer: string }[];
  requirements: readonly { question: string; choices?: readonly string[] }[];
}

export type ModeratedField =
  "title" | "description" | "tags" | "packages" | "extras" | "faq" | "requirements";

/** Format characters (soft hyphen, zero-width space/joiners, word joiner, BOM, bidi controls) and fillers. */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/gu;

/** Combining marks on a Latin, Greek or Cyrillic letter ("fåke", "f̶a̶k̶e̶"); other scripts keep theirs. */
const MARKS_ON_LOOKALIKE_SCRIPTS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

/**
 * Letters that look like a lower-case Latin letter, after NFKC and lower-casing (NFKC already folds
 * full-width, mathematical and circled letters). Cyrillic and Greek look-alikes and Latin small
 * capitals; a short list of the ones that pass for Latin in running text, not Unicode's whole
 * confusables table.
 */
// prettier-ignore
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a", в: "b", г: "r", е: "e", к: "k", м: "m", н: "h", о: "o", п: "n", р: "p", с: "c", т: "t",
  у: "y", х: "x", ь: "b", ѕ: "s", і: "i", ј: "j", ԁ: "d", ӏ: "l", ү: "y", һ: "h", ԛ: "q", ԝ: "w",
  // Greek
  α: "a", β: "b", γ: "y", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u",
  χ: "x", ω: "w", ϲ: "c",
  // Latin look-alikes NFKC leaves alone
  ı: "i", ȷ: "j", ł: "l", ø: "o", đ: "d", ħ: "h", ŧ: "t",
  ᴀ: "a", ꜰ: "f", ʙ: "b", ᴄ: "c", ᴅ: "d", ᴇ: "e", ɢ: "g", ʜ: "h", ɪ: "i", ᴊ: "j", ᴋ: "k", ʟ: "l", ᴍ: "m",
  ɴ: "n", ᴏ: "o", ᴘ: "p", ʀ: "r", ꜱ: "s", ᴛ: "t", ᴜ: "u", ᴠ: "v", ᴡ: "w", ʏ: "y", ᴢ: "z",
};

/** Digits and signs written for letters ("f4k3 r3v13w5", "$pam"). */
// prettier-ignore
const LEET: Readonly<Record<string, string>> = {
  "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s",
};

/**
 * The form in which text and terms are compared: NFKC; invisible characters removed; accents on
 * Latin, Greek and Cyrillic letters dropped; lower case; look-alike letters and leetspeak digits
 * mapped to the Latin letter they imitate; every run of characters other than letters, marks and
 * digits made one space; padded with a space at both ends for whole-word search. Text and term are
 * folded alike, so a term written with digits or in another script still finds itself.
 */
export function foldText(text: string): string {
  const plain = text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .normalize("NFD")
    .replace(MARKS_ON_LOOKALIKE_SCRIPTS, "$1")
    .normalize("NFC")
    .toLowerCase();
  let mapped = "";
  for (const ch of plain) mapped += CONFUSABLES[ch] ?? LEET[ch] ?? ch;
  return ` ${mapped.replace(/[^\p{L}\p{M}\p{N}]+/gu, " ").trim()} `;
}

/** Each field's texts, one entry per text so a phrase never spans two of them. */
function fieldTexts(content: ModeratedText): { field: ModeratedField; texts: string[] }[] {
  return [
    { field: "title", texts: [content.title] },
    { field: "description", texts: [content.description] },
    { field: "tags", texts: [...content.tags] },
    {
      field: "packages",
      texts: content.packages.flatMap((p) => [p.name, p.description, ...(p.features ?? [])]),
    },
    { field: "extras", texts: content.extras.map((e) => e.title) },
    { field: "faq", texts: content.faq.flatMap((f) => [f.question, f.answer]) },
    {
      field: "requirements",
      texts: content.requirements.flatMap((r) => [r.question, ...(r.choices ?? [])]),
    },
  ];
}

/**
 * The first prohibited term (in list order) that any text of the gig contains as a whole word or
 * phrase, compared in folded form (`foldText`): "Fake-Reviews!", "fаke reviews" with a Cyrillic а,
 * "f4ke rev1ews" and "fa\u00ADke reviews" all hit "fake reviews"; "fake reviewsly" does not. Texts
 * are searched one by one so a phrase never spans the end of one and the start of the next.
 */
export function findProhibitedTerm(
  terms: readonly string[],
  content: ModeratedText,
): { term: string; field: ModeratedField } | undefined {
  const fields = fieldTexts(content).map(({ field, texts }) => ({ field, texts: texts.map(foldText) }));
  for (const term of terms) {
    const needle = foldText(term);
    if (needle.trim() === "") continue;
    for (const { field, texts } of fields) {
      if (texts.some((t) => t.includes(needle))) return { term, field };
    }
  }
  return undefined;
}

const FIELD_LABELS: Record<ModeratedField, string> = {
  title: "title",
  description: "description",
  tags: "tags",
  packages: "packages",
  extras: "extras",
  faq: "FAQ",
  requirements: "requirements",
};

export function moderationReason(hit: { term: string; field: ModeratedField }): string {
  return `The gig mentions the prohibited service "${hit.term}" in its ${FIELD_LABELS[hit.field]}; an admin will review the gig.`;
}

/** A digest of all the moderated text: an admin's approval covers exactly this text. */
export function moderationDigest(content: ModeratedText): string {
  return sha256Hex(JSON.stringify(fieldTexts(content).map(({ texts }) => texts)));
}

/**
 * What moderation makes of a gig about to go live: `active`, or `pending_review` with the reason
 * when its text hits the list and is not the text an admin already cleared.
 */
export function moderate(
  terms: readonly string[],
  content: ModeratedText,
  clearedDigest: string | null,
): { status: "active"; reason: null } | { status: "pending_review"; reason: string } {
  const hit = findProhibitedTerm(terms, content);
  if (!hit || clearedDigest === moderationDigest(content)) return { status: "active", reason: null };
  return { status: "pending_review", reason: moderationReason(hit) };
}
