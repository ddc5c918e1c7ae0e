-- Fee payments by VietQR and the bank notices about them. No payer names or
-- accounts: only amounts, references and bank transaction ids. A notice is
-- stored once per (source, tx_id).
CREATE TABLE payments (
  id            BIGSERIAL PRIMARY KEY,
  ref           TEXT NOT NULL UNIQUE,
  procedure     TEXT NOT NULL DEFAULT '',
  purpose       TEXT NOT NULL,
  amount        BIGINT NOT NULL CHECK (amount > 0),
  status        TEXT NOT NULL CHECK (status IN ('awaiting', 'paid', 'expired', 'cancelled', 'needs_review')),
  created_at    TEXT COLLATE "C" NOT NULL,
  expires_at    TEXT COLLATE "C" NOT NULL,
  paid_at       TEXT NOT NULL DEFAULT '',
  bank_tx       TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL DEFAULT '',
  review_reason TEXT NOT NULL DEFAULT '',
  receipt_state TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payments_awaiting ON payments(expires_at) WHERE status = 'awaiting';

CREATE TABLE payment_notices (
  id      BIGSERIAL PRIMARY KEY,
  source  TEXT NOT NULL,
  tx_id   TEXT NOT NULL,
  at      TEXT COLLATE "C" NOT NULL,
  amount  BIGINT NOT NULL,
  ref     TEXT NOT NULL DEFAULT '',
  verdict TEXT NOT NULL,
  UNIQUE (source, tx_id)
);
