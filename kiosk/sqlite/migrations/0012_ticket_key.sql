-- A client's idempotency key on a ticket, so a kiosk that retries after a lost
-- answer gets the same ticket back instead of a second number.
ALTER TABLE tickets ADD COLUMN idem_key TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX tickets_idem_key ON tickets(idem_key) WHERE idem_key != '';
