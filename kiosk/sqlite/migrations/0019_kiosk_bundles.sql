-- Signed updates (issue 14): the bundle versions in force on each kiosk, as
-- its latest heartbeat reported them (JSON {"catalog":"2026.12",…}; '' for none).
ALTER TABLE kiosk_health ADD COLUMN bundles TEXT NOT NULL DEFAULT '';
