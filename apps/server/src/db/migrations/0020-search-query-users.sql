-- Suggestions ("related searches") show only queries several people made: each signed-in person who
-- ran a query that found something is kept once per query, and `users` counts them. Rows written
-- before this migration start at 0 (their queries may be raw misspellings) and are suggested again
-- only once enough people search them under their corrected spelling.
CREATE TABLE search_query_users (
  query    text COLLATE "C" NOT NULL,
  user_id  text             NOT NULL,
  PRIMARY KEY (query, user_id)
);
ALTER TABLE search_queries ADD COLUMN users integer NOT NULL DEFAULT 0;
