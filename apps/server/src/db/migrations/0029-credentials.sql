-- Content credentials (issue 16): the marketplace's signing keys and a signed receipt per delivered
-- file. Keys are never deleted: a retired key stays listed so that what it signed stays verifiable.

CREATE TABLE credential_keys (
  id                 text        PRIMARY KEY,
  status             text        NOT NULL CHECK (status IN ('current', 'retired')),
  algorithm          text        NOT NULL,
  public_key_pem     text        NOT NULL,
  certificate_chain  text        NOT NULL,
  -- NULL when the operator supplies the key (it stays in the operator's file, never in the database).
  private_key_pem    text,
  not_before         timestamptz NOT NULL,
  not_after          timestamptz NOT NULL,
  created_at         timestamptz NOT NULL,
  retired_at         timestamptz
);
-- At most one key signs at a time.
CREATE UNIQUE INDEX credential_keys_one_current ON credential_keys (status) WHERE status = 'current';

CREATE TABLE file_receipts (
  file_id          text        PRIMARY KEY REFERENCES files (id),
  -- SHA-256 of the bytes the buyer downloads (with the embedded manifest when there is one).
  sha256           text        NOT NULL,
  original_sha256  text        NOT NULL,
  original_key     text        NOT NULL,
  c2pa             boolean     NOT NULL,
  order_id         text        NOT NULL,
  seller_id        text        NOT NULL REFERENCES users (id),
  -- The seller as the credential names them at delivery (signed; a later rename does not rewrite it).
  seller_username  text        NOT NULL,
  seller_name      text        NOT NULL,
  delivered_at     timestamptz NOT NULL,
  licence_kind     text        NOT NULL,
  licence_status   text        NOT NULL,
  ai_use           text        NOT NULL,
  ai_tools         jsonb       NOT NULL,
  ai_training      text        NOT NULL,
  key_id           text        NOT NULL REFERENCES credential_keys (id),
  signature        text        NOT NULL
);
-- Public verification looks receipts up by the hash of what someone holds.
CREATE INDEX file_receipts_sha256 ON file_receipts (sha256);
CREATE INDEX file_receipts_order ON file_receipts (order_id);
