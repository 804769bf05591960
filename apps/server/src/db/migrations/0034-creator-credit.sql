-- Creator credit (issue 16, API.md section 12): licences offered per gig and chosen per order, AI
-- declarations on gigs and deliveries, protected deliveries, AI-training consent, numbered invoices.

-- Gigs: `licences` is [{ kind, price: { amount, currency } }]; empty means "personal at 0" (older gigs).
ALTER TABLE gigs ADD COLUMN licences jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE gigs ADD COLUMN ai_use text NOT NULL DEFAULT 'none' CHECK (ai_use IN ('none', 'assisted', 'generated'));
ALTER TABLE gigs ADD COLUMN ai_tools jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE gigs ADD COLUMN protect_deliveries boolean NOT NULL DEFAULT false;
ALTER TABLE gigs ADD COLUMN allow_ai_training boolean NOT NULL DEFAULT false;
-- The older boolean reads as "assisted"; it stays, kept equal to ai_use <> 'none'.
UPDATE gigs SET ai_use = 'assisted' WHERE ai_assisted;

-- Search filters on the declaration (aiUse=none) without joining gigs.
ALTER TABLE search_documents ADD COLUMN ai_use text NOT NULL DEFAULT 'none';
UPDATE search_documents d SET ai_use = g.ai_use FROM gigs g WHERE g.id = d.gig_id AND g.ai_use <> 'none';

-- Orders: the licence bought, what it added to the unit price, and its state, which follows the money:
-- pending while in escrow, granted when released to the seller, revoked when it went back to the buyer.
ALTER TABLE orders ADD COLUMN licence_kind text NOT NULL DEFAULT 'personal'
  CHECK (licence_kind IN ('personal', 'commercial', 'full_transfer'));
ALTER TABLE orders ADD COLUMN licence_price bigint NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN licence_status text NOT NULL DEFAULT 'pending'
  CHECK (licence_status IN ('pending', 'granted', 'revoked'));
ALTER TABLE orders ADD COLUMN licence_granted_at timestamptz;
ALTER TABLE orders ADD COLUMN licence_revoked_at timestamptz;
ALTER TABLE orders ADD COLUMN protect_deliveries boolean NOT NULL DEFAULT false;
UPDATE orders SET licence_status = 'granted', licence_granted_at = completed_at WHERE status = 'completed';
UPDATE orders SET licence_status = 'revoked', licence_revoked_at = cancelled_at WHERE status = 'cancelled';

-- Every delivery declares AI use for the files it carries.
ALTER TABLE order_deliveries ADD COLUMN ai_use text NOT NULL DEFAULT 'none'
  CHECK (ai_use IN ('none', 'assisted', 'generated'));
ALTER TABLE order_deliveries ADD COLUMN ai_tools jsonb NOT NULL DEFAULT '[]'::jsonb;

-- Invoices: one number per order, given at the first download, without gaps from rolled-back orders.
CREATE SEQUENCE invoice_numbers;
CREATE TABLE order_invoices (
  order_id    text        PRIMARY KEY REFERENCES orders (id),
  number      bigint      NOT NULL UNIQUE,
  issued_at   timestamptz NOT NULL
);
