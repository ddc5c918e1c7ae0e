-- Fee payments by VietQR and the bank notices about them. No payer names or
-- accounts: only amounts, references and bank transaction ids.
CREATE TABLE payments (
  id            INTEGER PRIMARY KEY,
  ref           TEXT NOT NULL UNIQUE,
  procedure     TEXT NOT NULL DEFAULT '',
  purpose       TEXT NOT NULL,
  amount        INTEGER NOT NULL CHECK (amount > 0),
  status        TEXT NOT NULL CHECK (status IN ('awaiting', 'paid', 'expired', 'cancelled', 'needs_review')),
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  paid_at       TEXT NOT NULL DEFAULT '',
  bank_tx       TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL DEFAULT '',
  review_reason TEXT NOT NULL DEFAULT '',
  receipt_state TEXT NOT NULL DEFAULT ''
);

CREATE TABLE payment_notices (
  id       INTEGER PRIMARY KEY,
  source   TEXT NOT NULL,           -- casso | payos | sepay | staff | sim
  tx_id    TEXT NOT NULL,
  at       TEXT NOT NULL,
  amount   INTEGER NOT NULL,
  ref      TEXT NOT NULL DEFAULT '',
  verdict  TEXT NOT NULL,           -- paid | duplicate | unknown_ref | wrong_amount | late | not_awaiting
  UNIQUE (source, tx_id)
);
