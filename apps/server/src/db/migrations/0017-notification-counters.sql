-- Each user's unread notification count, kept by triggers on `notifications` (every insert, read
-- and deletion, whichever code path makes it). Counting unread rows on every new notification cost
-- a scan of up to a hundred index entries and heap rows per notification: the largest single cost
-- of a checkout on the database. Statement-level triggers move a user's count once per statement,
-- in user order (concurrent statements lock the counters in the same order).
-- No notification may be written between the count below and the triggers (migrations run in a
-- transaction; a server of the previous version may still be running).
LOCK TABLE notifications IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE notification_counters (
  user_id text    PRIMARY KEY REFERENCES users (id),
  unread  integer NOT NULL DEFAULT 0 CHECK (unread >= 0)
);

INSERT INTO notification_counters (user_id, unread)
SELECT user_id, count(*) FROM notifications WHERE read_at IS NULL GROUP BY user_id;

CREATE FUNCTION notification_counters_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO notification_counters AS c (user_id, unread)
    SELECT user_id, count(*) FROM new_rows WHERE read_at IS NULL GROUP BY user_id ORDER BY user_id
    ON CONFLICT (user_id) DO UPDATE SET unread = c.unread + EXCLUDED.unread;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE notification_counters AS c SET unread = c.unread + d.delta
    FROM (
      SELECT user_id, sum(delta)::int AS delta FROM (
        SELECT user_id, 1 AS delta FROM new_rows WHERE read_at IS NULL
        UNION ALL
        SELECT user_id, -1 FROM old_rows WHERE read_at IS NULL
      ) m GROUP BY user_id HAVING sum(delta) <> 0 ORDER BY user_id
    ) d
    WHERE c.user_id = d.user_id;
  ELSE
    UPDATE notification_counters AS c SET unread = c.unread - d.n
    FROM (SELECT user_id, count(*)::int AS n FROM old_rows WHERE read_at IS NULL GROUP BY user_id ORDER BY user_id) d
    WHERE c.user_id = d.user_id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER notification_counters_insert AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notification_counters_move();
CREATE TRIGGER notification_counters_update AFTER UPDATE ON notifications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notification_counters_move();
CREATE TRIGGER notification_counters_delete AFTER DELETE ON notifications
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notification_counters_move();
