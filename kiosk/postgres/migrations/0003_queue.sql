-- Queue tickets: numbers per service per business day, with no gap and no
-- duplicate (UNIQUE is the last guard behind the per-(service, day)
-- advisory lock). idem_key is a client's idempotency key, unique when set.
CREATE TABLE tickets (
  id          BIGSERIAL PRIMARY KEY,
  service     TEXT COLLATE "C" NOT NULL,
  day         TEXT COLLATE "C" NOT NULL,
  number      INTEGER NOT NULL,
  code        TEXT NOT NULL,
  priority    TEXT NOT NULL DEFAULT '',
  issued_at   TEXT NOT NULL,
  print_state TEXT NOT NULL DEFAULT 'pending' CHECK (print_state IN ('pending', 'printed', 'failed')),
  print_error TEXT NOT NULL DEFAULT '',
  printed_at  TEXT NOT NULL DEFAULT '',
  reprints    INTEGER NOT NULL DEFAULT 0,
  served      INTEGER NOT NULL DEFAULT 0,
  idem_key    TEXT NOT NULL DEFAULT '',
  UNIQUE (service, day, number)
);
CREATE INDEX tickets_day ON tickets(day, service);
CREATE UNIQUE INDEX tickets_idem_key ON tickets(idem_key) WHERE idem_key <> '';

CREATE TABLE service_state (
  code TEXT PRIMARY KEY,
  open BOOLEAN NOT NULL
);

CREATE TABLE printer_faults (
  id     BIGSERIAL PRIMARY KEY,
  at     TEXT NOT NULL,
  kind   TEXT NOT NULL,
  ticket BIGINT,
  detail TEXT NOT NULL DEFAULT ''
);
