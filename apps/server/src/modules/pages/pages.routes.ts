import { SitePageParamsSchema, SitePageSchema } from "@atelier/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppDeps } from "../../platform/deps";
import { getSitePage } from "./pages.usecases";

/** The site's Terms, Privacy and Help pages, as Markdown the web app renders. */
export function pagesRoutes(deps: Pick<AppDeps, "config">) {
  return (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      "/api/pages/:slug",
      {
        schema: {
          operationId: "getSitePage",
          tags: ["pages"],
          params: SitePageParamsSchema,
          response: { 200: SitePageSchema },
        },
      },
      async (request) => getSitePage(deps, { slug: request.params.slug }),
    );
  };
}
