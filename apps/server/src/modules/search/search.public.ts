// The search module's facade for other modules (re-exports only): keep the search documents of a gig
// or a seller in step with a write, inside the writer's transaction.
export { syncGigSearchDocument, syncSellerSearchDocuments } from "./search.indexer";
