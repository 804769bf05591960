import { escapeHtml } from "./seo.html";

/** The sitemap protocol's limit of addresses per file. */
export const SITEMAP_SHARD_SIZE = 50_000;

/** The kinds of sitemap shard, each `/sitemap-<kind>-<n>.xml`. */
export const SHARD_KINDS = ["pages", "gigs", "users"] as const;
export type ShardKind = (typeof SHARD_KINDS)[number];

export interface SitemapEntry {
  path: string;
  updatedAt?: Date | undefined;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

/** How many shards `count` addresses need (at least one, so a kind's first shard always exists). */
export function shardCount(count: number, shardSize = SITEMAP_SHARD_SIZE): number {
  return Math.max(1, Math.ceil(count / shardSize));
}

/** The sitemap index: one `pages` shard (home, categories) and as many gig and seller shards as needed. */
export function sitemapIndex(
  origin: string,
  counts: { gigs: number; users: number },
  shardSize = SITEMAP_SHARD_SIZE,
) {
  const shards: string[] = ["/sitemap-pages-1.xml"];
  for (const kind of ["gigs", "users"] as const) {
    for (let n = 1; n <= shardCount(counts[kind], shardSize); n++) shards.push(`/sitemap-${kind}-${n}.xml`);
  }
  const items = shards.map((path) => `<sitemap><loc>${escapeHtml(origin + path)}</loc></sitemap>`);
  return `${XML_HEAD}<sitemapindex ${NS}>\n${items.join("\n")}\n</sitemapindex>\n`;
}

/** One shard: a `<urlset>` of absolute addresses with their last change. */
export function urlSet(origin: string, entries: readonly SitemapEntry[]): string {
  const items = entries.map(
    (e) =>
      `<url><loc>${escapeHtml(origin + e.path)}</loc>` +
      (e.updatedAt ? `<lastmod>${e.updatedAt.toISOString()}</lastmod>` : "") +
      `</url>`,
  );
  return `${XML_HEAD}<urlset ${NS}>\n${items.join("\n")}\n</urlset>\n`;
}

/**
 * robots.txt: public pages are open; the API, private areas and the search page (endless filter
 * combinations of the same gigs) are not crawled.
 */
export function robotsTxt(origin: string): string {
  return [
    "User-agent: *",
    "Disallow: /api/",
    "Disallow: /search",
    "Disallow: /settings/",
    "Disallow: /seller/",
    "Disallow: /admin/",
    "Disallow: /orders",
    "Disallow: /inbox",
    "Disallow: /wallet",
    "Disallow: /checkout",
    "Allow: /",
    "",
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
}
