-- Platform tables shared by every module: idempotency keys, scheduled work, rate-limit counters.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE idempotency_keys (
  user_id        text        NOT NULL,
  key            text        NOT NULL,
  method_path    text        NOT NULL,
  request_hash   text        NOT NULL,
  status         text        NOT NULL CHECK (status IN ('in_flight', 'done')),
  response_code  integer,
  response_body  jsonb,
  locked_at      timestamptz,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

CREATE TABLE scheduled_jobs (
  id          text        PRIMARY KEY,
  kind        text        NOT NULL,
  dedupe_key  text        UNIQUE,
  payload     jsonb       NOT NULL DEFAULT '{}'::jsonb,
  run_at      timestamptz NOT NULL,
  attempts    integer     NOT NULL DEFAULT 0,
  last_error  text,
  done_at     timestamptz,
  created_at  timestamptz NOT NULL
);
CREATE INDEX scheduled_jobs_due ON scheduled_jobs (run_at) WHERE done_at IS NULL;

CREATE TABLE rate_limit_buckets (
  bucket        text        PRIMARY KEY,
  window_start  timestamptz NOT NULL,
  count         integer     NOT NULL
);
