import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SitePage } from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import { notFound } from "../../platform/errors";
import { SERVER_ROOT } from "../../platform/paths";
import { DEFAULT_TITLES, isSitePageSlug, pageTitle } from "./pages.models";

type Deps = Pick<AppDeps, "config">;

/** The default texts shipped with the server (apps/server/content). */
export const DEFAULT_CONTENT_DIR = path.join(SERVER_ROOT, "content");

/** Where an operator puts their own `<slug>.md`: `ATELIER_CONTENT_DIR`, else `<data dir>/content`. */
export function operatorContentDir(config: Deps["config"]): string {
  return config.contentDir ?? path.join(config.dataDir, "content");
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * One of the site's pages: the operator's file when there is one, else the shipped default. Read on
 * every request (they are small and rarely asked for), so a replaced file shows without a restart.
 * Only the known slugs are ever turned into a file name.
 */
export async function getSitePage(deps: Deps, { slug }: { slug: string }): Promise<SitePage> {
  if (!isSitePageSlug(slug)) throw notFound("page");
  const own = await readIfExists(path.join(operatorContentDir(deps.config), `${slug}.md`));
  const markdown = own ?? (await readFile(path.join(DEFAULT_CONTENT_DIR, `${slug}.md`), "utf8"));
  return {
    slug,
    title: pageTitle(markdown, DEFAULT_TITLES[slug]),
    markdown,
    source: own === undefined ? "default" : "operator",
  };
}
