import type { Queryable } from "../../db/client";

export interface SynonymRow {
  term: string;
  synonyms: string[];
  updatedAt: Date;
}

/** The synonyms and abbreviations table (search_synonyms, migration 0027). */
export function createSearchSynonymRepository(db: Queryable) {
  const read = (r: { term: string; synonyms: string[]; updated_at: Date }): SynonymRow => ({
    term: r.term,
    synonyms: r.synonyms,
    updatedAt: r.updated_at,
  });
  return {
    async all(): Promise<SynonymRow[]> {
      const rows = await db.query<{ term: string; synonyms: string[]; updated_at: Date }>(
        "SELECT term, synonyms, updated_at FROM search_synonyms ORDER BY term",
      );
      return rows.map(read);
    },

    async upsert(term: string, synonyms: readonly string[], at: Date): Promise<SynonymRow> {
      const rows = await db.query<{ term: string; synonyms: string[]; updated_at: Date }>(
        `INSERT INTO search_synonyms (term, synonyms, updated_at) VALUES ($1, $2::text[], $3)
         ON CONFLICT (term) DO UPDATE SET synonyms = EXCLUDED.synonyms, updated_at = EXCLUDED.updated_at
         RETURNING term, synonyms, updated_at`,
        [term, synonyms, at],
      );
      const row = rows[0];
      if (!row) throw new Error("search synonym upsert returned nothing");
      return read(row);
    },

    /** Deletes a term's synonyms; false when it had none. */
    async remove(term: string): Promise<boolean> {
      const rows = await db.query("DELETE FROM search_synonyms WHERE term = $1 RETURNING term", [term]);
      return rows.length > 0;
    },
  };
}
