import { money } from "../../platform/money";
import { allIn } from "../orders/orders.public";
import type { BriefCandidateFinder } from "./negotiation.briefs";
import type { NegotiationDeps } from "./negotiation.deps";
import { BRIEF_CANDIDATES } from "./negotiation.models";
import { createNegotiationRepository } from "./negotiation.repository";

/** Words too common in briefs to say anything about the gig wanted. */
const STOP_WORDS = new Set(
  "a an and are as at be but by can do for from have i in is it me my of on or our so that the this to we with you your need want would like looking someone".split(
    " ",
  ),
);

/** A brief's distinct words (letters and digits, 3 characters or more, no stop words), lower case. */
export function briefWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
  return [...new Set(words)];
}

/**
 * The naive plan the matching benchmark compares with (test mode only): no search index, no
 * stemming or typo correction — every active gig containing any of the brief's words, scored in SQL
 * by how many it contains, then ranked by the same `rankMatches` as the real plan.
 */
export function naiveBriefCandidates(deps: NegotiationDeps): BriefCandidateFinder {
  return async (brief) => {
    const words = briefWords(`${brief.title} ${brief.description}`).slice(0, 32);
    if (words.length === 0) return [];
    const rows = await createNegotiationRepository(deps.db).naiveCandidates(
      words.map((w) => `%${w}%`),
      brief.categorySlug,
      BRIEF_CANDIDATES,
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      seller: { username: r.username, level: r.seller_level },
      startingPriceAllIn: allIn(money(r.starting_price, r.currency), deps.config.orders.fees).total,
      rating: {
        average: r.rating_count > 0 ? r.rating_sum / r.rating_count : null,
        count: r.rating_count,
      },
    }));
  };
}
