import { SitePageSchema, type SitePageSlug } from "@atelier/contracts";
import { useQuery } from "@tanstack/react-query";
import { PageErrorState } from "../components/ErrorState";
import { Markdown } from "../components/Markdown";
import { PageSkeleton } from "../components/Skeleton";
import { api, read } from "../lib/api";
import { usePageTitle } from "../lib/usePageTitle";

const FALLBACK_TITLES: Record<SitePageSlug, string> = {
  terms: "Terms of Service",
  privacy: "Privacy Policy",
  help: "Help",
};

/** `/terms`, `/privacy` and `/help`: Markdown the marketplace's operator may replace (GET /api/pages/:slug). */
export function SitePage({ slug }: { slug: SitePageSlug }) {
  const page = useQuery({
    queryKey: ["pages", slug],
    queryFn: ({ signal }) =>
      read(SitePageSchema, api.GET("/api/pages/{slug}", { params: { path: { slug } }, signal })),
    staleTime: 5 * 60_000,
  });
  usePageTitle(page.data?.title ?? FALLBACK_TITLES[slug]);

  if (page.isPending) return <PageSkeleton label={`Loading ${FALLBACK_TITLES[slug]}`} />;
  if (page.isError) return <PageErrorState title={`${FALLBACK_TITLES[slug]} couldn’t load`} query={page} />;
  return (
    <article className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <h1 className="font-display text-4xl font-semibold tracking-tight text-balance text-stone-900">
        {page.data.title}
      </h1>
      <div className="mt-6">
        <Markdown source={page.data.markdown} skipTitle />
      </div>
    </article>
  );
}
