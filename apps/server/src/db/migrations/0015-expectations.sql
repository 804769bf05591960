-- Deferred writes (db/client.ts `defer` with `expect`) are sent without waiting for their answers,
-- so a write that must touch an exact number of rows (capture exactly one authorization, record
-- exactly one idempotent response) has the database check it: a mismatch fails the statement and
-- with it the whole transaction, whatever was sent after it.
CREATE FUNCTION atelier_expect_rows(actual integer, expected integer, marker text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF actual <> expected THEN
    RAISE EXCEPTION '%: % rows written, % expected', marker, actual, expected;
  END IF;
END
$$;
