-- Milestones (API.md section 13): an offer of 100.00 or more split into 2–6 parts, and the order paid
-- with it worked one milestone at a time. docs/orders.md "Milestones".

-- The offer's parts as the seller proposed them: [{ title, price, deliveryDays }] (price in minor units).
ALTER TABLE offers ADD COLUMN milestones jsonb;

-- How many milestones the order is paid in (0: an ordinary order, delivered and accepted as a whole).
ALTER TABLE orders ADD COLUMN milestone_count smallint NOT NULL DEFAULT 0;

-- One row per milestone. The money is decided at checkout: `amount` is the part of the subtotal,
-- `service_fee` and `commission` the parts of the order's fee and commission (largest remainder, so
-- each column sums exactly to the order's), `seller_earnings` = amount − commission. Releasing a
-- milestone moves amount + service_fee out of the escrow; a refund gives the same back.
CREATE TABLE order_milestones (
  id               text        PRIMARY KEY,
  order_id         text        NOT NULL REFERENCES orders (id),
  position         smallint    NOT NULL CHECK (position BETWEEN 1 AND 6),
  title            text        NOT NULL,
  amount           bigint      NOT NULL CHECK (amount > 0),
  service_fee      bigint      NOT NULL CHECK (service_fee >= 0),
  commission       bigint      NOT NULL CHECK (commission >= 0),
  seller_earnings  bigint      NOT NULL CHECK (seller_earnings >= 0),
  delivery_days    integer     NOT NULL CHECK (delivery_days BETWEEN 1 AND 90),
  status           text        NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'in_progress', 'delivered', 'completed', 'cancelled')),
  revisions_used   integer     NOT NULL DEFAULT 0,
  started_at       timestamptz,
  due_at           timestamptz,
  delivered_at     timestamptz,
  completed_at     timestamptz,
  cancelled_at     timestamptz,
  clears_at        timestamptz,
  cleared_at       timestamptz,
  updated_at       timestamptz NOT NULL,
  UNIQUE (order_id, position)
);
-- The wallet's pending clearance lists a seller's milestones not cleared yet.
CREATE INDEX order_milestones_clearing ON order_milestones (order_id) WHERE clears_at IS NOT NULL AND cleared_at IS NULL;

-- A delivery of one milestone (null: a delivery of the whole order).
ALTER TABLE order_deliveries ADD COLUMN milestone_id text REFERENCES order_milestones (id);
