import type { AppDeps } from "../../platform/deps";
import { AppError } from "../../platform/errors";
import {
  countPublicPages,
  getCategory,
  getGig,
  getGigPageView,
  listCategories,
  listCategoryGigs,
  listPublicGigs,
  listPublicSellers,
  listSellerGigs,
  type Viewer,
} from "../catalog/catalog.public";
import { getPublicProfile } from "../identity/identity.usecases";
import { sellerProfileFigures } from "../reputation/reputation.usecases";
import {
  categoryHref,
  categoryPage,
  gigHref,
  gigPage,
  profilePage,
  userHref,
  type RenderedPage,
} from "./seo.models";
import {
  shardCount,
  sitemapIndex,
  SITEMAP_SHARD_SIZE,
  urlSet,
  type ShardKind,
  type SitemapEntry,
} from "./seo.sitemap";

type Deps = Pick<AppDeps, "db" | "clock" | "config" | "events" | "state">;

/** What a search engine is: nobody signed in. Public pages show what anyone may see. */
const ANONYMOUS: Viewer = { userId: null, isAdmin: false };

/** How many gigs a profile or category page lists. */
const LISTED_GIGS = 24;

/** Absolute addresses (canonical links, sitemaps) start with the configured public address. */
const originOf = (deps: Pick<AppDeps, "config">) => deps.config.notifications.publicUrl;

/** A 404 from a use-case becomes "no page"; anything else stays an error. */
async function unlessNotFound<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return undefined;
    throw error;
  }
}

/** The public page of a gig at `/<username>/<slug>`; undefined when anyone would get a 404. */
export async function renderGigPage(
  deps: Deps,
  { username, slug }: { username: string; slug: string },
): Promise<RenderedPage | undefined> {
  const gig = await getGigPageView(deps, { username, slug });
  return gig && gigPage(gig, originOf(deps));
}

/**
 * Where an old `/gigs/<id>` address lives now; undefined when anyone would get a 404 (an owner's
 * draft included: the page is served as a 404 and the web app, signed in, finds the draft itself).
 */
export async function gigAddress(deps: Deps, { gigId }: { gigId: string }): Promise<string | undefined> {
  const gig = await unlessNotFound(getGig(deps, { gigId, viewer: ANONYMOUS }));
  return gig && gigHref(gig.seller.username, gig.slug);
}

/** A member's public profile page; undefined for unknown, suspended or deleted accounts. */
export async function renderProfilePage(deps: Deps, { username }: { username: string }) {
  const profile = await unlessNotFound(
    getPublicProfile(deps, { username, sellerFigures: (userId) => sellerProfileFigures(deps, userId) }),
  );
  if (!profile) return undefined;
  const gigs = profile.isSeller ? await listSellerGigs(deps, { username, limit: LISTED_GIGS }) : { data: [] };
  return profilePage(profile, gigs.data, originOf(deps));
}

/** A category's page; undefined for an unknown slug. */
export async function renderCategoryPage(deps: Deps, { slug }: { slug: string }) {
  const category = await unlessNotFound(getCategory(deps, { slug }));
  if (!category) return undefined;
  return categoryPage(category, await listCategoryGigs(deps, { slug, limit: LISTED_GIGS }), originOf(deps));
}

/** `/sitemap.xml`: the index of the shards, sized by what there is to list now. */
export async function renderSitemapIndex(deps: Deps, shardSize = SITEMAP_SHARD_SIZE): Promise<string> {
  const counts = await countPublicPages(deps);
  return sitemapIndex(originOf(deps), { gigs: counts.gigs, users: counts.sellers }, shardSize);
}

/** One shard (`/sitemap-<kind>-<n>.xml`, n from 1); undefined past the last one. */
export async function renderSitemapShard(
  deps: Deps,
  { kind, n }: { kind: ShardKind; n: number },
  shardSize = SITEMAP_SHARD_SIZE,
): Promise<string | undefined> {
  const page = { offset: (n - 1) * shardSize, limit: shardSize };
  let entries: SitemapEntry[];
  if (kind === "pages") {
    if (n !== 1) return undefined;
    const tree = await listCategories(deps);
    const slugs = tree.flatMap((c) => [c.slug, ...c.children.map((child) => child.slug)]);
    entries = [{ path: "/" }, ...slugs.map((slug) => ({ path: categoryHref(slug) }))];
  } else {
    const counts = await countPublicPages(deps);
    if (n > shardCount(kind === "gigs" ? counts.gigs : counts.sellers, shardSize)) return undefined;
    entries =
      kind === "gigs"
        ? (await listPublicGigs(deps, page)).map((g) => ({
            path: gigHref(g.username, g.slug),
            updatedAt: g.updatedAt,
          }))
        : (await listPublicSellers(deps, page)).map((s) => ({
            path: userHref(s.username),
            updatedAt: s.updatedAt,
          }));
  }
  return urlSet(originOf(deps), entries);
}
