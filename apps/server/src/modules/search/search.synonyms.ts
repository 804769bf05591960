import type { SearchSynonym } from "@atelier/contracts";
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
  { term, synonyms }: { term: string; synonyms: readonly string[] },
): Promise<SearchSynonym> {
  const distinct = [...new Set(synonyms)].filter((s) => s !== term);
  const row = await createSearchSynonymRepository(deps.db).upsert(term, distinct, deps.clock.now());
  deps.runtime.synonyms.invalidate();
  return toSynonym(row);
}

export async function deleteSynonyms(deps: SearchDeps, { term }: { term: string }): Promise<void> {
  if (!(await createSearchSynonymRepository(deps.db).remove(term))) throw notFound("synonym");
  deps.runtime.synonyms.invalidate();
}
