-- The e-mail outbox is drained in batches (notifications.usecases.ts `drainOutbox`) instead of by one
-- scheduled job per e-mail: a pending e-mail is due at `next_attempt_at`, which a failed attempt moves
-- later. Jobs of the old kind that are still queued find their e-mail delivered by the drain.
ALTER TABLE email_outbox ADD COLUMN next_attempt_at timestamptz;
UPDATE email_outbox SET next_attempt_at = created_at WHERE status = 'pending';
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
-- Nothing reads pending e-mails by creation time any more.
DROP INDEX email_outbox_pending;
