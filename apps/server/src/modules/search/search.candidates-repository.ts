import type { Queryable } from "../../db/client";
import type { CardRow } from "./search.models";
import { CARD_COLUMNS } from "./search.repository";

// The brief candidate search's SQL (search.candidates.ts): how common the brief's stems are, and one
// tier's candidates. Statements are prepared by name (db/postgres.ts) and may run under a generic
// plan after five calls, so each is written so that its generic plan is the intended one.

/** The most rows a tier's bitmap reads (a literal: a generic plan sees it; 5 × the candidates). */
const BITMAP_ROWS = 512;

/** A stem's document count as far as the statistics know it. */
export interface StemCount {
  lexeme: string;
  /** Sum of `search_words.doc_count` over the words with this stem (0: no indexed word has it). */
  words: number;
  /** Its share of documents in `tsv_all`'s most common elements (ANALYZE), null when not among them. */
  share: number | null;
}

/** Where a tier's candidates are looked for: a category (or top category), or everywhere. */
export interface CandidateScope {
  column: "category_id" | "top_category_id" | null;
  categoryId: string | null;
}

/**
 * The scope as a condition: `indexed`, one the category's quality index serves (a walk); else one it
 * cannot (a text index bitmap, where a BitmapAnd with a category's tens of thousands of index
 * entries cost more than checking the few matches).
 */
function scopeClause(scope: CandidateScope, param: string, indexed: boolean): string {
  if (scope.column === null) return "";
  return indexed ? `AND d.${scope.column} = ${param}` : `AND (d.${scope.column} = ${param}) IS TRUE`;
}

/**
 * The walk's budget as a literal, rounded up to a power of two (a handful of statement texts): a
 * generic plan of `LIMIT $n` assumes a tenth of the table and could trade the quality index's walk
 * for a sequential scan and a sort.
 */
function budgetLimit(budget: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(256, Math.min(budget, 65_536))));
}

const mapRow = (r: CardRow & { quality: number }): CardRow => {
  const { quality, ...row } = r;
  return { ...row, sort_key: quality };
};

export function createCandidatesRepository(db: Queryable) {
  return {
    /**
     * How common each stem is, and how many documents there are (`reltuples`; -1 or 0 before the
     * first ANALYZE). One statement: index lookups on `search_words_lexeme` and the planner's own
     * statistics of `tsv_all` (the most common stems with their shares, exact enough for common words
     * whose descriptions the vocabulary counted only on sampled documents).
     */
    async stemCounts(lexemes: readonly string[]): Promise<{ documents: number; stems: StemCount[] }> {
      const rows = await db.query<{ lexeme: string; words: number; share: number | null; documents: number }>(
        `WITH s AS (
           SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats
           WHERE schemaname = current_schema() AND tablename = 'search_documents' AND attname = 'tsv_all' LIMIT 1)
         SELECT l.lexeme,
                COALESCE((SELECT sum(w.doc_count) FROM search_words w WHERE w.lexeme = l.lexeme), 0)::float8 AS words,
                (SELECT s.freqs[array_position(s.elems, l.lexeme)] FROM s)::float8 AS share,
                (SELECT reltuples FROM pg_class WHERE oid = 'search_documents'::regclass)::float8 AS documents
         FROM unnest($1::text[]) AS l(lexeme)`,
        [lexemes],
      );
      return {
        documents: rows[0]?.documents ?? 0,
        stems: rows.map((r) => ({ lexeme: r.lexeme, words: Number(r.words), share: r.share })),
      };
    },

    /**
     * A tier expected to have few matches: the documents matching `tsquery` through the text
     * index's bitmap, at most `BITMAP_ROWS` of them (in table order, when the words go together
     * more than expected), in relevance order (title, then title/tags/seller, then anywhere;
     * quality), the first `limit`, leaving out `exclude`. Generic plan checked: the bitmap.
     */
    async allMatches(
      tsquery: string,
      scope: CandidateScope,
      exclude: readonly string[],
      limit: number,
    ): Promise<CardRow[]> {
      const rows = await db.query<CardRow & { quality: number }>(
        `WITH m AS MATERIALIZED (
           SELECT ${CARD_COLUMNS}, d.quality, d.tsv_title @@ $1::tsquery AS in_title, d.tsv_strong @@ $1::tsquery AS in_strong
           FROM search_documents d
           WHERE d.tsv_all @@ $1::tsquery ${scopeClause(scope, "$4", false)} AND d.gig_id <> ALL($2::text[])
           LIMIT ${BITMAP_ROWS})
         SELECT gig_id, title, slug, seller_username, seller_display_name, seller_level, currency, starting_price,
                rating_sum, rating_count, delivery_days, cover_file_id, ai_use, category_id, top_category_id, quality
         FROM m ORDER BY in_title DESC, in_strong DESC, quality DESC, gig_id DESC LIMIT $3`,
        [tsquery, exclude, limit, ...(scope.column === null ? [] : [scope.categoryId])],
      );
      return rows.map(mapRow);
    },

    /**
     * A tier with many matches: the documents in quality order (in the scope, by its quality index)
     * that match `tsquery` — tested on each row, never through the text index, so the generic plan
     * cannot become a bitmap of a common word's tens of thousands of rows — until `3 × limit` are
     * found, of which the first `limit` in relevance order. Reads at most `budget` rows whatever
     * the words.
     */
    async bestMatches(
      tsquery: string,
      scope: CandidateScope,
      exclude: readonly string[],
      limit: number,
      budget: number,
    ): Promise<CardRow[]> {
      // The middle query keeps the walk's order, so it stops at the `3 × limit`-th match (no sort):
      // only those are put in relevance order.
      const rows = await db.query<CardRow & { quality: number }>(
        `SELECT gig_id, title, slug, seller_username, seller_display_name, seller_level, currency, starting_price,
                rating_sum, rating_count, delivery_days, cover_file_id, ai_use, category_id, top_category_id, quality
         FROM (SELECT w.*, ts_match_vq(w.tsv_title, $1::tsquery) AS in_title,
                      ts_match_vq(w.tsv_strong, $1::tsquery) AS in_strong
               FROM (SELECT ${CARD_COLUMNS}, d.quality, d.tsv_title, d.tsv_strong, d.tsv_all FROM search_documents d
                     WHERE true ${scopeClause(scope, "$4", true)}
                     ORDER BY d.quality DESC, d.gig_id DESC LIMIT ${budgetLimit(budget)}) w
               WHERE ts_match_vq(w.tsv_all, $1::tsquery) AND w.gig_id <> ALL($2::text[])
               ORDER BY w.quality DESC, w.gig_id DESC
               LIMIT 3 * $3::int) m
         ORDER BY in_title DESC, in_strong DESC, quality DESC, gig_id DESC
         LIMIT $3`,
        [tsquery, exclude, limit, ...(scope.column === null ? [] : [scope.categoryId])],
      );
      return rows.map(mapRow);
    },
  };
}
