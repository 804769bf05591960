-- Orders, their timeline, deliveries, requests (cancellation, extension), tips, withdrawals, and the
-- sandbox payment processor's own record of charges.

CREATE TABLE orders (
  id                   text        PRIMARY KEY,
  buyer_id             text        NOT NULL REFERENCES users (id),
  seller_id            text        NOT NULL REFERENCES users (id),
  gig_id               text        NOT NULL REFERENCES gigs (id),
  gig_title            text        NOT NULL,
  tier                 text        NOT NULL,
  package              jsonb       NOT NULL,
  extras               jsonb       NOT NULL,
  quantity             integer     NOT NULL CHECK (quantity BETWEEN 1 AND 100),
  currency             text        NOT NULL,
  subtotal             bigint      NOT NULL,
  service_fee          bigint      NOT NULL,
  total                bigint      NOT NULL,
  commission           bigint      NOT NULL,
  seller_earnings      bigint      NOT NULL,
  delivery_days        integer     NOT NULL,
  revisions_allowed    integer,
  revisions_used       integer     NOT NULL DEFAULT 0,
  status               text        NOT NULL CHECK (status IN ('awaiting_requirements', 'in_progress', 'delivered', 'completed', 'cancelled', 'disputed')),
  is_late              boolean     NOT NULL DEFAULT false,
  requirements         jsonb       NOT NULL DEFAULT '[]'::jsonb,
  requirement_answers  jsonb,
  payment_method       text        NOT NULL,
  charge_id            text,
  started_at           timestamptz,
  due_at               timestamptz,
  delivered_at         timestamptz,
  completed_at         timestamptz,
  cancelled_at         timestamptz,
  cleared_at           timestamptz,
  cancellation         jsonb,
  dispute              jsonb,
  resolution           jsonb,
  status_before_dispute text,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL
);
CREATE INDEX orders_buyer ON orders (buyer_id, created_at DESC);
CREATE INDEX orders_seller ON orders (seller_id, created_at DESC);
CREATE INDEX orders_gig ON orders (gig_id);

CREATE TABLE order_events (
  id          text        PRIMARY KEY,
  order_id    text        NOT NULL REFERENCES orders (id),
  seq         bigint      GENERATED ALWAYS AS IDENTITY,
  kind        text        NOT NULL,
  actor_id    text,
  actor_role  text        NOT NULL,
  data        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, seq);

CREATE TABLE order_deliveries (
  id          text        PRIMARY KEY,
  order_id    text        NOT NULL REFERENCES orders (id),
  message     text        NOT NULL,
  file_ids    text[]      NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX order_deliveries_order ON order_deliveries (order_id, created_at);

CREATE TABLE order_requests (
  id            text        PRIMARY KEY,
  order_id      text        NOT NULL REFERENCES orders (id),
  kind          text        NOT NULL CHECK (kind IN ('cancellation', 'extension')),
  requested_by  text        NOT NULL REFERENCES users (id),
  status        text        NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'lapsed', 'withdrawn')),
  reason        text        NOT NULL,
  days          integer,
  created_at    timestamptz NOT NULL,
  resolved_at   timestamptz
);
-- At most one pending request of each kind per order.
CREATE UNIQUE INDEX order_requests_one_pending ON order_requests (order_id, kind) WHERE status = 'pending';
-- Every view of an order lists its requests and tips.
CREATE INDEX order_requests_order ON order_requests (order_id, created_at);

CREATE TABLE tips (
  id          text        PRIMARY KEY,
  order_id    text        NOT NULL REFERENCES orders (id),
  amount      bigint      NOT NULL,
  service_fee bigint      NOT NULL,
  commission  bigint      NOT NULL,
  currency    text        NOT NULL,
  charge_id   text,
  created_at  timestamptz NOT NULL,
  cleared_at  timestamptz
);
CREATE INDEX tips_order ON tips (order_id, created_at);

CREATE TABLE withdrawals (
  id           text        PRIMARY KEY,
  user_id      text        NOT NULL REFERENCES users (id),
  amount       bigint      NOT NULL CHECK (amount > 0),
  currency     text        NOT NULL,
  destination  jsonb       NOT NULL,
  status       text        NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX withdrawals_user ON withdrawals (user_id, created_at DESC);

-- The sandbox processor's state: in production this lives at the card processor, not here.
CREATE TABLE sandbox_charges (
  id          text        PRIMARY KEY,
  token       text        NOT NULL,
  amount      bigint      NOT NULL,
  currency    text        NOT NULL,
  status      text        NOT NULL CHECK (status IN ('authorized', 'captured', 'voided')),
  reference   text        NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
