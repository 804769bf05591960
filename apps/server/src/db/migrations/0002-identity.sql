-- Identity: users, sessions, personal access tokens, seller profiles.

CREATE TABLE users (
  id              text        PRIMARY KEY,
  email           text        NOT NULL,
  username        text        NOT NULL UNIQUE,
  display_name    text        NOT NULL,
  password_hash   text        NOT NULL,
  roles           text[]      NOT NULL DEFAULT ARRAY['member']::text[],
  is_seller       boolean     NOT NULL DEFAULT false,
  seller_level    text        CHECK (seller_level IN ('new', 'level_1', 'level_2', 'top_rated')),
  became_seller_at timestamptz,
  suspended_at    timestamptz,
  created_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

CREATE TABLE seller_profiles (
  user_id     text        PRIMARY KEY REFERENCES users (id),
  headline    text        NOT NULL,
  bio         text        NOT NULL,
  skills      text[]      NOT NULL,
  languages   text[]      NOT NULL,
  country     text        NOT NULL,
  updated_at  timestamptz NOT NULL
);

CREATE TABLE sessions (
  id            text        PRIMARY KEY,
  user_id       text        NOT NULL REFERENCES users (id),
  token_hash    text        NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  user_agent    text,
  ip            text
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE personal_access_tokens (
  id            text        PRIMARY KEY,
  user_id       text        NOT NULL REFERENCES users (id),
  name          text        NOT NULL,
  token_hash    text        NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX personal_access_tokens_user ON personal_access_tokens (user_id);
