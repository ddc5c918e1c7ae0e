-- The procedure catalog: filterable columns plus the whole entry as JSON.
-- Replaced as a whole, in one transaction, by an import.
CREATE TABLE procedures (
  code    TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  field   TEXT NOT NULL,
  level   TEXT NOT NULL,
  agency  TEXT NOT NULL,
  updated TEXT NOT NULL,
  body    TEXT NOT NULL          -- JSON of catalog.Procedure
);
CREATE INDEX procedures_field ON procedures(field);

CREATE TABLE catalog_meta (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  title       TEXT NOT NULL,
  sample      INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  count       INTEGER NOT NULL
);

-- Searches that found nothing, for staff: the folded query only.
CREATE TABLE search_misses (
  id    INTEGER PRIMARY KEY,
  at    TEXT NOT NULL,
  query TEXT NOT NULL
);
