-- Catalog: gigs with their packages, extras, FAQ and requirements, and gallery images.
-- Packages and the other small lists are JSON documents validated by the API's zod schemas; the
-- figures that cards, filters and sorting need are kept in columns beside them.

CREATE TABLE gigs (
  id                 text        PRIMARY KEY,
  seller_id          text        NOT NULL REFERENCES users (id),
  slug               text        NOT NULL,
  title              text        NOT NULL,
  description        text        NOT NULL,
  category_id        text        NOT NULL REFERENCES categories (id),
  tags               text[]      NOT NULL,
  status             text        NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'pending_review', 'denied', 'archived')),
  ai_assisted        boolean     NOT NULL DEFAULT false,
  packages           jsonb       NOT NULL,
  extras             jsonb       NOT NULL DEFAULT '[]'::jsonb,
  faq                jsonb       NOT NULL DEFAULT '[]'::jsonb,
  requirements       jsonb       NOT NULL DEFAULT '[]'::jsonb,
  currency           text        NOT NULL,
  starting_price     bigint      NOT NULL,
  min_delivery_days  integer     NOT NULL,
  rating_sum         bigint      NOT NULL DEFAULT 0,
  rating_count       integer     NOT NULL DEFAULT 0,
  orders_completed   integer     NOT NULL DEFAULT 0,
  cover_file_id      text        REFERENCES files (id),
  moderation_reason  text,
  published_at       timestamptz,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);
CREATE INDEX gigs_seller_status ON gigs (seller_id, status);
CREATE INDEX gigs_pending_review ON gigs (created_at) WHERE status = 'pending_review';
CREATE UNIQUE INDEX gigs_seller_slug ON gigs (seller_id, slug);

CREATE TABLE gig_images (
  gig_id    text    NOT NULL REFERENCES gigs (id),
  file_id   text    NOT NULL REFERENCES files (id),
  position  integer NOT NULL,
  PRIMARY KEY (gig_id, file_id)
);
CREATE INDEX gig_images_order ON gig_images (gig_id, position);
