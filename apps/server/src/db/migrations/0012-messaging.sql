-- Conversations (one per pair of users), their messages, and reports that escalate repeated
-- attempts to take a deal off the platform to the admins.

CREATE TABLE conversations (
  id                text        PRIMARY KEY,
  -- The pair, stored in id order so that one pair has one row whoever opened it.
  user_a_id         text        NOT NULL REFERENCES users (id),
  user_b_id         text        NOT NULL REFERENCES users (id),
  opened_by         text        NOT NULL REFERENCES users (id),
  -- The gig the conversation is about (the latest one named when it was opened).
  gig_id            text        REFERENCES gigs (id),
  last_message_id   text,
  last_activity_at  timestamptz NOT NULL,
  created_at        timestamptz NOT NULL,
  CHECK (user_a_id < user_b_id),
  UNIQUE (user_a_id, user_b_id)
);
CREATE INDEX conversations_user_a ON conversations (user_a_id, last_activity_at DESC, id DESC);
CREATE INDEX conversations_user_b ON conversations (user_b_id, last_activity_at DESC, id DESC);

CREATE TABLE messages (
  id               text        PRIMARY KEY,
  -- Insertion order: timestamps tie (one transaction, or a test clock that stands still).
  seq              bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
  conversation_id  text        NOT NULL REFERENCES conversations (id),
  sender_id        text        NOT NULL REFERENCES users (id),
  recipient_id     text        NOT NULL REFERENCES users (id),
  body             text        NOT NULL,
  order_id         text        REFERENCES orders (id),
  flags            text[]      NOT NULL DEFAULT ARRAY[]::text[],
  created_at       timestamptz NOT NULL,
  read_at          timestamptz
);
CREATE INDEX messages_conversation ON messages (conversation_id, seq);
CREATE INDEX messages_unread ON messages (recipient_id, conversation_id) WHERE read_at IS NULL;
CREATE INDEX messages_order ON messages (order_id, seq) WHERE order_id IS NOT NULL;
CREATE INDEX messages_flagged_sender ON messages (sender_id, created_at) WHERE cardinality(flags) > 0;

CREATE TABLE reports (
  id                    text        PRIMARY KEY,
  kind                  text        NOT NULL CHECK (kind IN ('off_platform_contact')),
  subject_user_id       text        NOT NULL REFERENCES users (id),
  evidence_message_ids  text[]      NOT NULL,
  status                text        NOT NULL CHECK (status IN ('open', 'closed')),
  resolution            text,
  closed_by             text        REFERENCES users (id),
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  closed_at             timestamptz
);
-- One open report per user and kind: later evidence joins it.
CREATE UNIQUE INDEX reports_one_open ON reports (kind, subject_user_id) WHERE status = 'open';
CREATE INDEX reports_status ON reports (status, created_at DESC, id DESC);
