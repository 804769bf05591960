/**
 * Pure rules of the order documents (invoice, evidence pack): invoice numbers, text the PDF's
 * standard fonts can show, and line wrapping. No I/O.
 */

/** An invoice's printed number: `INV-000042`. The number itself is the order_invoices row's. */
export function invoiceLabel(number: number): string {
  return `INV-${String(number).padStart(6, "0")}`;
}

/** Characters with a WinAnsi lookalike (the standard fonts cannot show the originals). */
const LOOKALIKES: Record<string, string> = {
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2212": "-",
  "\u2032": "'",
  "\u2033": '"',
  "\u2002": " ",
  "\u2003": " ",
  "\u2009": " ",
  "\u202f": " ",
  "\u200b": "",
  "\ufeff": "",
};

/** What stands in for a character the font cannot encode. */
export const REPLACEMENT = "?";

/**
 * `text` as the standard PDF fonts (WinAnsi) can draw it: `charset` holds the code points the font
 * encodes. Tabs become spaces and other control characters go; a letter outside the set is tried
 * without its accents (ő → o); anything else (emoji, CJK) becomes "?". `replaced` counts those, so
 * the document can say that its text differs from the original.
 */
export function toWinAnsi(text: string, charset: ReadonlySet<number>): { text: string; replaced: number } {
  let out = "";
  let replaced = 0;
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\t") out += "    ";
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else if (charset.has(code)) out += ch;
    else if (ch in LOOKALIKES) out += LOOKALIKES[ch];
    else {
      const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
      const baseCode = base.codePointAt(0);
      if (base.length === 1 && baseCode !== undefined && charset.has(baseCode)) out += base;
      else {
        out += REPLACEMENT;
        replaced += 1;
      }
    }
  }
  return { text: out, replaced };
}

/**
 * Breaks one paragraph (no newlines) into lines no wider than `maxWidth`, at spaces where it can;
 * a word wider than a line (a hash, a signature, a URL) is cut wherever it must be.
 */
export function wrapParagraph(text: string, maxWidth: number, widthOf: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = "";
  // Widths add up word by word (each measured once), so a long paragraph costs what its words do.
  let lineWidth = 0;
  const space = widthOf(" ");
  for (const word of text.split(" ")) {
    const wordWidth = widthOf(word);
    const candidate = line === "" ? wordWidth : lineWidth + space + wordWidth;
    if (candidate <= maxWidth) {
      line = line === "" ? word : `${line} ${word}`;
      lineWidth = candidate;
      continue;
    }
    if (line !== "") lines.push(line);
    let rest = word;
    while (widthOf(rest) > maxWidth) {
      let cut = rest.length - 1;
      while (cut > 1 && widthOf(rest.slice(0, cut)) > maxWidth) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
    lineWidth = widthOf(rest);
  }
  lines.push(line);
  return lines;
}

/** Every line of `text` (which may hold newlines), wrapped to `maxWidth`. */
export function wrapText(text: string, maxWidth: number, widthOf: (s: string) => number): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .flatMap((paragraph) => wrapParagraph(paragraph, maxWidth, widthOf));
}

/** `resolve_complete` → "Resolve complete". */
export function humanize(kind: string): string {
  const words = kind.replace(/[_.]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The timeline events that mean the buyer's money went to the seller (the order was accepted). */
export const ACCEPTANCE_EVENTS: ReadonlySet<string> = new Set([
  "accept",
  "auto_complete",
  "resolve_complete",
  "resolve_split",
]);
