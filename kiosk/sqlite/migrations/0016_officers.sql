-- Counter officers: PINs as bcrypt hashes with a per-officer lockout,
-- sessions by the SHA-256 of their token, each counter's state, and the
-- citizens' visit ratings (one per ticket; no personal data).
CREATE TABLE officers (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  pin_hash     TEXT NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL,
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT NOT NULL DEFAULT ''
);
CREATE TABLE officer_sessions (
  token_hash BLOB PRIMARY KEY,
  counter    TEXT NOT NULL,
  officer    TEXT NOT NULL,
  device     TEXT NOT NULL DEFAULT '',
  expires    TEXT NOT NULL
);
CREATE INDEX officer_sessions_counter ON officer_sessions(counter);
CREATE INDEX officer_sessions_officer ON officer_sessions(officer);
CREATE TABLE counter_state (
  counter TEXT PRIMARY KEY,
  officer TEXT NOT NULL DEFAULT '',
  paused  INTEGER NOT NULL DEFAULT 0,
  reason  TEXT NOT NULL DEFAULT '',
  since   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE visit_ratings (
  id        INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL UNIQUE,
  code      TEXT NOT NULL DEFAULT '',
  day       TEXT NOT NULL,              -- the ticket's business day, YYYY-MM-DD
  at        TEXT NOT NULL,              -- fixed-width UTC, so it sorts as text
  service   TEXT NOT NULL DEFAULT '',
  counter   TEXT NOT NULL DEFAULT '',
  officer   TEXT NOT NULL DEFAULT '',
  stars     INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
  reasons   TEXT NOT NULL DEFAULT '',   -- comma list of rating.VisitReasons
  comment   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visit_ratings_day ON visit_ratings(day, at);
