import type { SearchSort } from "@atelier/contracts";
import type { Queryable } from "../../db/client";
import { wordsOfGigsSql } from "./search.index-repository";
import type { IndexedDocument } from "./search.memory-index";
import type { CardRow, CountRow, SampleRow, SearchFilters, TextClass, VocabularyWord } from "./search.models";
import { RANKING, type SellerLevel } from "./search.ranking";

/** Sort orders as index columns; every sort is (column, gig_id) in one direction, served by one index. */
const SORT_COLUMNS: Record<SearchSort, { column: string; descending: boolean; time: boolean }> = {
  relevance: { column: "quality", descending: true, time: false },
  best_selling: { column: "orders_completed", descending: true, time: false },
  rating: { column: "rating_score", descending: true, time: false },
  newest: { column: "published_at", descending: true, time: true },
  price_asc: { column: "starting_price", descending: false, time: false },
  price_desc: { column: "starting_price", descending: true, time: false },
};

const CARD_COLUMNS =
  "d.gig_id, d.title, d.slug, d.seller_username, d.seller_display_name, d.seller_level, d.currency, d.starting_price, " +
  "d.rating_sum, d.rating_count, d.delivery_days, d.cover_file_id, d.category_id, d.top_category_id";

/** Collects positional parameters while a statement is assembled. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** Which documents match: a text class, any text match, or (without words) every document. */
export type TextMatch = { tsquery: string; textClass: TextClass | "any" } | null;

function textClause(p: Params, match: TextMatch, alias: string): string[] {
  if (!match) return [];
  const q = p.add(match.tsquery, "::tsquery");
  switch (match.textClass) {
    case 2:
      return [`${alias}.tsv_title @@ ${q}`];
    case 1:
      return [`${alias}.tsv_strong @@ ${q}`, `NOT ${alias}.tsv_title @@ ${q}`];
    case 0:
      return [`${alias}.tsv_all @@ ${q}`, `NOT ${alias}.tsv_strong @@ ${q}`];
    case "any":
      return [`${alias}.tsv_all @@ ${q}`];
  }
}

function filterClauses(p: Params, f: SearchFilters, alias: string): string[] {
  const out: string[] = [];
  if (f.category)
    out.push(`${alias}.${f.category.isTop ? "top_category_id" : "category_id"} = ${p.add(f.category.id)}`);
  if (f.minPrice !== null) out.push(`${alias}.starting_price >= ${p.add(f.minPrice)}`);
  if (f.maxPrice !== null) out.push(`${alias}.starting_price <= ${p.add(f.maxPrice)}`);
  if (f.maxDeliveryDays !== null) out.push(`${alias}.delivery_days <= ${p.add(f.maxDeliveryDays)}`);
  if (f.sellerLevel !== null) out.push(`${alias}.seller_level = ${p.add(f.sellerLevel)}`);
  if (f.minRatingCenti !== null) {
    out.push(
      `${alias}.rating_count > 0`,
      `${alias}.rating_sum * 100 >= ${p.add(f.minRatingCenti)} * ${alias}.rating_count`,
    );
  }
  return out;
}

/** `(column, gig_id)` strictly after the cursor in the sort's direction. */
function keysetClause(
  p: Params,
  sort: SearchSort,
  after: { key: number | string; gigId: string } | null,
  alias: string,
): string[] {
  if (!after) return [];
  const s = SORT_COLUMNS[sort];
  const key = p.add(after.key, s.time ? "::timestamptz" : "::bigint");
  return [
    `(${alias}.${s.column}, ${alias}.gig_id) ${s.descending ? "<" : ">"} (${key}, ${p.add(after.gigId)})`,
  ];
}

function orderBy(sort: SearchSort, alias: string): string {
  const s = SORT_COLUMNS[sort];
  const dir = s.descending ? "DESC" : "ASC";
  return `${alias}.${s.column} ${dir}, ${alias}.gig_id ${dir}`;
}

/**
 * The sort orders that have per-category and per-level slices (see 0006-search.sql). A filter is
 * applied inside the walk only where its slice exists; elsewhere the walk follows the global order
 * and the filter is checked on each row, which the planner could otherwise turn into fetching the
 * whole category and sorting it.
 */
export const SLICES: Record<SearchSort, readonly ("category_id" | "top_category_id" | "seller_level")[]> = {
  relevance: ["category_id", "top_category_id", "seller_level"],
  best_selling: ["category_id", "seller_level"],
  rating: ["seller_level"],
  newest: [],
  price_asc: ["category_id", "top_category_id"],
  price_desc: ["category_id", "top_category_id"],
};

/** What a walk reads per row: the card, the sort key, the filter columns and the one text vector it tests. */
function scanColumns(query: PageQuery): string {
  const vector =
    query.match === null
      ? []
      : query.match.textClass === 2
        ? ["tsv_title"]
        : query.match.textClass === 1
          ? ["tsv_title", "tsv_strong"]
          : query.match.textClass === 0
            ? ["tsv_strong", "tsv_all"]
            : ["tsv_all"];
  const columns = new Set([
    ...CARD_COLUMNS.split(", ").map((c) => c.replace("d.", "")),
    SORT_COLUMNS[query.sort].column,
    "category_id",
    "top_category_id",
    ...vector,
  ]);
  return [...columns].map((c) => `s.${c}`).join(", ");
}

/**
 * A document as the memory index reads it: one JSON array per row (the whole chunk comes back as
 * one text value, which PGlite decodes much faster than thousands of rows).
 */
const MEMORY_DOCUMENT = `json_build_array(gig_id, title, slug, seller_username, seller_display_name, seller_level,
  currency, cover_file_id, category_id, top_category_id, starting_price, delivery_days, rating_sum, rating_count,
  orders_completed, (extract(epoch FROM published_at) * 1000)::float8, quality, rating_score,
  tsvector_to_array(tsv_title), tsvector_to_array(tsv_strong), tsvector_to_array(tsv_all))`;

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

function indexedDocuments(json: string | null | undefined): IndexedDocument[] {
  if (!json) return [];
  const rows: unknown = JSON.parse(json);
  if (!Array.isArray(rows)) throw new Error("search documents: expected an array");
  return rows.map((r: unknown): IndexedDocument => {
    if (!Array.isArray(r) || r.length !== 21) throw new Error("search document: malformed row");
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
    };
  });
}

const where = (clauses: string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "");

export interface PageQuery {
  match: TextMatch;
  filters: SearchFilters;
  sort: SearchSort;
  after: { key: number | string; gigId: string } | null;
  limit: number;
}

/** The only place search's SQL lives (the index writes are in search.index-repository.ts). */
export function createSearchRepository({ db }: { db: Queryable }) {
  return {
    /**
     * Stems of words (english configuration; stop words have none), and whether every stem is in the
     * vocabulary. Only words of `minLength`+ letters are looked up; shorter ones are never corrected.
     */
    async resolveWords(
      words: readonly string[],
      minLength: number,
    ): Promise<{ word: string; lexemes: string[]; known: boolean }[]> {
      return db.query<{ word: string; lexemes: string[]; known: boolean }>(
        `SELECT w.word, l.lexemes,
                char_length(w.word) < $2
                  OR NOT EXISTS (SELECT 1 FROM unnest(l.lexemes) x
                                 WHERE NOT EXISTS (SELECT 1 FROM search_words sw WHERE sw.lexeme = x)) AS known
         FROM unnest($1::text[]) w(word)
         CROSS JOIN LATERAL (SELECT tsvector_to_array(to_tsvector('english', w.word)) AS lexemes) l`,
        [words, minLength],
      );
    },

    /**
     * Whether any document has every one of these stems. Asked only for stems missing from the
     * vocabulary (a rare word, or a typo), whose posting lists are short: the text index answers at once.
     */
    async lexemesIndexed(tsquery: string): Promise<boolean> {
      const rows = await db.query("SELECT 1 FROM search_documents WHERE tsv_all @@ $1::tsquery LIMIT 1", [
        tsquery,
      ]);
      return rows.length > 0;
    },

    /** The vocabulary words nearest to `word` by trigram distance, for typo correction. */
    async nearestWords(word: string, limit: number): Promise<VocabularyWord[]> {
      const rows = await db.query<{ word: string; lexeme: string | null; doc_count: number }>(
        "SELECT word, lexeme, doc_count FROM search_words ORDER BY word <-> $1 LIMIT $2",
        [word, limit],
      );
      return rows.map((r) => ({ word: r.word, lexeme: r.lexeme, docCount: r.doc_count }));
    },

    categories: () =>
      db.query<{ id: string; slug: string; parent_id: string | null }>(
        "SELECT id, slug, parent_id FROM categories",
      ),

    /** The sample's threshold and how many table pages it spans (to read its rows in slices). */
    sampleSettings: async () =>
      (
        await db.query<{ threshold: number; pages: number }>(
          "SELECT s.sample_threshold AS threshold, (pg_relation_size('search_sample') / 8192)::int AS pages FROM search_settings s",
        )
      )[0],

    sampleCount: async () =>
      (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM search_sample"))[0]?.n ?? 0,

    /**
     * The filter columns of the sample rows stored in table pages [fromPage, toPage), kept in
     * memory to count filter-only searches. One text value, not a row per document: PGlite spends
     * more on decoding 10,000 result rows than on reading them.
     */
    async sampleRows(fromPage: number, toPage: number): Promise<SampleRow[]> {
      const rows = await db.query<{ rows: string | null }>(
        `SELECT string_agg(concat_ws(' ', category_id, top_category_id, seller_level, starting_price, delivery_days,
                                     rating_sum, rating_count), E'\\n') AS rows
         FROM search_sample WHERE ctid >= $1::tid AND ctid < $2::tid`,
        [`(${fromPage},0)`, `(${toPage},0)`],
      );
      const text = rows[0]?.rows;
      if (!text) return [];
      return text.split("\n").map((line) => {
        const [categoryId = "", topCategoryId = "", sellerLevel = "", price, days, sum, count] =
          line.split(" ");
        return {
          categoryId,
          topCategoryId,
          sellerLevel,
          price: Number(price),
          deliveryDays: Number(days),
          ratingSum: Number(sum),
          ratingCount: Number(count),
        };
      });
    },

    /**
     * Counts a search per facet in one pass: the grand total with its relevance classes and delivery
     * buckets, per category (one level below the filter) and per seller level. `table` is the sample
     * (estimates) or the documents (exact).
     */
    async count(
      table: "search_sample" | "search_documents",
      tsquery: string | null,
      filters: SearchFilters,
      deliveryDays: readonly number[],
    ): Promise<CountRow[]> {
      const p = new Params();
      const clauses = [
        ...textClause(p, tsquery ? { tsquery, textClass: "any" } : null, "d"),
        ...filterClauses(p, filters, "d"),
      ];
      const q = tsquery ? p.add(tsquery, "::tsquery") : null;
      const facet = filters.category ? "category_id" : "top_category_id";
      const buckets = deliveryDays.map(
        (days, i) => `count(*) FILTER (WHERE d.delivery_days <= ${p.add(days, "::int")})::int AS d${i}`,
      );
      const rows = await db.query<Record<string, unknown>>(
        `SELECT GROUPING(d.${facet}) AS g_cat, GROUPING(d.seller_level) AS g_level, d.${facet} AS category_id, d.seller_level,
                count(*)::int AS n,
                ${q ? `count(*) FILTER (WHERE d.tsv_title @@ ${q})::int` : "0"} AS title_n,
                ${q ? `count(*) FILTER (WHERE d.tsv_strong @@ ${q})::int` : "0"} AS strong_n
                ${buckets.map((b) => `, ${b}`).join("")}
         FROM ${table} d
         ${where(clauses)}
         GROUP BY GROUPING SETS ((d.${facet}), (d.seller_level), ())`,
        p.values,
      );
      return rows.map((r) => ({
        group: r.g_cat === 1 && r.g_level === 1 ? "total" : r.g_level === 1 ? "category" : "level",
        category_id: typeof r.category_id === "string" ? r.category_id : null,
        seller_level: typeof r.seller_level === "string" ? r.seller_level : null,
        n: Number(r.n),
        title_n: Number(r.title_n),
        strong_n: Number(r.strong_n),
        delivery: deliveryDays.map((_, i) => Number(r[`d${i}`])),
      }));
    },

    /**
     * A page by walking the sort-order index: reads at most `budget` documents after the cursor in
     * sort order and keeps those that match. Cheap when matches are dense; the caller falls back to
     * `matchPage` when fewer than `limit` turn up.
     */
    async scanPage(query: PageQuery, budget: number): Promise<CardRow[]> {
      const p = new Params();
      // Predicates an index walks by are applied while walking: the category and the seller level
      // (each has its own sort indexes) and a price range when sorting by price (where the walk
      // starts and stops). Other filters are checked on the rows the walk reads.
      const f = query.filters;
      const slices = SLICES[query.sort];
      const inner = [
        ...(f.category && slices.includes(f.category.isTop ? "top_category_id" : "category_id")
          ? [`s.${f.category.isTop ? "top_category_id" : "category_id"} = ${p.add(f.category.id)}`]
          : []),
        ...(f.sellerLevel !== null && slices.includes("seller_level")
          ? [`s.seller_level = ${p.add(f.sellerLevel)}`]
          : []),
        ...(query.sort === "price_asc" || query.sort === "price_desc"
          ? [
              ...(f.minPrice !== null ? [`s.starting_price >= ${p.add(f.minPrice)}`] : []),
              ...(f.maxPrice !== null ? [`s.starting_price <= ${p.add(f.maxPrice)}`] : []),
            ]
          : []),
        ...keysetClause(p, query.sort, query.after, "s"),
      ];
      const outer = [...textClause(p, query.match, "d"), ...filterClauses(p, query.filters, "d")];
      const column = SORT_COLUMNS[query.sort].column;
      return db.query<CardRow>(
        `SELECT ${CARD_COLUMNS}, d.${column} AS sort_key
         FROM (SELECT ${scanColumns(query)} FROM search_documents s ${where(inner)} ORDER BY ${orderBy(query.sort, "s")} LIMIT ${p.add(budget, "::int")}) d
         ${where(outer)}
         ORDER BY ${orderBy(query.sort, "d")}
         LIMIT ${p.add(query.limit, "::int")}`,
        p.values,
      );
    },

    /**
     * A page from the whole match set: the matching documents are found through the text and filter
     * indexes (materialised on their own, so the planner cannot turn it into an index-order walk),
     * only their ids and sort keys are sorted, and the page's cards are read last. Cost grows with
     * the size of the match set; used when it is small.
     */
    async matchPage(query: PageQuery): Promise<CardRow[]> {
      const p = new Params();
      const clauses = [
        ...textClause(p, query.match, "d"),
        ...filterClauses(p, query.filters, "d"),
        ...keysetClause(p, query.sort, query.after, "d"),
      ];
      const s = SORT_COLUMNS[query.sort];
      const dir = s.descending ? "DESC" : "ASC";
      return db.query<CardRow>(
        `WITH m AS MATERIALIZED (SELECT d.gig_id, d.${s.column} AS sort_key FROM search_documents d ${where(clauses)}),
         top AS (SELECT gig_id, sort_key FROM m ORDER BY sort_key ${dir}, gig_id ${dir} LIMIT ${p.add(query.limit, "::int")})
         SELECT ${CARD_COLUMNS}, top.sort_key FROM top JOIN search_documents d ON d.gig_id = top.gig_id
         ORDER BY top.sort_key ${dir}, top.gig_id ${dir}`,
        p.values,
      );
    },

    /**
     * A page of a small result set in text relevance order, every class in one statement: the
     * matches are fetched through the text index with their class (title, strong, anywhere), sorted
     * by (class, quality, id) and the page's cards read last. The class loop would run one
     * statement per class; for a set this small each of them costs what the whole does.
     */
    async rankedMatchPage(
      tsquery: string,
      filters: SearchFilters,
      after: { textClass: TextClass; key: number | string; gigId: string } | null,
      limit: number,
    ): Promise<(CardRow & { text_class: TextClass })[]> {
      const p = new Params();
      const clauses = [
        ...textClause(p, { tsquery, textClass: "any" }, "d"),
        ...filterClauses(p, filters, "d"),
      ];
      const q = p.add(tsquery, "::tsquery");
      const keyset = after
        ? `WHERE (text_class, sort_key, gig_id) < (${p.add(after.textClass, "::int")}, ${p.add(after.key, "::int")}, ${p.add(after.gigId)})`
        : "";
      return db.query<CardRow & { text_class: TextClass }>(
        `WITH m AS MATERIALIZED (
           SELECT d.gig_id, d.quality AS sort_key,
                  CASE WHEN d.tsv_title @@ ${q} THEN 2 WHEN d.tsv_strong @@ ${q} THEN 1 ELSE 0 END AS text_class
           FROM search_documents d ${where(clauses)}),
         top AS (SELECT gig_id, sort_key, text_class FROM m ${keyset}
                 ORDER BY text_class DESC, sort_key DESC, gig_id DESC LIMIT ${p.add(limit, "::int")})
         SELECT ${CARD_COLUMNS}, top.sort_key, top.text_class FROM top JOIN search_documents d ON d.gig_id = top.gig_id
         ORDER BY top.text_class DESC, top.sort_key DESC, top.gig_id DESC`,
        p.values,
      );
    },

    /**
     * The naive plan, for the benchmark only: every match ranked by ts_rank (or sorted by the sort
     * column without words), OFFSET pagination, and an exact count.
     */
    async naivePage(
      tsquery: string | null,
      filters: SearchFilters,
      sort: SearchSort,
      limit: number,
      offset: number,
    ): Promise<{ rows: CardRow[]; total: number }> {
      const p = new Params();
      const clauses = [
        ...textClause(p, tsquery ? { tsquery, textClass: "any" } : null, "d"),
        ...filterClauses(p, filters, "d"),
      ];
      const s = SORT_COLUMNS[sort];
      const rank =
        tsquery && sort === "relevance" ? `ts_rank(d.tsv_all, ${p.add(tsquery, "::tsquery")})` : null;
      const rows = await db.query<CardRow>(
        `SELECT ${CARD_COLUMNS}, d.${s.column} AS sort_key FROM search_documents d ${where(clauses)}
         ORDER BY ${rank ? `${rank} DESC, d.gig_id` : orderBy(sort, "d")}
         LIMIT ${p.add(limit, "::int")} OFFSET ${p.add(offset, "::int")}`,
        p.values,
      );
      const c = new Params();
      const countClauses = [
        ...textClause(c, tsquery ? { tsquery, textClass: "any" } : null, "d"),
        ...filterClauses(c, filters, "d"),
      ];
      const total = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM search_documents d ${where(countClauses)}`,
        c.values,
      );
      return { rows, total: total[0]?.n ?? 0 };
    },

    // ---- the memory engine's loads ------------------------------------------------------------------

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

    // ---- suggestions -------------------------------------------------------------------------------

    /** Searches that found something, made by at least `minUsers` signed-in people. */
    popularQueries: (prefix: string, limit: number, minUsers: number) =>
      db.query<{ text: string }>(
        `SELECT query AS text FROM search_queries
         WHERE query LIKE $1 ESCAPE '\\' AND last_total > 0 AND users >= $3
         ORDER BY searches DESC, query LIMIT $2`,
        [`${likeEscape(prefix)}%`, limit, minUsers],
      ),

    popularTags: (prefix: string, limit: number) =>
      db.query<{ text: string }>(
        `SELECT tag AS text FROM search_tags WHERE tag LIKE $1 ESCAPE '\\' ORDER BY doc_count DESC, tag LIMIT $2`,
        [`${likeEscape(prefix)}%`, limit],
      ),

    matchingCategories: (prefix: string, limit: number) =>
      db.query<{ text: string; slug: string }>(
        `SELECT name AS text, slug FROM categories
         WHERE lower(name) LIKE $1 ESCAPE '\\' OR lower(name) LIKE $2 ESCAPE '\\'
         ORDER BY parent_id IS NOT NULL, position, name LIMIT $3`,
        [`${likeEscape(prefix)}%`, `% ${likeEscape(prefix)}%`, limit],
      ),

    // ---- analytics ---------------------------------------------------------------------------------

    /** Appends rows to the search log. */
    async insertSearchLog(entries: readonly SearchLogEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await db.query(
        `INSERT INTO search_log (id, query, terms, filters, sort, first_page, result_count, total, total_approximate, user_id, created_at)
         SELECT id, query, string_to_array(terms, ' '), filters::jsonb, sort, first_page, result_count, total, approx, user_id, created_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::int[], $8::int[],
                     $9::boolean[], $10::text[], $11::timestamptz[])
           AS t(id, query, terms, filters, sort, first_page, result_count, total, approx, user_id, created_at)`,
        [
          entries.map((e) => e.id),
          entries.map((e) => e.query),
          entries.map((e) => e.terms.join(" ")),
          entries.map((e) => JSON.stringify(e.filters)),
          entries.map((e) => e.sort),
          entries.map((e) => e.firstPage),
          entries.map((e) => e.resultCount),
          entries.map((e) => e.total),
          entries.map((e) => e.totalApproximate),
          entries.map((e) => e.userId),
          entries.map((e) => e.createdAt),
        ],
      );
    },

    /** Adds impressions (distinct gig and day per row) to the per-day counts. */
    async addImpressions(rows: readonly ImpressionCount[]): Promise<void> {
      if (rows.length === 0) return;
      await db.query(
        `INSERT INTO search_impressions (gig_id, day, count)
         SELECT gig_id, day, count FROM unnest($1::text[], $2::date[], $3::int[]) AS t(gig_id, day, count)
         ON CONFLICT (gig_id, day) DO UPDATE SET count = search_impressions.count + EXCLUDED.count`,
        [rows.map((r) => r.gigId), rows.map((r) => r.day), rows.map((r) => r.count)],
      );
    },

    /**
     * Adds searches (distinct queries) to the counts that drive suggestions, and the signed-in
     * people who made them: `users` counts each person once per query, ever.
     */
    async addQueryCounts(rows: readonly QueryCount[]): Promise<void> {
      if (rows.length === 0) return;
      const pairs = rows.flatMap((r) => r.userIds.map((userId) => [r.query, userId] as const));
      await db.query(
        `WITH new_users AS (
           INSERT INTO search_query_users (query, user_id)
           SELECT query, user_id FROM unnest($5::text[], $6::text[]) AS u(query, user_id)
           ORDER BY query, user_id
           ON CONFLICT DO NOTHING
           RETURNING query
         ), added AS (SELECT query, count(*)::int AS n FROM new_users GROUP BY query)
         INSERT INTO search_queries (query, searches, last_total, last_at, users)
         SELECT t.query, t.searches, t.last_total, t.last_at, COALESCE(a.n, 0)
         FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamptz[]) AS t(query, searches, last_total, last_at)
         LEFT JOIN added a ON a.query = t.query
         ORDER BY t.query
         ON CONFLICT (query) DO UPDATE SET searches = search_queries.searches + EXCLUDED.searches,
           last_total = EXCLUDED.last_total,
           last_at = greatest(search_queries.last_at, EXCLUDED.last_at),
           users = search_queries.users + EXCLUDED.users`,
        [
          rows.map((r) => r.query),
          rows.map((r) => r.searches),
          rows.map((r) => r.lastTotal),
          rows.map((r) => r.lastAt),
          pairs.map(([query]) => query),
          pairs.map(([, userId]) => userId),
        ],
      );
    },

    async insertClick(click: {
      searchId: string;
      gigId: string;
      position: number;
      userId: string | null;
      at: Date;
    }) {
      await db.query(
        "INSERT INTO search_clicks (search_id, gig_id, position, user_id, created_at) VALUES ($1, $2, $3, $4, $5)",
        [click.searchId, click.gigId, click.position, click.userId, click.at],
      );
    },
  };
}

export interface SearchLogEntry {
  id: string;
  query: string | null;
  /**
   * The query as it may be suggested to others: normalised, with each corrected word replaced by its
   * correction; null without words or when a word's correction was ambiguous. Not logged.
   */
  suggestion: string | null;
  terms: string[];
  filters: Record<string, string | number>;
  sort: SearchSort;
  firstPage: boolean;
  resultCount: number;
  /** The gigs the page showed: each is one impression (the seller dashboard's figures). */
  gigIds: readonly string[];
  total: number;
  totalApproximate: boolean;
  userId: string | null;
  createdAt: Date;
}

/** How often a gig was shown on one day, summed in memory before it is written. */
export interface ImpressionCount {
  gigId: string;
  day: string;
  count: number;
}

/** How often a query was searched (first pages that found something), summed in memory. */
export interface QueryCount {
  query: string;
  searches: number;
  lastTotal: number;
  lastAt: Date;
  /** The signed-in people among those searches (each once). */
  userIds: string[];
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
