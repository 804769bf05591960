import type { SearchSynonym } from "@atelier/contracts";
import { recordAdminAction } from "../../platform/audit";
import { notFound } from "../../platform/errors";
import { createSearchSynonymRepository, type SynonymRow } from "./search.synonym-repository";
import type { SearchDeps } from "./search.usecases";

/**
 * Synonyms and abbreviations (docs/search.md "Synonyms"): admins list, set and delete them; a
 * change applies to this process's next search at once and to other processes within a minute
 * (their tables reload every 60 seconds).
 */

function toSynonym(r: SynonymRow): SearchSynonym {
  return { term: r.term, synonyms: r.synonyms, updatedAt: r.updatedAt.toISOString() };
}

export async function listSynonyms(deps: SearchDeps): Promise<{ data: SearchSynonym[] }> {
  return { data: (await createSearchSynonymRepository(deps.db).all()).map(toSynonym) };
}

export async function setSynonyms(
  deps: SearchDeps,
  { adminId, term, synonyms }: { adminId: string; term: string; synonyms: readonly string[] },
): Promise<SearchSynonym> {
  const distinct = [...new Set(synonyms)].filter((s) => s !== term);
  const row = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const saved = await createSearchSynonymRepository(tx).upsert(term, distinct, now);
    await recordAdminAction(tx, {
      actorId: adminId,
      action: "search_synonyms.set",
      subject: { type: "search_synonyms", id: term },
      reason: distinct.length > 0 ? distinct.join(", ") : null,
      at: now,
    });
    return saved;
  });
  deps.runtime.synonyms.invalidate();
  return toSynonym(row);
}

export async function deleteSynonyms(
  deps: SearchDeps,
  { adminId, term }: { adminId: string; term: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await createSearchSynonymRepository(tx).remove(term))) throw notFound("synonym");
    await recordAdminAction(tx, {
      actorId: adminId,
      action: "search_synonyms.delete",
      subject: { type: "search_synonyms", id: term },
      at: deps.clock.now(),
    });
  });
  deps.runtime.synonyms.invalidate();
}
