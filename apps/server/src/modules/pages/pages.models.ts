import { SITE_PAGE_SLUGS, type SitePageSlug } from "@atelier/contracts";

/** Whether a path segment names one of the site's pages (only these names ever reach the disk). */
export function isSitePageSlug(slug: string): slug is SitePageSlug {
  return (SITE_PAGE_SLUGS as readonly string[]).includes(slug);
}

/** A page's title: its first level-one heading, else the fallback. */
export function pageTitle(markdown: string, fallback: string): string {
  for (const line of markdown.split(/\r?\n/)) {
    const match = /^#\s+(.+?)\s*#*\s*$/.exec(line);
    if (match?.[1]) return match[1];
  }
  return fallback;
}

export const DEFAULT_TITLES: Record<SitePageSlug, string> = {
  terms: "Terms of Service",
  privacy: "Privacy Policy",
  help: "Help",
};
