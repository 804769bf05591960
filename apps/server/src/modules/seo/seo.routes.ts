import type { FastifyInstance, FastifyReply } from "fastify";
import type { AppDeps } from "../../platform/deps";
import { APP_PATH_SEGMENTS } from "../../platform/app-paths";
import { notFound } from "../../platform/errors";
import { loadWebShell } from "../../platform/web-shell";
import { renderHead } from "./seo.html";
import type { RenderedPage } from "./seo.models";
import { SHARD_KINDS, robotsTxt, type ShardKind } from "./seo.sitemap";
import * as seo from "./seo.usecases";

/** Public pages change rarely; a minute in shared caches takes crawler bursts off the database. */
const PAGE_CACHE = "public, max-age=60";

const SHARD = /^(\w+)-([1-9]\d{0,5})\.xml$/;

const isShardKind = (kind: string): kind is ShardKind => (SHARD_KINDS as readonly string[]).includes(kind);

/**
 * The pages search engines read (API.md section 15): gigs at `/<username>/<slug>` (301 from
 * `/gigs/<id>`), profiles, categories — each the web app's `index.html` with the page's content,
 * title, description, canonical link, Open Graph tags and JSON-LD filled in — and the sitemap and
 * robots.txt. A page nobody may see is a 404 with the bare app (which shows its own not-found page,
 * or a signed-in owner's draft).
 */
export function seoRoutes(deps: AppDeps) {
  const shell = loadWebShell(deps.config.webDistDir);
  const notFoundPage = shell.render({
    head: '<title>Page not found | Atelier</title>\n    <meta name="robots" content="noindex" />\n  ',
    body: "",
  });

  const html = (reply: FastifyReply, page: RenderedPage | undefined) => {
    if (!page)
      return reply
        .code(404)
        .type("text/html; charset=utf-8")
        .header("Cache-Control", "no-cache")
        .send(notFoundPage);
    return reply
      .type("text/html; charset=utf-8")
      .header("Cache-Control", PAGE_CACHE)
      .send(shell.render({ head: renderHead(page.head), body: page.body }));
  };

  return (app: FastifyInstance) => {
    const hidden = { schema: { hide: true } };

    app.get<{ Params: { username: string; slug: string } }>(
      "/:username/:slug",
      hidden,
      async (request, reply) => {
        const { username, slug } = request.params;
        // Two-segment paths of the app itself (`/seller/gigs`, `/settings/tokens`) are its own pages.
        if (APP_PATH_SEGMENTS.has(username)) {
          if (username === "api" || !shell.built) throw notFound();
          return reply.type("text/html; charset=utf-8").header("Cache-Control", "no-cache").send(shell.raw);
        }
        return html(reply, await seo.renderGigPage(deps, { username, slug }));
      },
    );

    app.get<{ Params: { id: string } }>("/gigs/:id", hidden, async (request, reply) => {
      const address = await seo.gigAddress(deps, { gigId: request.params.id });
      if (address) return reply.redirect(address, 301);
      return html(reply, undefined);
    });

    app.get<{ Params: { username: string } }>("/users/:username", hidden, async (request, reply) =>
      html(reply, await seo.renderProfilePage(deps, { username: request.params.username })),
    );

    app.get<{ Params: { slug: string } }>("/categories/:slug", hidden, async (request, reply) =>
      html(reply, await seo.renderCategoryPage(deps, { slug: request.params.slug })),
    );

    app.get("/sitemap.xml", hidden, async (_request, reply) =>
      reply
        .type("application/xml; charset=utf-8")
        .header("Cache-Control", PAGE_CACHE)
        .send(await seo.renderSitemapIndex(deps)),
    );

    app.get<{ Params: { shard: string } }>("/sitemap-:shard", hidden, async (request, reply) => {
      const match = SHARD.exec(request.params.shard);
      const kind = match?.[1] ?? "";
      const xml =
        match && isShardKind(kind)
          ? await seo.renderSitemapShard(deps, { kind, n: Number(match[2]) })
          : undefined;
      if (xml === undefined) throw notFound("sitemap");
      return reply.type("application/xml; charset=utf-8").header("Cache-Control", PAGE_CACHE).send(xml);
    });

    app.get("/robots.txt", hidden, async (_request, reply) =>
      reply
        .type("text/plain; charset=utf-8")
        .header("Cache-Control", PAGE_CACHE)
        .send(robotsTxt(deps.config.notifications.publicUrl)),
    );
  };
}
