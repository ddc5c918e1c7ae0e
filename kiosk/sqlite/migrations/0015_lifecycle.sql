-- A ticket's life at the counters. line is the service whose line it waits
-- in (its own, or where it was transferred); served stays the call order,
-- now per (line, day). Old rows: line = service, status from served.
ALTER TABLE tickets ADD COLUMN line TEXT NOT NULL DEFAULT '';
UPDATE tickets SET line = service;
ALTER TABLE tickets ADD COLUMN status TEXT NOT NULL DEFAULT 'waiting'
  CHECK (status IN ('waiting', 'called', 'serving', 'parked', 'done', 'noshow'));
UPDATE tickets SET status = 'called' WHERE served > 0;
ALTER TABLE tickets ADD COLUMN counter     TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN officer     TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN called_at   TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN started_at  TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN finished_at TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN recalls     INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN transfers   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN note        TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN est_wait    INTEGER NOT NULL DEFAULT -1;
ALTER TABLE tickets ADD COLUMN guidance    TEXT NOT NULL DEFAULT ''; -- JSON queue.Guidance, '' when none
-- A line read in call order, waiting ones (served 0) first by issue order.
CREATE INDEX tickets_line ON tickets(line, day, served, id);
