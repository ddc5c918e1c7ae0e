-- One-tap satisfaction ratings, per service and business day; no personal data.
CREATE TABLE ratings (
  id      INTEGER PRIMARY KEY,
  day     TEXT NOT NULL,              -- business day, YYYY-MM-DD, kiosk time zone
  at      TEXT NOT NULL,
  context TEXT NOT NULL,              -- ticket | guide
  service TEXT NOT NULL DEFAULT '',   -- queue service code or procedure field
  score   TEXT NOT NULL CHECK (score IN ('good', 'ok', 'bad')),
  reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ratings_day ON ratings(day);
