-- Visibility report and demand radar (API.md section 14, docs/search.md "Visibility" and "Demand radar").

-- Where a gig was shown: impressions on first result pages carry their 1-based position, summed per
-- gig and day with the count of such impressions, so the average position is position_sum / ranked.
ALTER TABLE search_impressions ADD COLUMN ranked integer NOT NULL DEFAULT 0;
ALTER TABLE search_impressions ADD COLUMN position_sum bigint NOT NULL DEFAULT 0;

-- How many gigs matched every word of the query (the total before relaxed partial matches were added);
-- null for rows logged before this migration.
ALTER TABLE search_log ADD COLUMN full_matches integer;
CREATE INDEX search_log_demand ON search_log (created_at) WHERE first_page AND query IS NOT NULL;

-- Searches that found few or no gigs, aggregated from search_log per day, normalised query, category
-- filter ('' for none) and searcher (user id, '' for anonymous), so that distinct searchers can be
-- counted over any window after the raw log has been purged.
CREATE TABLE search_demand (
  day          date             NOT NULL,
  query        text COLLATE "C" NOT NULL,
  category     text             NOT NULL,
  searcher     text             NOT NULL,
  searches     integer          NOT NULL,
  matches_sum  bigint           NOT NULL,
  PRIMARY KEY (day, query, category, searcher)
);
CREATE INDEX search_demand_query ON search_demand (query, category, day);

-- The aggregation job's last run (one row): the radar says how fresh its figures are.
CREATE TABLE search_demand_runs (
  id             boolean     PRIMARY KEY DEFAULT true CHECK (id),
  aggregated_at  timestamptz NOT NULL
);
