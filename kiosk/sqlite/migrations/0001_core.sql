-- Core tables: key/value settings, the staff/technician audit log and the
-- no-result search log. None of them ever holds a citizen's personal data.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE audit_log (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,          -- RFC 3339, UTC
  role   TEXT NOT NULL,          -- citizen | staff | technician | system
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE events (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  kind   TEXT NOT NULL,          -- session_start, session_end, idle_reset, device_fault ...
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_at ON events(at);
