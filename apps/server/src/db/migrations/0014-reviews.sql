-- Reviews: one per side of a completed order, double-blind until both are in or the reveal time,
-- then published for good (no edits); the seller may answer a published buyer review once.
-- Seller levels: evaluated daily from the last 60 days of metrics.

CREATE TABLE reviews (
  id                    text        PRIMARY KEY,
  order_id              text        NOT NULL REFERENCES orders (id),
  gig_id                text        NOT NULL REFERENCES gigs (id),
  side                  text        NOT NULL CHECK (side IN ('buyer', 'seller')),
  author_id             text        NOT NULL REFERENCES users (id),
  subject_id            text        NOT NULL REFERENCES users (id),
  rating                smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
  communication         smallint    CHECK (communication BETWEEN 1 AND 5),
  service_as_described  smallint    CHECK (service_as_described BETWEEN 1 AND 5),
  recommend             boolean,
  comment               text        NOT NULL,
  created_at            timestamptz NOT NULL,
  published_at          timestamptz,
  response              text,
  response_at           timestamptz,
  UNIQUE (order_id, side)
);
CREATE INDEX reviews_gig_published ON reviews (gig_id, published_at DESC, id) WHERE side = 'buyer' AND published_at IS NOT NULL;
CREATE INDEX reviews_subject_published ON reviews (subject_id, published_at DESC) WHERE published_at IS NOT NULL;

ALTER TABLE users ADD COLUMN top_rated_approved_at timestamptz;
ALTER TABLE users ADD COLUMN top_rated_eligible_at timestamptz;
ALTER TABLE users ADD COLUMN level_evaluated_at timestamptz;

CREATE TABLE seller_level_changes (
  id          text        PRIMARY KEY,
  user_id     text        NOT NULL REFERENCES users (id),
  from_level  text,
  to_level    text        NOT NULL,
  reason      text        NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX seller_level_changes_user ON seller_level_changes (user_id, created_at DESC);

-- How often each gig was shown in search results, per day (the seller dashboard's impressions).
CREATE TABLE search_impressions (
  gig_id  text    NOT NULL,
  day     date    NOT NULL,
  count   integer NOT NULL,
  PRIMARY KEY (gig_id, day)
);
