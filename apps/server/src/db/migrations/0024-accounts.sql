-- Accounts (API.md section 10): e-mail verification, password reset, two-factor (TOTP + recovery
-- codes), passkeys, scoped access tokens, account deletion.

ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
-- The TOTP secret (base32). Set at enrolment; two-factor is on once `totp_enabled_at` is set.
ALTER TABLE users ADD COLUMN totp_secret text;
ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
-- The last 30-second step whose code was accepted: a code (and any older one) is accepted once.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Single-use tokens sent by e-mail; only their SHA-256 is kept.
CREATE TABLE account_tokens (
  id          text        PRIMARY KEY,
  user_id     text        NOT NULL REFERENCES users (id),
  purpose     text        NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
  token_hash  text        NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

CREATE TABLE recovery_codes (
  user_id     text        NOT NULL REFERENCES users (id),
  code_hash   text        NOT NULL,
  created_at  timestamptz NOT NULL,
  used_at     timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE passkeys (
  id             text        PRIMARY KEY,
  user_id        text        NOT NULL REFERENCES users (id),
  credential_id  text        NOT NULL UNIQUE,
  public_key     text        NOT NULL,
  counter        bigint      NOT NULL,
  transports     text[]      NOT NULL DEFAULT ARRAY[]::text[],
  name           text        NOT NULL,
  created_at     timestamptz NOT NULL,
  last_used_at   timestamptz
);
CREATE INDEX passkeys_user ON passkeys (user_id);

-- WebAuthn challenges, single use, a few minutes long (registration: user_id set; sign-in: null).
CREATE TABLE webauthn_challenges (
  id          text        PRIMARY KEY,
  user_id     text        REFERENCES users (id),
  purpose     text        NOT NULL CHECK (purpose IN ('register', 'authenticate')),
  challenge   text        NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

-- Scopes of personal access tokens. Tokens made before scopes existed keep what they could do.
ALTER TABLE personal_access_tokens ADD COLUMN scopes text[] NOT NULL DEFAULT ARRAY['read', 'write', 'admin']::text[];
