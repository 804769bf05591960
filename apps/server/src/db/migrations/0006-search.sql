-- Search: one denormalised document per searchable gig (active, seller not suspended), kept in step
-- by the catalog in the same transaction as every gig change. Everything a result card, a filter or a
-- sort needs is a column here, so a search never joins gigs or users. See docs/search.md.

CREATE TABLE search_documents (
  gig_id               text        PRIMARY KEY,
  seller_id            text        NOT NULL,
  title                text        NOT NULL,
  slug                 text        NOT NULL,
  seller_username      text        NOT NULL,
  seller_display_name  text        NOT NULL,
  seller_level         text        NOT NULL,
  category_id          text        NOT NULL,
  top_category_id      text        NOT NULL,
  tags                 text[]      NOT NULL,
  currency             text        NOT NULL,
  starting_price       bigint      NOT NULL,
  delivery_days        integer     NOT NULL,
  rating_sum           bigint      NOT NULL,
  rating_count         integer     NOT NULL,
  orders_completed     integer     NOT NULL,
  published_at         timestamptz NOT NULL,
  cover_file_id        text,
  -- The static rank (rating, orders, level) scaled to 0..1,000,000: the popularity order.
  quality              integer     NOT NULL,
  -- Bayesian average rating scaled by 100,000, for the "rating" sort.
  rating_score         integer     NOT NULL,
  -- A stable hash of the id; documents under the threshold in search_settings form the sample.
  sample_key           integer     NOT NULL,
  -- Text match classes, strongest first: every word in the title; in title, tags or seller name;
  -- anywhere including the description.
  tsv_title            tsvector    NOT NULL,
  tsv_strong           tsvector    NOT NULL,
  tsv_all              tsvector    NOT NULL
);

CREATE INDEX search_documents_tsv_title ON search_documents USING gin (tsv_title);
CREATE INDEX search_documents_tsv_strong ON search_documents USING gin (tsv_strong);
CREATE INDEX search_documents_tsv_all ON search_documents USING gin (tsv_all);
-- One index per sort order (keyset pagination walks them); the id breaks ties.
CREATE INDEX search_documents_by_quality ON search_documents (quality, gig_id);
CREATE INDEX search_documents_by_orders ON search_documents (orders_completed, gig_id);
CREATE INDEX search_documents_by_rating ON search_documents (rating_score, gig_id);
CREATE INDEX search_documents_by_published ON search_documents (published_at, gig_id);
CREATE INDEX search_documents_by_price ON search_documents (starting_price, gig_id);
-- Sort orders a filter runs against get their own slices, so walking them stays short: categories
-- differ in price (logos are cheap, apps are not) and in popularity; new sellers sit at the far end
-- of every popularity order. Orders uncorrelated with a filter (newest) walk the global index.
CREATE INDEX search_documents_category_quality ON search_documents (category_id, quality, gig_id);
CREATE INDEX search_documents_category_orders ON search_documents (category_id, orders_completed, gig_id);
CREATE INDEX search_documents_category_price ON search_documents (category_id, starting_price, gig_id);
CREATE INDEX search_documents_top_category_quality ON search_documents (top_category_id, quality, gig_id);
CREATE INDEX search_documents_top_category_price ON search_documents (top_category_id, starting_price, gig_id);
CREATE INDEX search_documents_level_quality ON search_documents (seller_level, quality, gig_id);
CREATE INDEX search_documents_level_orders ON search_documents (seller_level, orders_completed, gig_id);
CREATE INDEX search_documents_level_rating ON search_documents (seller_level, rating_score, gig_id);
-- Filters, combined by bitmap scans when a result set is small.
CREATE INDEX search_documents_delivery ON search_documents (delivery_days);
CREATE INDEX search_documents_seller ON search_documents (seller_id);
CREATE INDEX search_documents_sample ON search_documents (sample_key);

-- A uniform random sample of the documents (about `sampleSize` of them), small enough to scan per
-- query: it estimates result counts and facets of large result sets, and picks the query plan.
CREATE TABLE search_sample (
  gig_id           text     PRIMARY KEY,
  category_id      text     NOT NULL,
  top_category_id  text     NOT NULL,
  seller_level     text     NOT NULL,
  starting_price   bigint   NOT NULL,
  delivery_days    integer  NOT NULL,
  rating_sum       bigint   NOT NULL,
  rating_count     integer  NOT NULL,
  tsv_title        tsvector NOT NULL,
  tsv_strong       tsvector NOT NULL,
  tsv_all          tsvector NOT NULL
);
-- Rare words are counted through the index instead of a scan of the whole sample.
CREATE INDEX search_sample_tsv_all ON search_sample USING gin (tsv_all);

CREATE TABLE search_settings (
  id                boolean PRIMARY KEY DEFAULT true CHECK (id),
  -- Documents with sample_key below this are in search_sample; 2^31 - 1 means all of them.
  sample_threshold  integer NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
INSERT INTO search_settings (id, sample_threshold) VALUES (true, 2147483647);

-- The vocabulary of indexed words (lower case, not stemmed) with their stem, for typo correction
-- (trigram neighbours, then an edit distance) and for sizing terms. doc_count is refreshed in bulk.
CREATE TABLE search_words (
  word       text    PRIMARY KEY,
  lexeme     text,
  doc_count  integer NOT NULL DEFAULT 1
);
CREATE INDEX search_words_trgm ON search_words USING gist (word gist_trgm_ops);
CREATE INDEX search_words_lexeme ON search_words (lexeme);

-- Tags of searchable gigs with live counts, for suggestions.
CREATE TABLE search_tags (
  tag        text COLLATE "C" PRIMARY KEY,
  doc_count  integer NOT NULL
);
CREATE INDEX search_tags_popular ON search_tags (doc_count DESC);

-- What buyers search for: every search, and the results they open.
CREATE TABLE search_log (
  id                 text        PRIMARY KEY,
  query              text,
  terms              text[]      NOT NULL,
  filters            jsonb       NOT NULL,
  sort               text        NOT NULL,
  -- false for the later pages of a search (requests with a cursor).
  first_page         boolean     NOT NULL,
  result_count       integer     NOT NULL,
  total              integer     NOT NULL,
  total_approximate  boolean     NOT NULL,
  user_id            text,
  created_at         timestamptz NOT NULL
);
CREATE INDEX search_log_created ON search_log (created_at);
CREATE INDEX search_log_query ON search_log (query, created_at) WHERE query IS NOT NULL;

CREATE TABLE search_clicks (
  search_id   text        NOT NULL,
  gig_id      text        NOT NULL,
  position    integer     NOT NULL,
  user_id     text,
  created_at  timestamptz NOT NULL
);
CREATE INDEX search_clicks_search ON search_clicks (search_id);
CREATE INDEX search_clicks_gig ON search_clicks (gig_id, created_at);

-- Queries buyers ran that found something, counted, for suggestions.
CREATE TABLE search_queries (
  query       text COLLATE "C" PRIMARY KEY,
  searches    integer     NOT NULL,
  last_total  integer     NOT NULL,
  last_at     timestamptz NOT NULL
);
CREATE INDEX search_queries_popular ON search_queries (searches DESC);
