-- Staff and technician PINs (bcrypt hashes only) and the PIN pad lockout,
-- kept in the store so a restart does not reset the lockout.
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
