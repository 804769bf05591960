import type { MoneyDto as Money } from "@atelier/contracts";

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIALS = /[&<>"']/g;

/** Text for HTML content and double-quoted attribute values: the five characters that matter. */
export function escapeHtml(text: string): string {
  // Most texts hold none of them: a test is cheaper than a replace that finds nothing.
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (c) => ENTITIES[c] ?? c) : text;
}
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` as `\u` escapes, so no
 * value can close the script element or open a comment, and the line separators JavaScript dislikes.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  return SCRIPT_SPECIAL.test(json) ? json.replace(SCRIPT_SPECIALS, (c) => SCRIPT_ESCAPES[c] ?? c) : json;
}
const SCRIPT_SPECIAL = /[<>&\u2028\u2029]/;
const SCRIPT_SPECIALS = /[<>&\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** The first `max` characters of a text on one line, cut at a word with an ellipsis. */
export function summary(text: string, max = 160): string {
  return cutSummary(oneLine(text), max);
}

/** A text on one line: runs of white space as one space, none at the ends. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** `summary` of a text already on one line (`oneLine`), for several summaries of one text. */
export function cutSummary(flat: string, max: number): string {
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const formatters = new Map<string, Intl.NumberFormat>();
/** Amounts formatted so far, by currency and amount: prices repeat, and formatting one is slow. */
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 10_000;

/** "€12.50": money for people (formatters are built once per currency; building one is slow). */
export function formatMoney(amount: Money): string {
  const key = `${amount.currency} ${amount.amount}`;
  let text = formatted.get(key);
  if (text !== undefined) return text;
  let formatter = formatters.get(amount.currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: amount.currency });
    formatters.set(amount.currency, formatter);
  }
  text = formatter.format(amount.amount / 100);
  if (formatted.size >= FORMATTED_KEPT) formatted.clear();
  formatted.set(key, text);
  return text;
}

/** "12.50": money for machines (schema.org prices are decimal strings). */
export function decimalPrice(amount: Money): string {
  return (amount.amount / 100).toFixed(2);
}

/** Paragraphs of plain text (blank-line separated) as escaped `<p>` elements. */
export function paragraphs(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join("");
}

/** What a public page puts in `<head>`. */
export interface PageHead {
  title: string;
  description: string;
  /** Absolute address of the page's one true URL. */
  canonical: string;
  /** Open Graph type: `website`, `product`, `profile`. */
  ogType: string;
  image?: string | null | undefined;
  /** Schema.org documents, one JSON-LD block each. */
  jsonLd: unknown[];
}

/** The head tags of a public page, every value escaped. */
export function renderHead(head: PageHead): string {
  const title = escapeHtml(head.title);
  const description = escapeHtml(head.description);
  const canonical = escapeHtml(head.canonical);
  const tags = [
    `<title>${title}</title>`,
    `<meta name="description" content="${description}" />`,
    `<link rel="canonical" href="${canonical}" />`,
    `<meta property="og:site_name" content="Atelier" />`,
    `<meta property="og:type" content="${escapeHtml(head.ogType)}" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta property="og:url" content="${canonical}" />`,
    `<meta name="twitter:card" content="${head.image ? "summary_large_image" : "summary"}" />`,
  ];
  if (head.image) tags.push(`<meta property="og:image" content="${escapeHtml(head.image)}" />`);
  for (const doc of head.jsonLd)
    tags.push(`<script type="application/ld+json">${jsonForScript(doc)}</script>`);
  return tags.join("\n    ") + "\n  ";
}
