-- Trust and safety (API.md section 11): people's reports join the off-platform report queue (one
-- table, one queue), suspensions carry a reason, a rule and an optional end, one appeal per
-- suspension, an audit log of admin actions, and admin-edited marketplace settings.

-- Reports: `off_platform_contact` is opened by the platform, `user_report` by a signed-in person.
ALTER TABLE reports DROP CONSTRAINT reports_kind_check;
ALTER TABLE reports ADD CONSTRAINT reports_kind_check CHECK (kind IN ('off_platform_contact', 'user_report'));
ALTER TABLE reports
  ADD COLUMN reporter_id  text REFERENCES users (id),
  ADD COLUMN subject_type text NOT NULL DEFAULT 'user' CHECK (subject_type IN ('gig', 'user', 'message', 'review')),
  ADD COLUMN subject_id   text,
  ADD COLUMN reason       text CHECK (reason IN ('scam', 'off_platform', 'prohibited', 'harassment', 'plagiarism', 'undisclosed_ai', 'other')),
  ADD COLUMN details      text,
  -- What the subject looked like when reported (it may change or disappear afterwards).
  ADD COLUMN snapshot     jsonb,
  ADD COLUMN action       text CHECK (action IN ('dismiss', 'remove', 'warn', 'suspend')),
  ADD COLUMN rule         text;
UPDATE reports SET subject_id = subject_user_id WHERE subject_id IS NULL;
ALTER TABLE reports ALTER COLUMN subject_id SET NOT NULL;
ALTER TABLE reports ADD CONSTRAINT reports_user_report_shape
  CHECK (kind <> 'user_report' OR (reporter_id IS NOT NULL AND reason IS NOT NULL AND snapshot IS NOT NULL));

-- The platform keeps one open off-platform report per user; a person one open report per subject.
DROP INDEX reports_one_open;
CREATE UNIQUE INDEX reports_one_open ON reports (kind, subject_user_id)
  WHERE status = 'open' AND kind = 'off_platform_contact';
CREATE UNIQUE INDEX reports_one_open_per_reporter ON reports (reporter_id, subject_type, subject_id)
  WHERE status = 'open' AND kind = 'user_report';

CREATE TABLE suspensions (
  id            text        PRIMARY KEY,
  user_id       text        NOT NULL REFERENCES users (id),
  suspended_by  text        NOT NULL REFERENCES users (id),
  reason        text        NOT NULL,
  rule          text        NOT NULL,
  report_id     text        REFERENCES reports (id),
  created_at    timestamptz NOT NULL,
  ends_at       timestamptz,
  lifted_at     timestamptz,
  lifted_by     text        REFERENCES users (id),
  -- 'ended' when ends_at passed, 'reinstated' by an admin, 'appeal' when an appeal lifted it.
  lifted_how    text        CHECK (lifted_how IN ('ended', 'reinstated', 'appeal'))
);
CREATE UNIQUE INDEX suspensions_one_active ON suspensions (user_id) WHERE lifted_at IS NULL;

CREATE TABLE appeals (
  id             text        PRIMARY KEY,
  suspension_id  text        NOT NULL UNIQUE REFERENCES suspensions (id),
  user_id        text        NOT NULL REFERENCES users (id),
  text           text        NOT NULL,
  status         text        NOT NULL CHECK (status IN ('open', 'upheld', 'lifted')),
  decided_by     text        REFERENCES users (id),
  note           text,
  created_at     timestamptz NOT NULL,
  decided_at     timestamptz
);
CREATE INDEX appeals_status ON appeals (status, created_at DESC, id DESC);

CREATE TABLE audit_log (
  id            text        PRIMARY KEY,
  -- Insertion order: actions of one transaction share their time but not their order.
  seq           bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
  actor_id      text        NOT NULL REFERENCES users (id),
  action        text        NOT NULL,
  subject_type  text        NOT NULL,
  subject_id    text        NOT NULL,
  rule          text,
  reason        text,
  at            timestamptz NOT NULL
);

-- One row of marketplace settings that admins edit; absent until the first change (the
-- configuration's defaults apply until then).
CREATE TABLE marketplace_settings (
  id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
  settings    jsonb       NOT NULL,
  updated_by  text        NOT NULL REFERENCES users (id),
  updated_at  timestamptz NOT NULL
);

-- Orders keep the fee rates and clearing periods in force when they were placed (NULL: placed before
-- admins could change them, so the configuration applies).
ALTER TABLE orders ADD COLUMN rules jsonb;
