import type { MoneyDto as Money } from "@atelier/contracts";

/** Text for HTML content and double-quoted attribute values: the five characters that matter. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
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
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** The first `max` characters of a text on one line, cut at a word with an ellipsis. */
export function summary(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "€12.50": money for people (formatters are built once per currency; building one is slow). */
export function formatMoney(amount: Money): string {
  let formatter = formatters.get(amount.currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-US", { style: "currency", currency: amount.currency });
    formatters.set(amount.currency, formatter);
  }
  return formatter.format(amount.amount / 100);
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
