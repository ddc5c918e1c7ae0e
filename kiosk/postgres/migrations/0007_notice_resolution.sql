-- Staff reconciliation of flagged bank notices: each is resolved once,
-- refunded or assigned to a payment. The note is staff's own words.
ALTER TABLE payment_notices ADD COLUMN resolution TEXT NOT NULL DEFAULT ''
  CHECK (resolution IN ('', 'refunded', 'assigned'));
ALTER TABLE payment_notices ADD COLUMN resolved_at TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE payment_notices ADD COLUMN resolved_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_notices ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX payment_notices_open ON payment_notices(verdict) WHERE resolution = '';
