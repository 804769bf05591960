import type { Gig, GigCard } from "@atelier/contracts";
import type { AppDeps } from "../../platform/deps";
import { createLoader } from "../../platform/batcher";
import { shownRules } from "../../platform/settings";
import { fileUrl } from "../files/files.public";
import { gigNotFound } from "./catalog.errors";
import {
  canView,
  toGig,
  toGigCard,
  toGigPageView,
  type FileUrls,
  type GigPageView,
  type Viewer,
} from "./catalog.models";
import { createCatalogRepository, type GigPageRow, type GigViewRow } from "./catalog.repository";

type Deps = Pick<AppDeps, "db" | "config" | "state">;

const FILE_URLS: FileUrls = { url: (id, variant) => fileUrl(id, variant) };

/** A public gig's address parts, with when it last changed (for the sitemap). */
export interface PublicGigRef {
  username: string;
  slug: string;
  updatedAt: Date;
}

/** A seller with a public gig, with when their latest public gig changed (for the sitemap). */
export interface PublicSellerRef {
  username: string;
  updatedAt: Date;
}

// NUL cannot reach a parameter (a URL holding %00 is refused), so it cannot blur two addresses.
const addressKey = (username: string, slug: string) => `${username}\u0000${slug}`;

/**
 * The catalog's per-app state: gig pages are read by address, and the reads of one moment share one
 * statement (a crawler or a link shared widely asks for many at once).
 */
export function createCatalogState(deps: Pick<AppDeps, "db">) {
  const repo = createCatalogRepository(deps.db);
  const byAddress = <R extends { seller_username: string; slug: string }>(
    find: (usernames: string[], slugs: string[]) => Promise<R[]>,
  ) =>
    createLoader<R>(async (keys) => {
      const pairs = keys.map((k) => k.split("\u0000"));
      const rows = await find(
        pairs.map((p) => p[0] ?? ""),
        pairs.map((p) => p[1] ?? ""),
      );
      return new Map(rows.map((r) => [addressKey(r.seller_username, r.slug), r]));
    });
  return {
    /** The API's gig by address: the whole gig, any status (the owner and admins see more). */
    addressLoader: byAddress<GigViewRow>(repo.findViewsBySellerSlugs),
    /** The public page's gig by address: what the page shows, of gigs anyone may see. */
    pageLoader: byAddress<GigPageRow>(repo.findPagesBySellerSlugs),
  };
}

declare module "../../platform/deps" {
  interface AppState {
    catalog: ReturnType<typeof createCatalogState>;
  }
}

/**
 * A gig by its public address `/<username>/<slug>`, as the viewer may see it: the same rule as
 * `getGig` (active gigs of sellers in good standing for everyone; any status for the owner and admins).
 */
export async function getGigBySellerSlug(
  deps: Deps,
  { username, slug, viewer }: { username: string; slug: string; viewer: Viewer },
): Promise<Gig> {
  const row = await deps.state.catalog.addressLoader(addressKey(username, slug));
  if (!row || !canView(viewer, row, row.seller_suspended_at !== null)) throw gigNotFound();
  return toGig(row, viewer, FILE_URLS, (await shownRules(deps)).fees);
}

/**
 * What the public page of the gig at `/<username>/<slug>` shows, as anyone sees it (the page is for
 * nobody signed in); undefined where anyone would get a 404. The same values as `getGigBySellerSlug`
 * for an anonymous viewer, from a read of only what the page shows.
 */
export async function getGigPageView(
  deps: Deps,
  { username, slug }: { username: string; slug: string },
): Promise<GigPageView | undefined> {
  const row = await deps.state.catalog.pageLoader(addressKey(username, slug));
  return row && toGigPageView(row, FILE_URLS, (await shownRules(deps)).fees);
}

/** Up to `limit` public gigs of a category (or of its subcategories), most ordered first. */
export async function listCategoryGigs(
  deps: Deps,
  { slug, limit }: { slug: string; limit: number },
): Promise<GigCard[]> {
  const rows = await createCatalogRepository(deps.db).listActiveInCategory(slug, limit);
  const { fees } = await shownRules(deps);
  return rows.map((row) => toGigCard(row, FILE_URLS, fees));
}

/** How many public gigs and sellers there are, to size the sitemap's shards. */
export async function countPublicPages(
  deps: Pick<AppDeps, "db">,
): Promise<{ gigs: number; sellers: number }> {
  const repo = createCatalogRepository(deps.db);
  const [gigs, sellers] = await Promise.all([repo.countPublicGigs(), repo.countPublicSellers()]);
  return { gigs, sellers };
}

/** One slice of the public gigs, in a stable order (the gig id). */
export async function listPublicGigs(
  deps: Pick<AppDeps, "db">,
  { offset, limit }: { offset: number; limit: number },
): Promise<PublicGigRef[]> {
  const rows = await createCatalogRepository(deps.db).listPublicGigPaths(offset, limit);
  return rows.map((r) => ({ username: r.username, slug: r.slug, updatedAt: r.updated_at }));
}

/** One slice of the sellers with a public gig, in a stable order (the user id). */
export async function listPublicSellers(
  deps: Pick<AppDeps, "db">,
  { offset, limit }: { offset: number; limit: number },
): Promise<PublicSellerRef[]> {
  const rows = await createCatalogRepository(deps.db).listPublicSellerPaths(offset, limit);
  return rows.map((r) => ({ username: r.username, updatedAt: r.updated_at }));
}
