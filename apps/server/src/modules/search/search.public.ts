import type { AppDeps } from "../../platform/deps";
import { syncSellerSearchDocuments } from "./search.indexer";
// The search module's facade for other modules (re-exports only): keep the search documents of a gig
// or a seller in step with a write, inside the writer's transaction; find the gigs that fit a brief.
export { briefCandidateGigs } from "./search.candidates";
export { registerSearchJobs } from "./search.jobs";
export { createSearchState, syncGigSearchDocument, syncSellerSearchDocuments } from "./search.indexer";

/** Keeps the index true when identity deletes an account (identity sits below search). */
export function subscribeSearchToAccounts(deps: Pick<AppDeps, "events" | "state">): void {
  deps.events.subscribe("account.deleted", async (tx, events) => {
    for (const e of events) await syncSellerSearchDocuments(deps, tx, e.data.userId);
  });
}
