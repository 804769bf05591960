import type { SearchSort } from "@atelier/contracts";
import type { Queryable } from "../../db/client";

/** The search log, impressions, query counts and clicks (written off the request path). */
export function createSearchLogRepository(db: Queryable) {
  return {
    /** Appends rows to the search log. */
    async insertSearchLog(entries: readonly SearchLogEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await db.query(
        `INSERT INTO search_log (id, query, terms, filters, sort, first_page, result_count, total, total_approximate, user_id, created_at, full_matches)
         SELECT id, query, string_to_array(terms, ' '), filters::jsonb, sort, first_page, result_count, total, approx, user_id, created_at, full_matches
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::int[], $8::int[],
                     $9::boolean[], $10::text[], $11::timestamptz[], $12::int[])
           AS t(id, query, terms, filters, sort, first_page, result_count, total, approx, user_id, created_at, full_matches)`,
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
          entries.map((e) => e.fullMatches),
        ],
      );
    },

    /** Adds impressions (distinct gig and day per row) to the per-day counts and position sums. */
    async addImpressions(rows: readonly ImpressionCount[]): Promise<void> {
      if (rows.length === 0) return;
      await db.query(
        `INSERT INTO search_impressions (gig_id, day, count, ranked, position_sum)
         SELECT gig_id, day, count, ranked, position_sum
         FROM unnest($1::text[], $2::date[], $3::int[], $4::int[], $5::bigint[]) AS t(gig_id, day, count, ranked, position_sum)
         ON CONFLICT (gig_id, day) DO UPDATE SET count = search_impressions.count + EXCLUDED.count,
           ranked = search_impressions.ranked + EXCLUDED.ranked,
           position_sum = search_impressions.position_sum + EXCLUDED.position_sum`,
        [
          rows.map((r) => r.gigId),
          rows.map((r) => r.day),
          rows.map((r) => r.count),
          rows.map((r) => r.ranked),
          rows.map((r) => r.positionSum),
        ],
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

export type SearchLogRepository = ReturnType<typeof createSearchLogRepository>;

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
  /** Gigs matching every word (`total` before relaxed partial matches were added): the demand radar's measure. */
  fullMatches: number;
  userId: string | null;
  createdAt: Date;
}

/** How often a gig was shown on one day, summed in memory before it is written. */
export interface ImpressionCount {
  gigId: string;
  day: string;
  count: number;
  /** Impressions on first pages, whose position is known, and the sum of those 1-based positions. */
  ranked: number;
  positionSum: number;
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
