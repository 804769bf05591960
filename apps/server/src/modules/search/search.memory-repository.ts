import type { Queryable } from "../../db/client";
import { wordsOfGigsSql } from "./search.index-repository";
import type { IndexedDocument } from "./search.memory-index";
import type { VocabularyWord } from "./search.models";
import { RANKING, type SellerLevel } from "./search.ranking";

/**
 * A document as the memory index reads it: one JSON array per row (the whole chunk comes back as
 * one text value, which PGlite decodes much faster than thousands of rows).
 */
const MEMORY_DOCUMENT = `json_build_array(gig_id, title, slug, seller_username, seller_display_name, seller_level,
  currency, cover_file_id, category_id, top_category_id, starting_price, delivery_days, rating_sum, rating_count,
  orders_completed, (extract(epoch FROM published_at) * 1000)::float8, quality, rating_score,
  tsvector_to_array(tsv_title), tsvector_to_array(tsv_strong), tsvector_to_array(tsv_all), ai_use)`;

function text(v: unknown): string {
  if (typeof v !== "string") throw new Error(`search document: expected text, got ${typeof v}`);
  return v;
}

function number(v: unknown): number {
  if (typeof v !== "number") throw new Error(`search document: expected a number, got ${typeof v}`);
  return v;
}

function texts(v: unknown): string[] {
  if (!Array.isArray(v)) throw new Error("search document: expected an array of lexemes");
  return v.map(text);
}

const isSellerLevel = (v: string): v is SellerLevel => Object.hasOwn(RANKING.levelScore, v);

function sellerLevel(v: unknown): SellerLevel {
  const level = text(v);
  if (!isSellerLevel(level)) throw new Error(`search document: unknown seller level ${level}`);
  return level;
}

function aiUse(v: unknown): IndexedDocument["aiUse"] {
  const use = text(v);
  if (use !== "none" && use !== "assisted" && use !== "generated")
    throw new Error(`search document: unknown AI use ${use}`);
  return use;
}

function indexedDocuments(json: string | null | undefined): IndexedDocument[] {
  if (!json) return [];
  const rows: unknown = JSON.parse(json);
  if (!Array.isArray(rows)) throw new Error("search documents: expected an array");
  return rows.map((r: unknown): IndexedDocument => {
    if (!Array.isArray(r) || r.length !== 22) throw new Error("search document: malformed row");
    const fields: unknown[] = r;
    const [id, title, slug, username, displayName, level, currency, cover, category, topCategory] = fields;
    const [price, days, ratingSum, ratingCount, orders, published, quality, ratingScore] = fields.slice(
      10,
      18,
    );
    return {
      gigId: text(id),
      title: text(title),
      slug: text(slug),
      sellerUsername: text(username),
      sellerDisplayName: text(displayName),
      sellerLevel: sellerLevel(level),
      currency: text(currency),
      coverFileId: cover === null ? null : text(cover),
      categoryId: text(category),
      topCategoryId: text(topCategory),
      startingPrice: number(price),
      deliveryDays: number(days),
      ratingSum: number(ratingSum),
      ratingCount: number(ratingCount),
      ordersCompleted: number(orders),
      publishedAt: number(published),
      quality: number(quality),
      ratingScore: number(ratingScore),
      titleLexemes: texts(fields[18]),
      strongLexemes: texts(fields[19]),
      allLexemes: texts(fields[20]),
      aiUse: aiUse(fields[21]),
    };
  });
}

/** What the memory engine reads: stems of query words, the documents and the typo vocabulary. */
export function createSearchMemoryRepository(db: Queryable) {
  return {
    /** Stems of words (english configuration; stop words have none). */
    stems: (words: readonly string[]) =>
      db.query<{ word: string; lexemes: string[] }>(
        `SELECT w.word, tsvector_to_array(to_tsvector('english', w.word)) AS lexemes FROM unnest($1::text[]) w(word)`,
        [words],
      ),

    /** How many table pages the documents span (the memory index reads them a slice at a time). */
    documentPages: async () =>
      (
        await db.query<{ pages: number }>(
          "SELECT (pg_relation_size('search_documents') / current_setting('block_size')::int)::int AS pages",
        )
      )[0]?.pages ?? 0,

    /** The documents stored in table pages [fromPage, toPage); `toPage` null: to the end. */
    async documentsInPages(fromPage: number, toPage: number | null): Promise<IndexedDocument[]> {
      const rows = await db.query<{ docs: string | null }>(
        `SELECT json_agg(${MEMORY_DOCUMENT})::text AS docs FROM search_documents
         WHERE ctid >= $1::tid${toPage === null ? "" : " AND ctid < $2::tid"}`,
        toPage === null ? [`(${fromPage},0)`] : [`(${fromPage},0)`, `(${toPage},0)`],
      );
      return indexedDocuments(rows[0]?.docs);
    },

    async documentsById(gigIds: readonly string[]): Promise<IndexedDocument[]> {
      const rows = await db.query<{ docs: string | null }>(
        `SELECT json_agg(${MEMORY_DOCUMENT})::text AS docs FROM search_documents WHERE gig_id = ANY($1::text[])`,
        [gigIds],
      );
      return indexedDocuments(rows[0]?.docs);
    },

    /** The whole typo vocabulary. */
    async vocabulary(): Promise<VocabularyWord[]> {
      const rows = await db.query<{ word: string; lexeme: string | null; doc_count: number }>(
        "SELECT word, lexeme, doc_count FROM search_words",
      );
      return rows.map((r) => ({ word: r.word, lexeme: r.lexeme, docCount: r.doc_count }));
    },

    /** The vocabulary entries of these gigs' words (the ones their indexing may just have added). */
    async vocabularyOfGigs(gigIds: readonly string[]): Promise<VocabularyWord[]> {
      const rows = await db.query<{ word: string; lexeme: string | null; doc_count: number }>(
        `SELECT sw.word, sw.lexeme, sw.doc_count FROM search_words sw
         WHERE sw.word IN (SELECT word FROM (${wordsOfGigsSql("g.id = ANY($1::text[])")}) w)`,
        [gigIds],
      );
      return rows.map((r) => ({ word: r.word, lexeme: r.lexeme, docCount: r.doc_count }));
    },
  };
}

export type SearchMemoryRepository = ReturnType<typeof createSearchMemoryRepository>;
