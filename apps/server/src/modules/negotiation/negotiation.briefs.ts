import {
  type Brief,
  type BriefFile,
  type CreateBriefBody,
  type CreateOfferBody,
  type Offer,
} from "@atelier/contracts";
import type { Queryable } from "../../db/client";
import { conflict, notFound, validationFailed } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { currentRules } from "../../platform/settings";
import { decodeCursor, TimeIdCursor, toPage, type Page } from "../../platform/pagination";
import { fileUrl, findOwnedFiles, linkFiles } from "../files/files.public";
import { isAdmin, type AuthUser } from "../identity/identity.public";
import { openInvitedConversation } from "../messaging/messaging.public";
import { briefCandidateGigs } from "../search/search.public";
import { searchGigs, type SearchDeps } from "../search/search.usecases";
import type { NegotiationDeps } from "./negotiation.deps";
import {
  BRIEF_CANDIDATES,
  BRIEF_SELLERS,
  rankMatches,
  toBrief,
  type MatchCandidate,
  toMatch,
  toOffer,
} from "./negotiation.models";
import { makeOffer } from "./negotiation.offers";
import { createNegotiationRepository, type BriefRow } from "./negotiation.repository";

type Viewer = Pick<AuthUser, "id" | "username" | "roles" | "isSeller">;

/**
 * The gigs that fit a brief, best first, from the search module's candidate search made for briefs
 * (`briefCandidateGigs`: the brief's most telling words in tiers, its category); without any word
 * match in a given category, the category's best-rated gigs. Kept out of the search log: nobody
 * typed it.
 */
export async function briefCandidates(
  search: SearchDeps,
  brief: { title: string; description: string; categorySlug: string | null },
): Promise<MatchCandidate[]> {
  const byWords = await briefCandidateGigs(search, { ...brief, limit: BRIEF_CANDIDATES });
  const category = brief.categorySlug ?? undefined;
  if (byWords.length > 0 || !category) return byWords;
  const query = { limit: BRIEF_CANDIDATES, category, sort: "rating" as const };
  return (await searchGigs(search, { query, userId: null, log: false })).data;
}

async function briefsWithDetails(
  deps: NegotiationDeps,
  q: Queryable,
  rows: readonly BriefRow[],
  sellerId: string | null,
): Promise<Brief[]> {
  const ids = rows.map((r) => r.id);
  const repo = createNegotiationRepository(q);
  const [matches, offers, files] = await Promise.all([
    repo.matchesOf(ids, sellerId),
    repo.offersOfBriefs(ids, sellerId),
    briefFiles(q, rows),
  ]);
  const now = deps.clock.now();
  const { fees } = await currentRules(deps, q);
  return rows.map((row) =>
    toBrief(
      row,
      matches.filter((m) => m.brief_id === row.id).map(toMatch),
      offers.filter((o) => o.brief_id === row.id).map((o) => toOffer(o, fees, now)),
      files,
    ),
  );
}

/** The files attached to briefs: each brief's are its buyer's own uploads (one lookup per buyer). */
async function briefFiles(q: Queryable, rows: readonly BriefRow[]): Promise<BriefFile[]> {
  const byBuyer = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.file_ids.length === 0) continue;
    const ids = byBuyer.get(row.buyer_id) ?? new Set<string>();
    for (const id of row.file_ids) ids.add(id);
    byBuyer.set(row.buyer_id, ids);
  }
  const found = await Promise.all([...byBuyer].map(([buyerId, ids]) => findOwnedFiles(q, buyerId, [...ids])));
  return found.flat().map((f) => ({
    id: f.id,
    name: f.name,
    size: f.size,
    contentType: f.contentType,
    url: fileUrl(f.id),
  }));
}

/** Finds the gigs that fit a brief, best first (the search engine; a naive plan in the benchmark). */
export type BriefCandidateFinder = (brief: {
  title: string;
  description: string;
  categorySlug: string | null;
}) => Promise<MatchCandidate[]>;

/**
 * A buyer's brief (`POST /api/briefs`): ranks the fitting gigs, keeps the best gig of each of up to
 * 20 sellers, and tells those sellers (in-app and by e-mail, through `brief.matched`).
 */
export async function createBrief(
  deps: NegotiationDeps,
  search: SearchDeps,
  p: { buyer: Viewer; body: CreateBriefBody },
  candidates: BriefCandidateFinder = (brief) => briefCandidates(search, brief),
): Promise<Brief> {
  const body = p.body;
  const fileIds = [...new Set(body.fileIds)];
  const found = await findOwnedFiles(deps.db, p.buyer.id, fileIds);
  const owned = new Set(found.map((f) => f.id));
  const files: BriefFile[] = found.map((f) => ({
    id: f.id,
    name: f.name,
    size: f.size,
    contentType: f.contentType,
    url: fileUrl(f.id),
  }));
  const notOwned = body.fileIds.flatMap((id, i) =>
    owned.has(id) ? [] : [{ path: `fileIds.${i}`, message: "is not a file you uploaded" }],
  );
  if (notOwned.length > 0) throw validationFailed(notOwned);

  const cards = await candidates({
    title: body.title,
    description: body.description,
    categorySlug: body.categorySlug ?? null,
  });
  // Who sells each gig, and when they were last active: one statement for all the candidates.
  const sellers =
    cards.length === 0
      ? []
      : await createNegotiationRepository(deps.db).sellersOfGigs(cards.map((c) => c.id));
  const sellerOf = new Map(sellers.map((r) => [r.gig_id, r.seller_id]));
  const now = deps.clock.now();
  const ranked = rankMatches(
    cards.filter((c) => sellerOf.has(c.id) && sellerOf.get(c.id) !== p.buyer.id),
    {
      budgetMax: body.budget?.max.amount ?? null,
      buyerUsername: p.buyer.username,
      limit: BRIEF_SELLERS,
      now,
      activeAt: new Map(sellers.map((r) => [r.gig_id, r.active_at])),
    },
  );
  const matches = ranked.flatMap((m) => {
    const sellerId = sellerOf.get(m.gigId);
    return sellerId ? [{ ...m, sellerId }] : [];
  });

  const id = newId("brf");
  // The brief as written; its view is built from it (no read back): open, without offers.
  const row: BriefRow = {
    id,
    buyer_id: p.buyer.id,
    buyer_username: p.buyer.username,
    title: body.title,
    description: body.description,
    category_slug: body.categorySlug ?? null,
    currency: body.budget?.max.currency ?? null,
    budget_max: body.budget?.max.amount ?? null,
    deadline: body.deadline ? new Date(body.deadline) : null,
    file_ids: fileIds,
    status: "open",
    created_at: now,
    closed_at: null,
  };
  return deps.db.transaction(async (tx) => {
    const repo = createNegotiationRepository(tx);
    await repo.insertBrief(row);
    await linkFiles(tx, fileIds, { type: "brief", id }, now);
    await repo.insertMatches(id, matches, now);
    if (matches.length > 0) {
      await deps.events.emit(
        tx,
        {
          type: "brief.matched",
          userIds: matches.map((m) => m.sellerId),
          data: { briefId: id, title: body.title, buyerUsername: p.buyer.username },
        },
        now,
      );
    }
    const views = matches.map((m) => ({
      seller: { username: m.sellerUsername },
      gig: { id: m.gigId, title: m.gigTitle },
      score: m.score,
    }));
    return toBrief(row, views, [], files);
  });
}

async function pageOf(
  deps: NegotiationDeps,
  p: { userId: string; limit: number; cursor?: string; inbox: boolean },
): Promise<Page<Brief>> {
  const before = p.cursor === undefined ? null : decodeCursor(p.cursor, TimeIdCursor);
  const repo = createNegotiationRepository(deps.db);
  const rows = p.inbox
    ? await repo.inboxOf(p.userId, before, p.limit + 1)
    : await repo.briefsOf(p.userId, before, p.limit + 1);
  const shown = rows.slice(0, p.limit);
  const details = new Map(
    (await briefsWithDetails(deps, deps.db, shown, p.inbox ? p.userId : null)).map((b) => [b.id, b]),
  );
  return toPage(
    rows,
    p.limit,
    (row) => {
      const brief = details.get(row.id);
      if (!brief) throw notFound("brief");
      return brief;
    },
    (last) => [last.created_at.toISOString(), last.id],
  );
}

/** The buyer's briefs, newest first, with their matches and offers. */
export function listBriefs(deps: NegotiationDeps, p: { userId: string; limit: number; cursor?: string }) {
  return pageOf(deps, { ...p, inbox: false });
}

/** The briefs sent to the calling seller, newest first, with the seller's own match and offers. */
export function briefInbox(deps: NegotiationDeps, p: { userId: string; limit: number; cursor?: string }) {
  return pageOf(deps, { ...p, inbox: true });
}

/** A brief: whole to its buyer and admins; to a matched seller with their own match and offers; else 404. */
export async function getBrief(
  deps: NegotiationDeps,
  p: { viewer: Viewer; briefId: string },
): Promise<Brief> {
  const repo = createNegotiationRepository(deps.db);
  const row = await repo.findBrief(p.briefId);
  if (!row) throw notFound("brief");
  const whole = row.buyer_id === p.viewer.id || isAdmin(p.viewer);
  const [brief] = await briefsWithDetails(deps, deps.db, [row], whole ? null : p.viewer.id);
  if (!brief || (!whole && brief.matches.length === 0)) throw notFound("brief");
  return brief;
}

/**
 * A matched seller answers a brief with an offer (`POST /api/briefs/:id/offers`), in the
 * conversation with the buyer — opened now if needed: the brief is the buyer's invitation.
 */
export async function answerBrief(
  deps: NegotiationDeps,
  p: { seller: Viewer; briefId: string; body: CreateOfferBody },
): Promise<Offer> {
  return deps.db.transaction(async (tx) => {
    const repo = createNegotiationRepository(tx);
    const row = await repo.findBrief(p.briefId);
    const [match] = row ? await repo.matchesOf([row.id], p.seller.id) : [];
    if (!row || !match) throw notFound("brief");
    if (row.status !== "open") throw conflict("The brief is closed.", "brief_closed");
    const gigId = p.body.gigId ?? match.gig_id;
    const conversationId = await openInvitedConversation(tx, {
      sellerId: p.seller.id,
      buyerId: row.buyer_id,
      gigId,
      now: deps.clock.now(),
    });
    return makeOffer(deps, tx, {
      seller: p.seller,
      buyerId: row.buyer_id,
      conversationId,
      gigId,
      briefId: row.id,
      body: p.body,
    });
  });
}

/** The buyer closes a brief: it takes no more offers (offers already made stay as they are). */
export async function closeBrief(
  deps: NegotiationDeps,
  p: { viewer: Viewer; briefId: string },
): Promise<Brief> {
  const repo = createNegotiationRepository(deps.db);
  const row = await repo.findBrief(p.briefId);
  if (!row || row.buyer_id !== p.viewer.id) throw notFound("brief");
  if (!(await repo.closeBrief(row.id, p.viewer.id, deps.clock.now())))
    throw conflict("The brief is already closed.", "brief_closed");
  return getBrief(deps, p);
}
