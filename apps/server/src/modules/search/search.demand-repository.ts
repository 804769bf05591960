import type { Queryable } from "../../db/client";

export interface DemandRow {
  query: string;
  category: string;
  category_name: string | null;
  searches: number;
  searchers: number;
  average_results: number;
  this_week: number;
  previous_week: number;
}

/** The demand radar's tables: search_demand (daily aggregate of search_log) and its last run. */
export function createDemandRepository(db: Queryable) {
  return {
    /** The last aggregated day (YYYY-MM-DD), or the first logged one; null when there is nothing. */
    async resumeDay(): Promise<string | null> {
      const rows = await db.query<{ day: string | null }>(
        `SELECT to_char(COALESCE((SELECT max(day) FROM search_demand),
                                 (SELECT min(created_at AT TIME ZONE 'UTC')::date FROM search_log)), 'YYYY-MM-DD') AS day`,
      );
      return rows[0]?.day ?? null;
    },

    /**
     * Re-aggregates every day from `fromDay` on: first pages with words whose query matched at most
     * `maxResults` gigs with every word, per day, query, category filter and searcher.
     */
    async aggregate(fromDay: string, maxResults: number): Promise<void> {
      await db.query("DELETE FROM search_demand WHERE day >= $1::date", [fromDay]);
      await db.query(
        `INSERT INTO search_demand (day, query, category, searcher, searches, matches_sum)
         SELECT (created_at AT TIME ZONE 'UTC')::date, query, COALESCE(filters->>'category', ''), COALESCE(user_id, ''),
                count(*), sum(COALESCE(full_matches, total))
         FROM search_log
         WHERE first_page AND query IS NOT NULL AND query <> ''
           AND created_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'
           AND COALESCE(full_matches, total) <= $2
         GROUP BY 1, 2, 3, 4`,
        [fromDay, maxResults],
      );
    },

    /** Deletes the raw log, clicks, impressions and aggregates from before `before`. */
    async purge(before: Date): Promise<void> {
      await db.query("DELETE FROM search_log WHERE created_at < $1", [before]);
      await db.query("DELETE FROM search_clicks WHERE created_at < $1", [before]);
      await db.query(
        "DELETE FROM search_impressions WHERE day < ($1::timestamptz AT TIME ZONE 'UTC')::date",
        [before],
      );
      await db.query("DELETE FROM search_demand WHERE day < ($1::timestamptz AT TIME ZONE 'UTC')::date", [
        before,
      ]);
    },

    async markRun(at: Date): Promise<void> {
      await db.query(
        `INSERT INTO search_demand_runs (id, aggregated_at) VALUES (true, $1)
         ON CONFLICT (id) DO UPDATE SET aggregated_at = EXCLUDED.aggregated_at`,
        [at],
      );
    },

    async lastRun(): Promise<Date | null> {
      const rows = await db.query<{ aggregated_at: Date }>("SELECT aggregated_at FROM search_demand_runs");
      return rows[0]?.aggregated_at ?? null;
    },

    /**
     * Queries searched since `fromDay` by at least `minSearchers` distinct signed-in people, optionally
     * in one category or its subcategories, with searches in the last two weeks for the trend.
     */
    demand: (p: {
      fromDay: string;
      weekDay: string;
      previousWeekDay: string;
      category: string | null;
      minSearchers: number;
      limit: number;
    }) =>
      db.query<DemandRow>(
        `WITH d AS (
           SELECT * FROM search_demand
           WHERE day >= least($1::date, $3::date)
             AND ($4::text IS NULL OR category IN (
               SELECT c.slug FROM categories c
               WHERE c.slug = $4 OR c.parent_id = (SELECT p.id FROM categories p WHERE p.slug = $4)))
         )
         SELECT d.query, d.category, c.name AS category_name,
                sum(d.searches) FILTER (WHERE d.day >= $1::date)::int AS searches,
                count(DISTINCT d.searcher) FILTER (WHERE d.day >= $1::date AND d.searcher <> '')::int AS searchers,
                (sum(d.matches_sum) FILTER (WHERE d.day >= $1::date))::float8
                  / sum(d.searches) FILTER (WHERE d.day >= $1::date) AS average_results,
                COALESCE(sum(d.searches) FILTER (WHERE d.day >= $2::date), 0)::int AS this_week,
                COALESCE(sum(d.searches) FILTER (WHERE d.day >= $3::date AND d.day < $2::date), 0)::int AS previous_week
         FROM d LEFT JOIN categories c ON c.slug = d.category
         GROUP BY d.query, d.category, c.name
         HAVING count(DISTINCT d.searcher) FILTER (WHERE d.day >= $1::date AND d.searcher <> '') >= $5
         ORDER BY searchers DESC, searches DESC, d.query, d.category
         LIMIT $6`,
        [p.fromDay, p.weekDay, p.previousWeekDay, p.category, p.minSearchers, p.limit],
      ),
  };
}
