-- Catalog moderation bookkeeping: when a gig entered the review queue (the queue is served oldest
-- first), who decided and when, and a digest of the text an admin cleared, so that pausing and
-- re-publishing an approved gig does not send it back to review until its text changes.

ALTER TABLE gigs ADD COLUMN review_requested_at timestamptz;
ALTER TABLE gigs ADD COLUMN moderated_by text REFERENCES users (id);
ALTER TABLE gigs ADD COLUMN moderated_at timestamptz;
ALTER TABLE gigs ADD COLUMN moderation_cleared_hash text;

CREATE INDEX gigs_review_queue ON gigs (review_requested_at, id) WHERE status = 'pending_review';
CREATE INDEX gigs_seller_active ON gigs (seller_id, published_at DESC, id) WHERE status = 'active';
