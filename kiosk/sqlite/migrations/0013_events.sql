-- The centre's ordered event log (ticket issued/called, service open/close,
-- payment updates) that kiosks, counters and displays resume from after a
-- reconnect. AUTOINCREMENT: an ID is never reused, even after pruning.
CREATE TABLE centre_events (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  at   TEXT NOT NULL
);
CREATE INDEX centre_events_at ON centre_events(at);
