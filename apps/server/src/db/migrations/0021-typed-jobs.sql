-- Typed jobs: the definition version a job was scheduled with, and a dead-letter state for jobs
-- that failed their maximum attempts or carry a payload their definition refuses.
ALTER TABLE scheduled_jobs ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE scheduled_jobs ADD COLUMN dead_at timestamptz;
DROP INDEX scheduled_jobs_due;
CREATE INDEX scheduled_jobs_due ON scheduled_jobs (run_at) WHERE done_at IS NULL AND dead_at IS NULL;
CREATE INDEX scheduled_jobs_dead ON scheduled_jobs (dead_at) WHERE dead_at IS NOT NULL;
