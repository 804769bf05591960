import type { Db, Queryable } from "../../db/client";
import { qualitySql, ratingScoreSql } from "./search.ranking";

/** Largest sample_key (sample_key is a non-negative int4): a threshold of this keeps every document. */
export const SAMPLE_KEY_SPAN = 2147483647;

const DOCUMENT_COLUMNS = [
  "gig_id",
  "seller_id",
  "title",
  "slug",
  "seller_username",
  "seller_display_name",
  "seller_level",
  "category_id",
  "top_category_id",
  "tags",
  "currency",
  "starting_price",
  "delivery_days",
  "rating_sum",
  "rating_count",
  "orders_completed",
  "published_at",
  "cover_file_id",
  "ai_use",
  "quality",
  "rating_score",
  "sample_key",
  "tsv_title",
  "tsv_strong",
  "tsv_all",
];

const SAMPLE_COLUMNS = [
  "gig_id",
  "category_id",
  "top_category_id",
  "seller_level",
  "starting_price",
  "delivery_days",
  "rating_sum",
  "rating_count",
  "tsv_title",
  "tsv_strong",
  "tsv_all",
];

const updateAll = (columns: string[]) =>
  columns
    .filter((c) => c !== "gig_id")
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(", ");

/**
 * Writes the search documents of the gigs `where` selects (alias g) that are searchable: active, with
 * a seller who is not suspended. One statement serves a single gig and a bulk chunk of thousands.
 * Title, tags and seller names form the "strong" vector; the description joins them in the "all"
 * vector (the three nested vectors are the text-match classes of relevance). Positions are stripped: matching needs only the lexemes, and rows stay small.
 * The CTE is materialised so each text is parsed once. Rows go in by descending quality, so a bulk load
 * leaves the popular documents, which most pages read, packed together.
 */
function upsertDocumentsSql(where: string): string {
  return `
    WITH src AS MATERIALIZED (
      SELECT g.id, g.seller_id, g.title, g.slug, u.username, u.display_name,
             COALESCE(u.seller_level, 'new') AS level, g.category_id, COALESCE(c.parent_id, c.id) AS top_category_id,
             g.tags, g.currency, g.starting_price, g.min_delivery_days, g.rating_sum, g.rating_count,
             g.orders_completed, date_trunc('milliseconds', COALESCE(g.published_at, g.created_at)) AS published_at, g.cover_file_id,
             g.ai_use,
             to_tsvector('english', g.title) AS v_title,
             to_tsvector('english', array_to_string(g.tags, ' ') || ' ' || u.username || ' ' || u.display_name) AS v_more,
             to_tsvector('english', g.description) AS v_description
      FROM gigs g
      JOIN users u ON u.id = g.seller_id
      JOIN categories c ON c.id = g.category_id
      WHERE ${where} AND g.status = 'active' AND u.suspended_at IS NULL
    )
    INSERT INTO search_documents (${DOCUMENT_COLUMNS.join(", ")})
    SELECT id, seller_id, title, slug, username, display_name, level, category_id, top_category_id, tags, currency,
           starting_price, min_delivery_days, rating_sum, rating_count, orders_completed, published_at, cover_file_id,
           ai_use,
           ${qualitySql({ ratingSum: "rating_sum", ratingCount: "rating_count", orders: "orders_completed", level: "level" })} AS quality,
           ${ratingScoreSql("rating_sum", "rating_count")},
           hashtext(id) & ${SAMPLE_KEY_SPAN},
           strip(v_title), strip(v_title || v_more), strip(v_title || v_more || v_description)
    FROM src
    ORDER BY quality DESC
    ON CONFLICT (gig_id) DO UPDATE SET ${updateAll(DOCUMENT_COLUMNS)}
    RETURNING gig_id`;
}

/**
 * Words kept in the typo vocabulary: letters only, 4 to 40 of them. Corrections are only made for
 * words of 5+ letters, one edit away, so shorter targets never matter; tokens with digits (usernames
 * such as "maya_lindqvist12", sizes, versions) are looked up exactly and would only crowd it.
 */
const VOCABULARY_WORD = "{w} ~ '^[[:alpha:]]+$' AND length({w}) BETWEEN 4 AND 40";

/** The surface words (lower case, unstemmed) of the selected gigs' texts, for the typo vocabulary. */
export function wordsOfGigsSql(where: string): string {
  return `
    SELECT w AS word, (tsvector_to_array(to_tsvector('english', w)))[1] AS lexeme
    FROM (
      SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple',
               g.title || ' ' || array_to_string(g.tags, ' ') || ' ' || u.username || ' ' || u.display_name || ' ' || g.description))) AS w
      FROM gigs g JOIN users u ON u.id = g.seller_id
      WHERE ${where}
    ) words
    WHERE ${VOCABULARY_WORD.replaceAll("{w}", "w")}`;
}

/** Writes of single documents, inside the caller's transaction `db`. */
export function createSearchIndexRepository({ db: q }: { db: Queryable }) {
  return {
    async documentTags(gigIds: readonly string[]): Promise<Map<string, string[]>> {
      const rows = await q.query<{ gig_id: string; tags: string[] }>(
        "SELECT gig_id, tags FROM search_documents WHERE gig_id = ANY($1::text[])",
        [gigIds],
      );
      return new Map(rows.map((r) => [r.gig_id, r.tags]));
    },

    /** Upserts the documents of searchable gigs among `gigIds`; returns the ids written. */
    async upsertDocuments(gigIds: readonly string[]): Promise<string[]> {
      const rows = await q.query<{ gig_id: string }>(upsertDocumentsSql("g.id = ANY($1::text[])"), [gigIds]);
      return rows.map((r) => r.gig_id);
    },

    async deleteDocuments(gigIds: readonly string[]): Promise<void> {
      if (gigIds.length === 0) return;
      await q.query("DELETE FROM search_documents WHERE gig_id = ANY($1::text[])", [gigIds]);
    },

    /** Brings the sample in line with the documents for these gigs. */
    async syncSample(gigIds: readonly string[]): Promise<void> {
      await q.query(
        `INSERT INTO search_sample (${SAMPLE_COLUMNS.join(", ")})
         SELECT ${SAMPLE_COLUMNS.map((c) => `d.${c}`).join(", ")}
         FROM search_documents d, search_settings s
         WHERE d.gig_id = ANY($1::text[]) AND d.sample_key <= s.sample_threshold
         ON CONFLICT (gig_id) DO UPDATE SET ${updateAll(SAMPLE_COLUMNS)}`,
        [gigIds],
      );
      await q.query(
        `DELETE FROM search_sample p
         WHERE p.gig_id = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM search_documents d, search_settings s
                           WHERE d.gig_id = p.gig_id AND d.sample_key <= s.sample_threshold)`,
        [gigIds],
      );
    },

    /** Adds new words of these gigs to the vocabulary (counts of known words are refreshed in bulk). */
    async addWords(gigIds: readonly string[]): Promise<void> {
      await q.query(
        `INSERT INTO search_words (word, lexeme) ${wordsOfGigsSql("g.id = ANY($1::text[])")} ON CONFLICT (word) DO NOTHING`,
        [gigIds],
      );
    },

    /** Applies tag count changes; tags are sorted so concurrent writers lock rows in one order. */
    async adjustTags(added: readonly string[], removed: readonly string[]): Promise<void> {
      if (removed.length > 0) {
        await q.query(
          `UPDATE search_tags t SET doc_count = t.doc_count - r.n
           FROM (SELECT tag, count(*)::int AS n FROM unnest($1::text[]) tag GROUP BY tag ORDER BY tag) r
           WHERE t.tag = r.tag`,
          [[...removed].sort()],
        );
        await q.query("DELETE FROM search_tags WHERE tag = ANY($1::text[]) AND doc_count <= 0", [removed]);
      }
      if (added.length > 0) {
        await q.query(
          `INSERT INTO search_tags (tag, doc_count)
           SELECT tag, count(*)::int FROM unnest($1::text[]) tag GROUP BY tag ORDER BY tag
           ON CONFLICT (tag) DO UPDATE SET doc_count = search_tags.doc_count + EXCLUDED.doc_count`,
          [[...added].sort()],
        );
      }
    },

    sellerGigIds: async (sellerId: string) =>
      (await q.query<{ id: string }>("SELECT id FROM gigs WHERE seller_id = $1 ORDER BY id", [sellerId])).map(
        (r) => r.id,
      ),
  };
}

/** The bulk build: whole-table loads, index drops and rebuilds, statistics. */
export function createSearchBulkRepository({ db }: { db: Db }) {
  return {
    /** The secondary index definitions of a table, to drop before a bulk load and recreate after. */
    secondaryIndexes: (table: string) =>
      db.query<{ name: string; definition: string }>(
        `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = $1
           AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))
         ORDER BY i.indexname`,
        [table],
      ),

    async dropIndexes(names: readonly string[]): Promise<void> {
      for (const name of names) await db.exec(`DROP INDEX IF EXISTS ${name}`);
    },

    async truncateIndex(): Promise<void> {
      await db.exec("TRUNCATE search_documents, search_sample, search_words, search_tags");
    },

    /** Refreshes planner statistics of the tables a bulk build reads (they were just bulk-loaded). */
    async analyzeSources(): Promise<void> {
      await db.exec("ANALYZE gigs, users, categories");
    },

    /**
     * A table's pages cut into ranges of `blocks` pages. Bulk steps read by physical position (a
     * TID range scan): sequential reads, and rows written together (a seller and their gigs) stay together.
     */
    async blockRanges(table: "gigs" | "search_documents", blocks: number): Promise<BlockRange[]> {
      const rows = await db.query<{ n: number }>(
        "SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int AS n",
        [table],
      );
      const total = rows[0]?.n ?? 0;
      const ranges: BlockRange[] = [];
      for (let from = 0; from < total; from += blocks)
        ranges.push({ from: `(${from},0)`, to: `(${from + blocks},0)` });
      // Rows appended while the ranges were being computed land past the end: the last range is open.
      if (ranges.length === 0) ranges.push({ from: "(0,0)", to: null });
      else ranges[ranges.length - 1] = { from: ranges[ranges.length - 1]?.from ?? "(0,0)", to: null };
      return ranges;
    },

    /** Loads the documents of the gigs in a range of pages; sellers are joined by a hash join held in memory. */
    async loadDocumentRange(range: BlockRange, workMem: string): Promise<number> {
      return db.transaction(async (tx) => {
        await tx.exec(`SET LOCAL work_mem = '${workMem}'`);
        const rows = await tx.query<{ n: number }>(
          `WITH written AS (${upsertDocumentsSql(tidRange("g", 1, range))}) SELECT count(*)::int AS n FROM written`,
          tidParams(range),
        );
        return rows[0]?.n ?? 0;
      });
    },

    /** Runs DDL with a generous maintenance memory (index builds sort in memory instead of on disk). */
    async runWithMaintenanceMemory(sql: string, memory: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.exec(`SET LOCAL maintenance_work_mem = '${memory}'`);
        await tx.exec(sql);
      });
    },

    /**
     * Word document counts over a range of documents: every word of titles, tags and seller names, and
     * the description words of sampled documents only (parsing a million descriptions a second time
     * would add a third to the build; gigs indexed one by one later add all their words).
     */
    async wordStats(range: BlockRange, sampleThreshold: number): Promise<{ word: string; ndoc: number }[]> {
      const to = range.to === null ? "" : ` AND d.ctid < '${range.to}'::tid`;
      return db.query<{ word: string; ndoc: number }>(
        `SELECT s.word, s.ndoc FROM ts_stat($q$
           SELECT to_tsvector('simple', d.title || ' ' || array_to_string(d.tags, ' ') || ' ' || d.seller_username || ' ' ||
                                        d.seller_display_name || COALESCE(' ' || g.description, ''))
           FROM search_documents d LEFT JOIN gigs g ON g.id = d.gig_id AND d.sample_key <= ${Math.floor(sampleThreshold)}
           WHERE d.ctid >= '${range.from}'::tid${to}
         $q$) s
         WHERE ${VOCABULARY_WORD.replaceAll("{w}", "s.word")}`,
      );
    },

    /** Inserts vocabulary words with their counts; stems are computed here, once per word. */
    async insertWords(words: readonly string[], counts: readonly number[]): Promise<void> {
      await db.query(
        `INSERT INTO search_words (word, lexeme, doc_count)
         SELECT w, (tsvector_to_array(to_tsvector('english', w)))[1], n FROM unnest($1::text[], $2::int[]) AS t(w, n)
         ON CONFLICT (word) DO UPDATE SET doc_count = search_words.doc_count + EXCLUDED.doc_count`,
        [words, counts],
      );
    },

    async loadTags(): Promise<void> {
      await db.query(
        `INSERT INTO search_tags (tag, doc_count)
         SELECT tag, count(*)::int FROM search_documents, unnest(tags) tag GROUP BY tag`,
      );
    },

    documentCount: async () =>
      (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_documents"))[0]?.n ?? 0,

    /** Sets the sample threshold and refills the sample from the documents. */
    async rebuildSample(threshold: number): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query("UPDATE search_settings SET sample_threshold = $1, updated_at = now()", [threshold]);
        await tx.exec("TRUNCATE search_sample");
        await tx.query(
          `INSERT INTO search_sample (${SAMPLE_COLUMNS.join(", ")})
           SELECT ${SAMPLE_COLUMNS.join(", ")} FROM search_documents WHERE sample_key <= $1 ORDER BY gig_id`,
          [threshold],
        );
      });
    },

    async analyze(): Promise<void> {
      for (const table of ["search_documents", "search_sample", "search_words", "search_tags"]) {
        await db.exec(`VACUUM ANALYZE ${table}`);
      }
    },
  };
}

/** Physical pages [from, to) as TID literals; `to` null means to the end of the table. */
export interface BlockRange {
  from: string;
  to: string | null;
}

function tidRange(alias: string, firstParam: number, range: BlockRange): string {
  return range.to === null
    ? `${alias}.ctid >= $${firstParam}::tid`
    : `${alias}.ctid >= $${firstParam}::tid AND ${alias}.ctid < $${firstParam + 1}::tid`;
}

const tidParams = (range: BlockRange) => (range.to === null ? [range.from] : [range.from, range.to]);

/** The sample threshold that keeps about `sampleSize` of `documents` (all of them when few). */
export function sampleThreshold(documents: number, sampleSize: number): number {
  if (documents <= sampleSize) return SAMPLE_KEY_SPAN;
  return Math.max(1, Math.floor((SAMPLE_KEY_SPAN * sampleSize) / documents));
}
