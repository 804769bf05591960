-- A stored idempotent response is written once and read back whole, never queried inside: `json`
-- keeps the text as sent (checked, not decomposed), which costs the database less per request than
-- `jsonb` — the responses are a checkout's largest column.
ALTER TABLE idempotency_keys ALTER COLUMN response_body TYPE json USING response_body::json;
