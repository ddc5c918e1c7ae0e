-- "Cần cán bộ hỗ trợ" requests raised from the citizen screens, for staff
-- mode. Only where in the kiosk the citizen was: no personal data.
CREATE TABLE assist_requests (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  session_id  INTEGER NOT NULL,
  screen      TEXT NOT NULL,
  procedure   TEXT NOT NULL DEFAULT '',
  resolved_at TEXT NOT NULL DEFAULT '',
  resolved_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assist_open ON assist_requests(resolved_at);
