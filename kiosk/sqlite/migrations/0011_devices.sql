-- Enrolled kiosks, counters and displays of a centre; tokens stored as SHA-256.
CREATE TABLE devices (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('kiosk', 'counter', 'display')),
  name       TEXT NOT NULL,
  token_hash BLOB NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT ''
);
-- One valid device per name; a revoked name can be enrolled again.
CREATE UNIQUE INDEX devices_live_name ON devices(name) WHERE revoked_at = '';
