-- The centre's fleet view: the latest heartbeat of each kiosk (kiosk/fleet).
-- No personal data: versions, device states, a technician's error string.
CREATE TABLE kiosk_health (
  kiosk           TEXT COLLATE "C" PRIMARY KEY,
  at              TEXT NOT NULL,
  interval_s      INTEGER NOT NULL DEFAULT 0,
  version         TEXT NOT NULL DEFAULT '',
  uptime_s        BIGINT NOT NULL DEFAULT 0,
  printer         TEXT NOT NULL DEFAULT '',
  printer_detail  TEXT NOT NULL DEFAULT '',
  reader          TEXT NOT NULL DEFAULT '',
  reader_detail   TEXT NOT NULL DEFAULT '',
  last_error      TEXT NOT NULL DEFAULT '',
  free_disk       BIGINT NOT NULL DEFAULT 0,
  catalog_version TEXT NOT NULL DEFAULT ''
);
