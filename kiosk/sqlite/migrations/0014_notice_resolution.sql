-- Staff reconciliation of flagged bank notices (unknown reference, wrong
-- amount, late, after cancel, already paid, in review): each is resolved
-- once, either refunded or assigned to a payment. The note is staff's own
-- words; no payer data.
ALTER TABLE payment_notices ADD COLUMN resolution TEXT NOT NULL DEFAULT ''
  CHECK (resolution IN ('', 'refunded', 'assigned'));
ALTER TABLE payment_notices ADD COLUMN resolved_at TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_notices ADD COLUMN resolved_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_notices ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX payment_notices_open ON payment_notices(resolution, verdict);
