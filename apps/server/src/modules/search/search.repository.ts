import type { SearchSort } from "@atelier/contracts";
import type { Queryable } from "../../db/client";
import type { SampleRow } from "./search.counts";
import type { CardRow, CountRow, SearchFilters, TextClass, VocabularyWord } from "./search.models";

/** Sort orders as index columns; every sort is (column, gig_id) in one direction, served by one index. */
const SORT_COLUMNS: Record<SearchSort, { column: string; descending: boolean; time: boolean }> = {
  relevance: { column: "quality", descending: true, time: false },
  best_selling: { column: "orders_completed", descending: true, time: false },
  rating: { column: "rating_score", descending: true, time: false },
  newest: { column: "published_at", descending: true, time: true },
  price_asc: { column: "starting_price", descending: false, time: false },
  price_desc: { column: "starting_price", descending: true, time: false },
};

/** A card's columns of `search_documents d` (every page statement and the brief candidates' read them). */
export const CARD_COLUMNS =
  "d.gig_id, d.title, d.slug, d.seller_username, d.seller_display_name, d.seller_level, d.currency, d.starting_price, " +
  "d.rating_sum, d.rating_count, d.delivery_days, d.cover_file_id, d.ai_use, d.category_id, d.top_category_id";

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
  if (f.aiUse !== null) out.push(`${alias}.ai_use = ${p.add(f.aiUse)}`);
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

/**
 * The same condition as `keysetClause` for a match set, spelled so the planner estimates it: the key
 * bound on its own (`quality <= k`, which the column's statistics price right) and the tie on the id.
 * A row comparison is estimated from its first column's strict inequality alone, so on a plateau of
 * equal keys (a third of all documents share the quality of a new gig without reviews) it was taken
 * for a handful of rows and the planner walked the sort index filtering by the words instead of
 * using the text index: 4 s for a deep page's match set, 4.5 ms spelled this way (docs/search.md
 * "Deep pages").
 */
function keysetFilter(
  p: Params,
  sort: SearchSort,
  after: { key: number | string; gigId: string } | null,
  alias: string,
): string[] {
  if (!after) return [];
  const s = SORT_COLUMNS[sort];
  const key = p.add(after.key, s.time ? "::timestamptz" : "::bigint");
  const [bound, strict] = s.descending ? ["<=", "<"] : [">=", ">"];
  return [
    `${alias}.${s.column} ${bound} ${key}`,
    `(${alias}.${s.column} ${strict} ${key} OR ${alias}.gig_id ${strict} ${p.add(after.gigId)})`,
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

const where = (clauses: string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "");

export interface PageQuery {
  match: TextMatch;
  filters: SearchFilters;
  sort: SearchSort;
  after: { key: number | string; gigId: string } | null;
  limit: number;
}

/** The only place search's SQL lives (the index writes are in search.index-repository.ts). */
export function createSearchRepository(db: Queryable) {
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
      // A count, not `LIMIT 1`: statements are prepared by name, and after five runs PostgreSQL may
      // keep a generic plan, which for `… @@ $1 LIMIT 1` is a sequential scan expecting an early hit —
      // for a typo, which matches nothing, a read of every document (0.6–0.9 s at a million gigs on a
      // quiet machine, seconds on a busy one). The count's generic plan is the text index's bitmap.
      const rows = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM search_documents WHERE tsv_all @@ $1::tsquery",
        [tsquery],
      );
      return (rows[0]?.n ?? 0) > 0;
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
    async scanPage(query: PageQuery, budget: number, bound: number | null = null): Promise<CardRow[]> {
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
              // Where a price-sorted walk may stop: the sample's bound (fetchPage).
              ...(bound !== null
                ? [
                    `s.starting_price ${query.sort === "price_desc" ? ">=" : "<="} ${p.add(bound, "::bigint")}`,
                  ]
                : []),
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
     * The price of the `rank`-th sampled document (in the price sort's order, after the cursor) that
     * matches the words and filters; null when the sample holds fewer. Every match that sorts before
     * it costs at least (or at most) that much, so the matches up to that price hold the page when
     * they are enough (docs/search.md "Words under a price sort"). Not for the AI-use filter, which the
     * sample does not carry.
     */
    async samplePriceBound(
      query: PageQuery,
      rank: number,
    ): Promise<{ key: number; sampledInRange: number } | null> {
      const p = new Params();
      const clauses = [
        ...textClause(p, query.match, "x"),
        ...filterClauses(p, query.filters, "x"),
        ...keysetClause(p, query.sort, query.after, "x"),
      ];
      // Also how many sampled documents passing the filters (words or not) lie from the cursor up to
      // that price: what a walk of the price order reads per match there.
      const range = [
        ...filterClauses(p, query.filters, "y"),
        ...keysetClause(p, query.sort, query.after, "y"),
        `y.starting_price ${SORT_COLUMNS[query.sort].descending ? ">=" : "<="} b.key`,
      ];
      const rows = await db.query<{ key: number | string; n: number }>(
        `WITH b AS (SELECT x.starting_price AS key FROM search_sample x
                    ${where(clauses)} ORDER BY ${orderBy(query.sort, "x")} OFFSET ${p.add(rank - 1, "::int")} LIMIT 1)
         SELECT b.key, (SELECT count(*)::int FROM search_sample y ${where(range)}) AS n FROM b`,
        p.values,
      );
      const row = rows[0];
      return row === undefined ? null : { key: Number(row.key), sampledInRange: Number(row.n) };
    },

    /**
     * A page from the whole match set: the matching documents are found through the text and filter
     * indexes (materialised on their own, so the planner cannot turn it into an index-order walk),
     * only their ids and sort keys are sorted, and the page's cards are read last. Cost grows with
     * the size of the match set; used when it is small, or cut to the part of the sort order up to
     * `bound` (inclusive) when the sample says where the page's rows are.
     */
    async matchPage(query: PageQuery, bound: number | string | null = null): Promise<CardRow[]> {
      const p = new Params();
      const s = SORT_COLUMNS[query.sort];
      const clauses = [
        ...textClause(p, query.match, "d"),
        ...filterClauses(p, query.filters, "d"),
        ...keysetFilter(p, query.sort, query.after, "d"),
        ...(bound === null
          ? []
          : [
              `d.${s.column} ${s.descending ? ">=" : "<="} ${p.add(bound, s.time ? "::timestamptz" : "::bigint")}`,
            ]),
      ];
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

    /** Whether the typo vocabulary holds every one of these stems (a word it knows is not corrected). */
    async inVocabulary(lexemes: readonly string[]): Promise<boolean> {
      const rows = await db.query<{ known: boolean }>(
        `SELECT NOT EXISTS (SELECT 1 FROM unnest($1::text[]) x
                            WHERE NOT EXISTS (SELECT 1 FROM search_words sw WHERE sw.lexeme = x)) AS known`,
        [lexemes],
      );
      return rows[0]?.known ?? false;
    },

    /**
     * A page of a relaxed search (docs/search.md "Never a dead end"): every document matching at
     * least one of the terms, ordered by its tier — how many terms it matches (times three, plus the
     * weakest class among them, in relevance order) — then the sort key and the id.
     */
    async relaxedPage(
      termQueries: readonly string[],
      filters: SearchFilters,
      sort: SearchSort,
      after: { tier: number; key: number | string; gigId: string } | null,
      limit: number,
      /** A narrower set to rank (documents with at least k of the terms); every match by default. */
      within: string | null = null,
    ): Promise<(CardRow & { tier: number })[]> {
      const p = new Params();
      const any = termQueries.map((t) => `(${t})`).join(" | ");
      const clauses = [
        ...textClause(p, { tsquery: within ?? any, textClass: "any" }, "d"),
        ...filterClauses(p, filters, "d"),
      ];
      const classes = termQueries.map((t, i) => {
        const q = p.add(t, "::tsquery");
        return `CASE WHEN d.tsv_title @@ ${q} THEN 2 WHEN d.tsv_strong @@ ${q} THEN 1 WHEN d.tsv_all @@ ${q} THEN 0 ELSE -1 END AS c${i}`;
      });
      const matched = termQueries.map((_, i) => `(c${i} >= 0)::int`).join(" + ");
      const weakest = `LEAST(${termQueries.map((_, i) => `CASE WHEN c${i} < 0 THEN 2 ELSE c${i} END`).join(", ")})`;
      const tier = sort === "relevance" ? `(${matched}) * 3 + ${weakest}` : `(${matched})`;
      const s = SORT_COLUMNS[sort];
      const dir = s.descending ? "DESC" : "ASC";
      const keyset = after
        ? `WHERE tier < ${p.add(after.tier, "::int")} OR (tier = ${p.add(after.tier, "::int")} AND (sort_key, gig_id) ${
            s.descending ? "<" : ">"
          } (${p.add(after.key, s.time ? "::timestamptz" : "::bigint")}, ${p.add(after.gigId)}))`
        : "";
      return db.query<CardRow & { tier: number }>(
        `WITH c AS MATERIALIZED (
           SELECT d.gig_id, d.${s.column} AS sort_key, ${classes.join(", ")}
           FROM search_documents d ${where(clauses)}),
         m AS (SELECT gig_id, sort_key, (${tier})::int AS tier FROM c),
         top AS (SELECT gig_id, sort_key, tier FROM m ${keyset}
                 ORDER BY tier DESC, sort_key ${dir}, gig_id ${dir} LIMIT ${p.add(limit, "::int")})
         SELECT ${CARD_COLUMNS}, top.sort_key, top.tier FROM top JOIN search_documents d ON d.gig_id = top.gig_id
         ORDER BY top.tier DESC, top.sort_key ${dir}, top.gig_id ${dir}`,
        p.values,
      );
    },

    /**
     * `count("search_sample", any of the terms, …)` and, in the same pass over the sampled rows,
     * how many match exactly k of the terms (`exactly[k]`, index 0 unused) — where a relaxed page's
     * rows are — and how many match each term (`perTerm[i]`), which orders the terms of an "at least
     * k" tsquery (search.relaxed.ts). One statement instead of two scans of the same rows.
     */
    async sampleTermCounts(
      termQueries: readonly string[],
      filters: SearchFilters,
      deliveryDays: readonly number[],
    ): Promise<{ rows: CountRow[]; exactly: number[]; perTerm: number[] }> {
      const p = new Params();
      const any = termQueries.map((t) => `(${t})`).join(" | ");
      const clauses = [
        ...textClause(p, { tsquery: any, textClass: "any" }, "d"),
        ...filterClauses(p, filters, "d"),
      ];
      const q = p.add(any, "::tsquery");
      const facet = filters.category ? "category_id" : "top_category_id";
      const buckets = deliveryDays.map(
        (days, i) => `count(*) FILTER (WHERE e.delivery_days <= ${p.add(days, "::int")})::int AS d${i}`,
      );
      const each = termQueries.map((t, i) => `(d.tsv_all @@ ${p.add(t, "::tsquery")})::int AS m${i}`);
      const matched = termQueries.map((_, i) => `e.m${i}`).join(" + ");
      const sums = termQueries.map((_, i) => `sum(e.m${i})::int AS s${i}`);
      // OFFSET 0 keeps the inner query whole: flattened, each term would be matched twice per row
      // (once for k, once for its sum).
      const rows = await db.query<Record<string, unknown>>(
        `SELECT GROUPING(e.${facet}) AS g_cat, GROUPING(e.seller_level) AS g_level, GROUPING(e.k) AS g_k,
                e.${facet} AS category_id, e.seller_level, e.k,
                count(*)::int AS n,
                count(*) FILTER (WHERE e.in_title)::int AS title_n,
                count(*) FILTER (WHERE e.in_strong)::int AS strong_n,
                ${[...buckets, ...sums].join(", ")}
         FROM (SELECT *, ${matched} AS k FROM (
                 SELECT d.${facet}, d.seller_level, d.delivery_days,
                        d.tsv_title @@ ${q} AS in_title, d.tsv_strong @@ ${q} AS in_strong, ${each.join(", ")}
                 FROM search_sample d ${where(clauses)} OFFSET 0) e) e
         GROUP BY GROUPING SETS ((e.${facet}), (e.seller_level), (), (e.k))`,
        p.values,
      );
      const exactly = termQueries.map(() => 0).concat(0);
      const perTerm = termQueries.map(() => 0);
      const counts: CountRow[] = [];
      for (const r of rows) {
        if (r.g_k === 0) {
          exactly[Number(r.k)] = Number(r.n);
          continue;
        }
        if (r.g_cat === 1 && r.g_level === 1)
          termQueries.forEach((_, i) => (perTerm[i] = Number(r[`s${i}`])));
        counts.push({
          group: r.g_cat === 1 && r.g_level === 1 ? "total" : r.g_level === 1 ? "category" : "level",
          category_id: typeof r.category_id === "string" ? r.category_id : null,
          seller_level: typeof r.seller_level === "string" ? r.seller_level : null,
          n: Number(r.n),
          title_n: Number(r.title_n),
          strong_n: Number(r.strong_n),
          delivery: deliveryDays.map((_, i) => Number(r[`d${i}`])),
        });
      }
      return { rows: counts, exactly, perTerm };
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
  };
}

export type SearchRepository = ReturnType<typeof createSearchRepository>;
