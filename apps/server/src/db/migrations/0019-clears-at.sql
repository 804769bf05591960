-- When a completed order's (or a tip's) earnings clear: completion + the seller's clearing period at
-- that moment (7 days for Top Rated, 14 otherwise). Recorded when the clearing is scheduled, so the
-- order can say it and the wallet can list what clears when.
ALTER TABLE orders ADD COLUMN clears_at timestamptz;
ALTER TABLE tips ADD COLUMN clears_at timestamptz;

UPDATE orders o SET clears_at = COALESCE(
  (SELECT j.run_at FROM scheduled_jobs j WHERE j.dedupe_key = 'order:' || o.id || ':clear'), o.cleared_at)
WHERE o.status = 'completed';

UPDATE tips t SET clears_at = COALESCE(
  (SELECT j.run_at FROM scheduled_jobs j WHERE j.dedupe_key = 'tip:' || t.id || ':clear'), t.cleared_at);

CREATE INDEX orders_seller_uncleared ON orders (seller_id, clears_at) WHERE cleared_at IS NULL AND clears_at IS NOT NULL;
