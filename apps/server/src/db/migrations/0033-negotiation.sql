-- Negotiation (API.md section 13): custom offers made in conversations, and briefs matched to sellers.

CREATE TABLE briefs (
  id             text        PRIMARY KEY,
  buyer_id       text        NOT NULL REFERENCES users (id),
  title          text        NOT NULL,
  description    text        NOT NULL,
  category_slug  text,
  currency       text,
  budget_max     bigint      CHECK (budget_max IS NULL OR budget_max > 0),
  deadline       timestamptz,
  file_ids       text[]      NOT NULL DEFAULT ARRAY[]::text[],
  status         text        NOT NULL CHECK (status IN ('open', 'closed')),
  created_at     timestamptz NOT NULL,
  closed_at      timestamptz
);
CREATE INDEX briefs_buyer ON briefs (buyer_id, created_at DESC, id DESC);

-- The sellers a brief was sent to (at most 20), with the gig that fitted best: the invitation that
-- lets such a seller open a conversation with the buyer.
CREATE TABLE brief_matches (
  brief_id    text             NOT NULL REFERENCES briefs (id),
  seller_id   text             NOT NULL REFERENCES users (id),
  gig_id      text             NOT NULL REFERENCES gigs (id),
  score       double precision NOT NULL,
  rank        integer          NOT NULL,
  created_at  timestamptz      NOT NULL,
  PRIMARY KEY (brief_id, seller_id)
);
CREATE INDEX brief_matches_seller ON brief_matches (seller_id, created_at DESC, brief_id DESC);

CREATE TABLE offers (
  id               text        PRIMARY KEY,
  conversation_id  text        NOT NULL REFERENCES conversations (id),
  brief_id         text        REFERENCES briefs (id),
  seller_id        text        NOT NULL REFERENCES users (id),
  buyer_id         text        NOT NULL REFERENCES users (id),
  gig_id           text        NOT NULL REFERENCES gigs (id),
  title            text        NOT NULL,
  description      text        NOT NULL,
  currency         text        NOT NULL,
  price            bigint      NOT NULL CHECK (price >= 500),
  delivery_days    integer     NOT NULL CHECK (delivery_days BETWEEN 1 AND 90),
  revisions        integer,
  status           text        NOT NULL CHECK (status IN ('open', 'accepted', 'withdrawn', 'declined', 'expired')),
  -- Set with status 'accepted', in the transaction that writes the order.
  order_id         text        UNIQUE REFERENCES orders (id),
  expires_at       timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CHECK ((status = 'accepted') = (order_id IS NOT NULL))
);
CREATE INDEX offers_conversation ON offers (conversation_id, created_at);
CREATE INDEX offers_brief ON offers (brief_id, created_at) WHERE brief_id IS NOT NULL;

-- A message that carries a custom offer (shown as the offer's card).
ALTER TABLE messages ADD COLUMN offer_id text REFERENCES offers (id);
