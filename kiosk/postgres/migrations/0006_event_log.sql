-- The centre's ordered event log (events.Log): IDs are handed out under a
-- store-wide advisory lock inside the appending transaction, so they grow
-- in commit order and a reader resuming after an ID never skips one.
CREATE TABLE event_log (
  id   BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  data JSON NOT NULL,
  at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX event_log_at ON event_log(at);
