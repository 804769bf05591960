-- Custom offers carry a licence (API.md section 13): the order paid from an offer is bought with it
-- (orders.licence_kind), granted when the order completes like any other order's. Offers made before
-- this migration were paid as `personal`, so that is what they say.
ALTER TABLE offers ADD COLUMN licence_kind text NOT NULL DEFAULT 'personal'
  CHECK (licence_kind IN ('personal', 'commercial', 'full_transfer'));
