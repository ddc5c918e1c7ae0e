-- The procedure catalog: filterable columns plus the whole entry as JSON,
-- replaced as a whole in one transaction by an import; and the searches
-- that found nothing (the folded query only).
CREATE TABLE procedures (
  code    TEXT COLLATE "C" PRIMARY KEY,
  name    TEXT NOT NULL,
  field   TEXT COLLATE "C" NOT NULL,
  level   TEXT COLLATE "C" NOT NULL,
  agency  TEXT COLLATE "C" NOT NULL,
  updated TEXT NOT NULL,
  body    TEXT NOT NULL
);
CREATE INDEX procedures_field ON procedures(field);

CREATE TABLE catalog_meta (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  title       TEXT NOT NULL,
  sample      BOOLEAN NOT NULL,
  imported_at TEXT NOT NULL,
  count       INTEGER NOT NULL
);

CREATE TABLE search_misses (
  id    BIGSERIAL PRIMARY KEY,
  at    TEXT COLLATE "C" NOT NULL,
  query TEXT COLLATE "C" NOT NULL
);
CREATE INDEX search_misses_at ON search_misses(at);
