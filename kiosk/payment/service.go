package payment

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/kiosk/audit"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/text"
	"github.com/motcua/kiosk/kiosk/vietqr"
	"github.com/motcua/kiosk/kiosk/vnwords"
)

// EventUpdate is emitted with a View whenever a payment changes (paid,
// flagged, expired, cancelled, receipt printed or failed).
const EventUpdate = "payment:update"

// ErrOff means payments are disabled in the config.
var ErrOff = text.PaymentOff.Error()

// View is what the pay screen and the staff list show: no payer data, only
// the fee, the kiosk's own receiving account and the payment's state. Its
// JSON matches the frontend's PaymentView.
type View struct {
	Payment
	AmountText  string `json:"amountText"`  // "200.000 đ"
	AmountWords string `json:"amountWords"` // "Hai trăm nghìn đồng"
	Memo        string `json:"memo"`        // transfer memo in the QR: "KIOSK01 P7K3Q9XA"
	Payload     string `json:"payload"`     // VietQR payload (awaiting only)
	QRPng       string `json:"qrPng"`       // data:image/png;base64,… (awaiting only)
	BankName    string `json:"bankName"`
	BankBIN     string `json:"bankBin"`
	Account     string `json:"account"`
	AccountName string `json:"accountName"`
	SecondsLeft int    `json:"secondsLeft"`
	Message     string `json:"message"`   // plain Vietnamese for the citizen
	MessageEN   string `json:"messageEn"` // English
}

var statusText = map[string]text.Msg{
	Awaiting:    text.PaymentAwaiting,
	Paid:        text.PaymentPaid,
	Expired:     text.PaymentExpired,
	Cancelled:   text.PaymentCancelled,
	NeedsReview: text.PaymentNeedsReview,
}

// Service is the payment facade the kiosk binds: it creates payments with
// their VietQR, applies confirmations from every source, pushes
// EventUpdate, and prints receipts. Set the exported fields before use.
type Service struct {
	ledger  *Ledger
	db      Store
	cfg     config.Payment
	kioskID string
	printer doc.Printer
	ev      events.Emitter
	now     func() time.Time

	Log      *slog.Logger   // default slog.Default()
	Centre   string         // printed at the top of receipts
	Loc      *time.Location // receipt times; default Asia/Ho_Chi_Minh
	QRPixels int            // on-screen QR width; default vietqr.ScreenPixels

	printMu sync.Mutex // one receipt at a time
	wg      sync.WaitGroup
	rcvOnce sync.Once
	rcv     *Receiver
}

// NewService wires a payment service. p may be nil (no receipts); ev nil
// discards events; now nil is time.Now.
func NewService(db Store, cfg config.Payment, kioskID string, p doc.Printer, ev events.Emitter, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	if ev == nil {
		ev = events.Discard
	}
	return &Service{ledger: New(db, time.Duration(cfg.ExpiryMinutes)*time.Minute, now), db: db, cfg: cfg, kioskID: kioskID,
		printer: p, ev: ev, now: now}
}

// Ledger is the storage layer underneath (lists, reports).
func (s *Service) Ledger() *Ledger { return s.ledger }

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.Default()
	}
	return s.Log
}

func (s *Service) loc() *time.Location {
	if s.Loc != nil {
		return s.Loc
	}
	if l, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return l
	}
	return time.FixedZone("ICT", 7*3600)
}

func (s *Service) qr() vietqr.Payment {
	return vietqr.Payment{BIN: s.cfg.BankBIN, Account: s.cfg.Account, Name: s.cfg.AccountName, City: s.cfg.City}
}

// View renders a payment for the screen; the QR only while it is payable.
func (s *Service) View(p Payment) View {
	v := View{Payment: p, AmountText: vnwords.Group(p.Amount) + " đ", AmountWords: vnwords.Dong(p.Amount), Memo: Memo(s.kioskID, p.Ref),
		BankName: vietqr.BankName(s.cfg.BankBIN), BankBIN: s.cfg.BankBIN, Account: s.cfg.Account, AccountName: s.cfg.AccountName}
	t := statusText[p.Status]
	v.Message, v.MessageEN = t.VI, t.EN
	if p.Status != Awaiting {
		return v
	}
	if exp, err := time.Parse(time.RFC3339, p.ExpiresAt); err == nil {
		v.SecondsLeft = max(int(exp.Sub(s.now()).Seconds()), 0)
	}
	q := s.qr()
	q.Amount, q.Purpose = p.Amount, v.Memo
	payload, err := vietqr.Build(q)
	if err != nil {
		s.log().Error("VietQR payload refused: check [payment] bank_bin, account, account_name, city", "ref", p.Ref, "err", err)
		return v
	}
	v.Payload = payload
	px := s.QRPixels
	if px <= 0 {
		px = vietqr.ScreenPixels
	}
	if v.QRPng, err = vietqr.DataURL(payload, px); err != nil {
		s.log().Error("QR image failed", "ref", p.Ref, "err", err)
	}
	return v
}

func (s *Service) emit(p Payment) View {
	v := s.View(p)
	s.ev.Emit(EventUpdate, v)
	return v
}

// Create starts a fee payment: a reference, a dynamic VietQR for amount
// whole VND, awaiting the transfer until expiry.
func (s *Service) Create(ctx context.Context, purpose string, amount int64, procedureCode string) (View, error) {
	if !s.cfg.Enabled {
		return View{}, ErrOff
	}
	if amount <= 0 || amount > 9_999_999_999_999 {
		return View{}, fmt.Errorf("%w, got %d", ErrAmount, amount)
	}
	q := s.qr()
	q.Amount, q.Purpose = amount, Memo(s.kioskID, "PXXXXXXX")
	if _, err := vietqr.Validate(q); err != nil {
		return View{}, fmt.Errorf("payment: receiving account in the config: %w", err)
	}
	p, err := s.ledger.Create(ctx, procedureCode, purpose, amount)
	if err != nil {
		return View{}, err
	}
	s.log().Info("payment created", "ref", p.Ref, "procedure", procedureCode, "amount", amount, "expires", p.ExpiresAt)
	return s.View(p), nil
}

// Get returns a payment's current state (expiring it if its time is up,
// with an event).
func (s *Service) Get(ctx context.Context, ref string) (View, error) {
	if _, err := s.ExpireDue(ctx); err != nil {
		return View{}, err
	}
	p, err := s.ledger.Get(ctx, ref)
	if err != nil {
		return View{}, err
	}
	return s.View(p), nil
}

// Cancel cancels an awaiting payment (idempotent) and pushes the change.
func (s *Service) Cancel(ctx context.Context, ref string) (View, error) {
	before, err := s.ledger.Get(ctx, ref)
	if err != nil {
		return View{}, err
	}
	p, err := s.ledger.Cancel(ctx, ref)
	if err != nil {
		return View{}, err
	}
	if p.Status != before.Status {
		s.log().Info("payment "+p.Status, "ref", ref)
		return s.emit(p), nil
	}
	return s.View(p), nil
}

// ExpireDue expires overdue payments, pushes each change, and returns them.
// Call it from the kiosk's clock (every few seconds).
func (s *Service) ExpireDue(ctx context.Context) ([]View, error) {
	refs, err := s.ledger.ExpireDue(ctx)
	if err != nil {
		return nil, err
	}
	var out []View
	for _, ref := range refs {
		p, err := get(ctx, s.db, ref)
		if err != nil {
			return out, err
		}
		s.log().Info("payment expired (QR no longer payable)", "ref", ref)
		out = append(out, s.emit(p))
	}
	return out, nil
}

// Apply is the one way a bank notice reaches a payment (the HTTP receiver
// calls it after verification): recorded, judged, pushed, and on paid a
// receipt printed.
func (s *Service) Apply(ctx context.Context, n Notice) (Verdict, error) {
	v, err := s.ledger.Apply(ctx, n)
	if err != nil {
		return v, err
	}
	logVerdict(s.log(), n, v)
	s.after(v)
	return v, nil
}

func (s *Service) after(v Verdict) {
	if !v.Changed || v.Payment == nil {
		return
	}
	s.emit(*v.Payment)
	if v.Payment.Status == Paid {
		s.printAsync(*v.Payment)
	}
}

func auditor(ctx context.Context, at time.Time, role, action, reason string) Auditor {
	return func(tx Tx, ref string) error {
		err := tx.AppendAudit(ctx, audit.Entry{At: at, Role: role, Action: action, Target: ref, Detail: reason})
		if err != nil {
			return fmt.Errorf("audit %s %s: %w", role, action, err)
		}
		return nil
	}
}

// ConfirmManual marks a payment paid on a staff member's word (after the
// caller checked the PIN), with a reason; the audit_log row is written in
// the same transaction. Confirming a paid payment again changes nothing.
func (s *Service) ConfirmManual(ctx context.Context, ref, staffRole, reason string) (View, error) {
	if strings.TrimSpace(staffRole) == "" {
		return View{}, fmt.Errorf("payment %s: confirm: %w", ref, ErrState)
	}
	p, changed, err := s.ledger.confirmManual(ctx, ref, reason, auditor(ctx, s.now(), staffRole, "payment_confirm", reason))
	if err != nil {
		return View{}, err
	}
	if !changed {
		return s.View(p), nil
	}
	s.log().Info("payment confirmed by staff", "ref", ref, "role", staffRole)
	v := s.emit(p)
	s.printAsync(p)
	return v, nil
}

// Void cancels an unpaid or disputed payment with a staff reason, audited
// in the same transaction.
func (s *Service) Void(ctx context.Context, ref, staffRole, reason string) (View, error) {
	if strings.TrimSpace(staffRole) == "" {
		return View{}, fmt.Errorf("payment %s: void: %w", ref, ErrState)
	}
	p, _, err := s.ledger.void(ctx, ref, reason, auditor(ctx, s.now(), staffRole, "payment_void", reason))
	if err != nil {
		return View{}, err
	}
	s.log().Info("payment voided by staff", "ref", ref, "role", staffRole)
	return s.emit(p), nil
}

// Receiver is the bank-notice HTTP handler (POST /notify/{casso,payos,sepay})
// with the configured keys, feeding Apply.
// (one per Service, so Wait covers its callbacks).
func (s *Service) Receiver() http.Handler { return s.receiver() }

func (s *Service) receiver() *Receiver {
	s.rcvOnce.Do(func() {
		s.rcv = &Receiver{Ledger: s.ledger, Keys: Keys{Casso: s.cfg.CassoKey, PayOS: s.cfg.PayOSKey, SePay: s.cfg.SePayKey},
			Log: s.log(), Now: s.now, OnDone: s.after}
	})
	return s.rcv
}

// Serve runs the receiver on payment.listen until ctx ends.
func (s *Service) Serve(ctx context.Context) error {
	if s.cfg.Listen == "" {
		return fmt.Errorf("payment: no listen address (payment.listen)")
	}
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("payment: notice receiver: %w", err)
	}
	return s.ServeListener(ctx, ln)
}

// ServeListener runs the receiver on ln until ctx ends.
func (s *Service) ServeListener(ctx context.Context, ln net.Listener) error {
	s.log().Info("payment notices accepted", "listen", ln.Addr().String(), "casso", s.cfg.CassoKey != "", "payos", s.cfg.PayOSKey != "", "sepay", s.cfg.SePayKey != "")
	return serve(ctx, ln, s.Receiver())
}

// Wait blocks until the receiver's callbacks and the receipts being printed
// in the background are done.
func (s *Service) Wait() {
	s.receiver().Wait()
	s.wg.Wait()
}
