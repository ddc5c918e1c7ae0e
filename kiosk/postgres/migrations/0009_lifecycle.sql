-- A ticket's life at the counters. line is the service whose line it waits
-- in (its own, or where it was transferred); served stays the call order,
-- now per (line, day), under the advisory lock of (line, day). Numbering
-- stays per (service, day). Old rows: line = service, status from served.
ALTER TABLE tickets
  ADD COLUMN line        TEXT COLLATE "C" NOT NULL DEFAULT '',
  ADD COLUMN status      TEXT NOT NULL DEFAULT 'waiting'
    CHECK (status IN ('waiting', 'called', 'serving', 'parked', 'done', 'noshow')),
  ADD COLUMN counter     TEXT NOT NULL DEFAULT '',
  ADD COLUMN officer     TEXT NOT NULL DEFAULT '',
  ADD COLUMN called_at   TEXT NOT NULL DEFAULT '',
  ADD COLUMN started_at  TEXT NOT NULL DEFAULT '',
  ADD COLUMN finished_at TEXT NOT NULL DEFAULT '',
  ADD COLUMN recalls     INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN transfers   INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN note        TEXT NOT NULL DEFAULT '',
  ADD COLUMN est_wait    INTEGER NOT NULL DEFAULT -1,
  ADD COLUMN guidance    TEXT NOT NULL DEFAULT ''; -- JSON queue.Guidance, '' when none
UPDATE tickets SET line = service, status = CASE WHEN served > 0 THEN 'called' ELSE 'waiting' END;
-- The line read (waiting by issue order, then called in call order) and
-- MAX(served) of a line, straight from the index.
DROP INDEX tickets_line;
CREATE INDEX tickets_line ON tickets(line, day, served, id) INCLUDE (number, priority, status);
