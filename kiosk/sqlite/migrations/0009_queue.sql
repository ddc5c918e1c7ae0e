-- Queue tickets. A ticket is stored (print_state 'pending') before it is
-- printed; numbers are per service per business day, with no gap and no
-- duplicate. No personal data.
CREATE TABLE tickets (
  id          INTEGER PRIMARY KEY,
  service     TEXT NOT NULL,
  day         TEXT NOT NULL,          -- business day YYYY-MM-DD (config time zone and reset hour)
  number      INTEGER NOT NULL,
  code        TEXT NOT NULL,          -- "A-0012"
  priority    TEXT NOT NULL DEFAULT '',
  issued_at   TEXT NOT NULL,
  print_state TEXT NOT NULL DEFAULT 'pending' CHECK (print_state IN ('pending', 'printed', 'failed')),
  print_error TEXT NOT NULL DEFAULT '',
  printed_at  TEXT NOT NULL DEFAULT '',
  reprints    INTEGER NOT NULL DEFAULT 0,
  served      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (service, day, number)
);
CREATE INDEX tickets_day ON tickets(day, service);

CREATE TABLE service_state (
  code TEXT PRIMARY KEY,
  open INTEGER NOT NULL
);

CREATE TABLE printer_faults (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  kind   TEXT NOT NULL,              -- paper_end | cover_open | offline | unplugged | no_response | other
  ticket INTEGER,
  detail TEXT NOT NULL DEFAULT ''
);
