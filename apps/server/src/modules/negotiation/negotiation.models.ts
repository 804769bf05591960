import {
  MILESTONES_MIN_PRICE,
  type Brief,
  type BriefFile,
  type BriefMatch,
  type CreateOfferBody,
  type GigCard,
  type Offer,
} from "@atelier/contracts";
import { money } from "../../platform/money";
import { allIn, type FeeConfig } from "../orders/orders.public";
import type { BriefMatchRow, BriefRow, OfferRow, OfferViewRow } from "./negotiation.repository";

/** How many sellers a brief is sent to (PRODUCT.md "Negotiation"). */
export const BRIEF_SELLERS = 20;
/** How many search results a brief's ranking looks at: several gigs may share a seller. */
export const BRIEF_CANDIDATES = 100;

/**
 * Why an offer's milestones cannot be accepted, or null when they can: milestones only for a price
 * of 100.00 or more (`milestones_not_allowed`), their prices in the offer's currency and adding up
 * exactly to its price (`milestones_sum_mismatch`). Their number (2–6) and positive prices are the
 * body schema's. Pure, so the rules are tested on their own.
 */
export function milestonesProblem(
  body: Pick<CreateOfferBody, "price" | "milestones">,
): { code: "milestones_not_allowed" | "milestones_sum_mismatch"; detail: string } | null {
  const parts = body.milestones;
  if (!parts) return null;
  if (body.price.amount < MILESTONES_MIN_PRICE)
    return {
      code: "milestones_not_allowed",
      detail: "Only an offer of 100.00 or more may be split into milestones.",
    };
  const sum = parts.reduce((s, m) => s + m.price.amount, 0);
  if (parts.some((m) => m.price.currency !== body.price.currency) || sum !== body.price.amount)
    return {
      code: "milestones_sum_mismatch",
      detail: `The milestones add up to ${sum} minor units; the offer's price is ${body.price.amount}.`,
    };
  return null;
}

/** The status a viewer sees: an open offer past its expiry is expired, whether or not its job ran. */
export function effectiveStatus(row: Pick<OfferRow, "status" | "expires_at">, now: Date): OfferRow["status"] {
  return row.status === "open" && row.expires_at.getTime() <= now.getTime() ? "expired" : row.status;
}

export function toOffer(row: OfferViewRow, fees: FeeConfig, now: Date): Offer {
  const price = money(row.price, row.currency);
  const { serviceFee, total } = allIn(price, fees);
  return {
    id: row.id,
    status: effectiveStatus(row, now),
    conversationId: row.conversation_id,
    briefId: row.brief_id,
    buyer: { username: row.buyer_username },
    seller: { username: row.seller_username, displayName: row.seller_display_name },
    gig: { id: row.gig_id, title: row.gig_title },
    title: row.title,
    description: row.description,
    price,
    serviceFee,
    total,
    deliveryDays: row.delivery_days,
    revisions: row.revisions,
    licence: row.licence_kind,
    milestones: (row.milestones ?? []).map((m) => ({
      title: m.title,
      price: money(m.price, row.currency),
      deliveryDays: m.deliveryDays,
    })),
    orderId: row.order_id,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const LEVEL_SCORE: Record<string, number> = { new: 0, level_1: 1 / 3, level_2: 2 / 3, top_rated: 1 };

/** The search position at which a gig's relevance is half the first one's. */
const RELEVANCE_HALF_LIFE = 3;

/** Weights of a brief match's score; they sum to 1. */
export const MATCH_WEIGHTS = {
  relevance: 0.5,
  budget: 0.2,
  rating: 0.12,
  level: 0.08,
  activity: 0.1,
} as const;

/**
 * How well a gig's all-in starting price fits a budget: 1 within it, falling linearly to 0 at twice
 * the budget. No budget: every price fits.
 */
export function budgetFit(allInAmount: number, budgetMax: number | null): number {
  if (budgetMax === null || allInAmount <= budgetMax) return 1;
  return Math.max(0, 1 - (allInAmount - budgetMax) / budgetMax);
}

/** A rating counts in proportion to how many reviews back it (full weight from five). */
export function ratingScore(rating: GigCard["rating"]): number {
  if (rating.average === null || rating.count === 0) return 0;
  return (rating.average / 5) * Math.min(1, rating.count / 5);
}

const DAY_MS = 86_400_000;
/** A seller active within this many days counts as fully active. */
const ACTIVE_DAYS = 3;
/** After ACTIVE_DAYS, the activity score halves every this many days. */
const ACTIVITY_HALF_LIFE_DAYS = 14;

/**
 * How recently a seller was active (signed in and used the site or the API, or delivered an
 * order): 1 within three days, then halving every fortnight (0.5 at 17 days, 0.125 at 45);
 * 0 when nothing is known. A seller who answers soon is worth more to a buyer waiting on a brief.
 */
export function activityScore(activeAt: Date | null, now: Date): number {
  if (activeAt === null) return 0;
  const days = Math.max(0, now.getTime() - activeAt.getTime()) / DAY_MS;
  if (days <= ACTIVE_DAYS) return 1;
  return 0.5 ** ((days - ACTIVE_DAYS) / ACTIVITY_HALF_LIFE_DAYS);
}

/** What the ranking reads of a gig (a search result's card has it all). */
export interface MatchCandidate {
  id: string;
  title: string;
  seller: { username: string; level: string | null };
  startingPriceAllIn: { amount: number };
  rating: GigCard["rating"];
}

export interface RankedMatch {
  gigId: string;
  gigTitle: string;
  sellerUsername: string;
  score: number;
}

/**
 * Ranks a brief's search results (best first, as search ordered them: the brief's words, partial
 * matches after full ones, the category) into at most `limit` sellers, each with their best gig:
 * search position (halving every RELEVANCE_HALF_LIFE places), budget fit, rating, level and the
 * seller's recent activity (`activeAt`, by gig id), weighted by MATCH_WEIGHTS. The buyer's own gigs
 * are left out. Pure, so the ranking is tested on its own.
 */
export function rankMatches(
  cards: readonly MatchCandidate[],
  p: {
    budgetMax: number | null;
    buyerUsername: string;
    limit: number;
    now: Date;
    activeAt: ReadonlyMap<string, Date | null>;
  },
): RankedMatch[] {
  const scored = cards
    .filter((c) => c.seller.username !== p.buyerUsername)
    .map((card, i) => {
      // Search's order already says how many of the brief's words a gig has: a gig a few places
      // lower must not overtake on rating, level and activity alone, so relevance falls off quickly.
      const relevance = 1 / (1 + i / RELEVANCE_HALF_LIFE);
      const score =
        MATCH_WEIGHTS.relevance * relevance +
        MATCH_WEIGHTS.budget * budgetFit(card.startingPriceAllIn.amount, p.budgetMax) +
        MATCH_WEIGHTS.rating * ratingScore(card.rating) +
        MATCH_WEIGHTS.level * (LEVEL_SCORE[card.seller.level ?? "new"] ?? 0) +
        MATCH_WEIGHTS.activity * activityScore(p.activeAt.get(card.id) ?? null, p.now);
      return { gigId: card.id, gigTitle: card.title, sellerUsername: card.seller.username, score };
    })
    .sort((a, b) => b.score - a.score || a.gigId.localeCompare(b.gigId));
  const seen = new Set<string>();
  const out: RankedMatch[] = [];
  for (const m of scored) {
    if (seen.has(m.sellerUsername)) continue;
    seen.add(m.sellerUsername);
    out.push({ ...m, score: Math.round(m.score * 1000) / 1000 });
    if (out.length === p.limit) break;
  }
  return out;
}

export function toMatch(row: BriefMatchRow): BriefMatch {
  return {
    seller: { username: row.seller_username },
    gig: { id: row.gig_id, title: row.gig_title },
    score: row.score,
  };
}

export function toBrief(
  row: BriefRow,
  matches: BriefMatch[],
  offers: Offer[],
  files: readonly BriefFile[],
): Brief {
  return {
    id: row.id,
    status: row.status,
    buyer: { username: row.buyer_username },
    title: row.title,
    description: row.description,
    categorySlug: row.category_slug,
    budget:
      row.budget_max !== null && row.currency !== null ? { max: money(row.budget_max, row.currency) } : null,
    deadline: row.deadline?.toISOString() ?? null,
    fileIds: row.file_ids,
    files: row.file_ids.flatMap((id) => files.filter((f) => f.id === id)),
    matches,
    offers,
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
  };
}
