-- Enrolled kiosks, counters and displays of a centre; tokens stored as
-- SHA-256. One valid device per name; a revoked name can be enrolled again.
CREATE TABLE devices (
  id         BIGSERIAL PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('kiosk', 'counter', 'display')),
  name       TEXT COLLATE "C" NOT NULL,
  token_hash BYTEA NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX devices_live_name ON devices(name) WHERE revoked_at = '';
