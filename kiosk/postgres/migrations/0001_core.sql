-- Core tables: settings, the staff/technician audit log, the kiosk event
-- log of audit.Store, PINs and the PIN pad lockout, assistance requests and
-- ratings. None of them ever holds a citizen's personal data. Times are
-- RFC 3339 UTC strings, compared bytewise (COLLATE "C") as in the SQLite store.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE audit_log (
  id     BIGSERIAL PRIMARY KEY,
  at     TEXT COLLATE "C" NOT NULL,
  role   TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE events (
  id     BIGSERIAL PRIMARY KEY,
  at     TEXT COLLATE "C" NOT NULL,
  kind   TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_at ON events(at);

CREATE TABLE pins (
  role       TEXT PRIMARY KEY CHECK (role IN ('staff', 'technician')),
  hash       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE pin_pad (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT NOT NULL DEFAULT ''
);
INSERT INTO pin_pad(id) VALUES (1);

CREATE TABLE assist_requests (
  id          BIGSERIAL PRIMARY KEY,
  at          TEXT NOT NULL,
  session_id  BIGINT NOT NULL,
  screen      TEXT NOT NULL,
  procedure   TEXT NOT NULL DEFAULT '',
  resolved_at TEXT NOT NULL DEFAULT '',
  resolved_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assist_open ON assist_requests(resolved_at);

CREATE TABLE ratings (
  id      BIGSERIAL PRIMARY KEY,
  day     TEXT NOT NULL,
  at      TEXT NOT NULL,
  context TEXT NOT NULL,
  service TEXT COLLATE "C" NOT NULL DEFAULT '',
  score   TEXT NOT NULL CHECK (score IN ('good', 'ok', 'bad')),
  reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ratings_day ON ratings(day);
