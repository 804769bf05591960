import { z } from "zod";

/** The site's own pages (Terms, Privacy, Help): Markdown an operator may replace. */
export const SITE_PAGE_SLUGS = ["terms", "privacy", "help"] as const;
export const SitePageSlugSchema = z.enum(SITE_PAGE_SLUGS);
export type SitePageSlug = z.infer<typeof SitePageSlugSchema>;

export const SitePageParamsSchema = z.strictObject({ slug: z.string().min(1).max(64) });

/** `GET /api/pages/:slug`: the page's title (its first `# ` heading) and its Markdown text. */
export const SitePageSchema = z.object({
  slug: SitePageSlugSchema,
  title: z.string(),
  markdown: z.string(),
  /** Where the text came from: the operator's file or the default shipped with the server. */
  source: z.enum(["operator", "default"]),
});
export type SitePage = z.infer<typeof SitePageSchema>;
