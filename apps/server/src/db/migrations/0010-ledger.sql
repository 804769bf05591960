-- The double-entry ledger. Every money event is one ledger transaction with a unique business key
-- (so it can never happen twice) and two or more postings that sum to zero per currency.
-- A posting's amount adds to its account's balance. Postings are append-only; corrections are
-- reversals. Account balances are cached beside the postings, updated in the same database
-- transaction, checked by GET /api/admin/ledger/check, and may not go negative except where allowed
-- (the external processor account).

CREATE TABLE ledger_accounts (
  id              text        PRIMARY KEY,
  kind            text        NOT NULL,
  owner_id        text,
  currency        text        NOT NULL,
  allow_negative  boolean     NOT NULL DEFAULT false,
  balance         bigint      NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL,
  CONSTRAINT ledger_accounts_not_negative CHECK (allow_negative OR balance >= 0)
);
CREATE INDEX ledger_accounts_owner ON ledger_accounts (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE ledger_transactions (
  id            text        PRIMARY KEY,
  business_key  text        NOT NULL UNIQUE,
  kind          text        NOT NULL,
  order_id      text,
  memo          text        NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL
);
CREATE INDEX ledger_transactions_order ON ledger_transactions (order_id) WHERE order_id IS NOT NULL;

CREATE TABLE ledger_postings (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id  text        NOT NULL REFERENCES ledger_transactions (id),
  account_id      text        NOT NULL REFERENCES ledger_accounts (id),
  amount          bigint      NOT NULL CHECK (amount <> 0),
  currency        text        NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX ledger_postings_account ON ledger_postings (account_id, id);
CREATE INDEX ledger_postings_transaction ON ledger_postings (transaction_id);

CREATE FUNCTION ledger_postings_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger postings are append-only; post a reversal instead';
END;
$$;
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_postings_append_only();
