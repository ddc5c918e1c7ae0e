package core

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/layout"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/qrimg"
	"github.com/motcua/kiosk/kiosk/staff"
	"github.com/motcua/kiosk/kiosk/text"
	"github.com/motcua/kiosk/kiosk/vietqr"
	"github.com/motcua/kiosk/kiosk/vnwords"
)

// PaymentView is the pay screen's state.
type PaymentView struct {
	payment.Payment
	AmountWords string `json:"amountWords"`
	QRPng       string `json:"qrPng"`
	Payload     string `json:"payload"`
	BankName    string `json:"bankName"`
	Account     string `json:"account"`
	AccountName string `json:"accountName"`
	Memo        string `json:"memo"`
	SecondsLeft int    `json:"secondsLeft"`
}

const eventPayment = "payment:update"

func (k *Kiosk) memo(ref string) string {
	id := strings.ToUpper(vietqr.Fold(k.Config().Kiosk.KioskID))
	id = strings.NewReplacer("-", "", " ", "").Replace(id)
	if len(id) > 16 {
		id = id[:16]
	}
	return id + " " + ref
}

func (k *Kiosk) paymentView(p payment.Payment) PaymentView {
	c := k.Config().Payment
	v := PaymentView{Payment: p, AmountWords: vnwords.Dong(p.Amount), BankName: vietqr.BankName(c.BankBIN), Account: c.Account, AccountName: c.AccountName, Memo: k.memo(p.Ref)}
	if exp, err := time.Parse(time.RFC3339, p.ExpiresAt); err == nil && p.Status == payment.Awaiting {
		v.SecondsLeft = max(int(exp.Sub(k.now()).Seconds()), 0)
	}
	if p.Status == payment.Awaiting {
		payload, err := vietqr.Build(vietqr.Payment{BIN: c.BankBIN, Account: c.Account, Amount: p.Amount, Purpose: v.Memo, Name: c.AccountName, City: c.City})
		if err == nil {
			v.Payload = payload
			v.QRPng, _ = qrimg.DataURL(payload, 560)
		} else {
			k.log.Error("VietQR payload refused", "err", err)
		}
	}
	return v
}

// CreatePayment starts a fee payment: a dynamic VietQR with a reference.
func (k *Kiosk) CreatePayment(procedure, purpose string, amount int64) (PaymentView, error) {
	if k.centre != nil && k.Config().Payment.Enabled {
		return k.centre.createPayment(procedure, purpose, amount) // centre_payments.go
	}
	if k.ledger == nil {
		return PaymentView{}, errNoStore
	}
	if !k.Config().Payment.Enabled {
		return PaymentView{}, payment.ErrOff
	}
	p, err := k.ledger.Create(context.Background(), procedure, purpose, amount)
	if err != nil {
		return PaymentView{}, err
	}
	k.log.Info("payment created", "ref", p.Ref, "procedure", procedure, "amount", amount)
	return k.paymentView(p), nil
}

// GetPayment returns a payment's current state.
func (k *Kiosk) GetPayment(ref string) (PaymentView, error) {
	if k.centre != nil {
		return k.centre.getPayment(ref)
	}
	p, err := k.ledger.Get(context.Background(), ref)
	if err != nil {
		return PaymentView{}, err
	}
	return k.paymentView(p), nil
}

// CancelPayment cancels an unpaid payment.
func (k *Kiosk) CancelPayment(ref string) (PaymentView, error) {
	if k.centre != nil {
		return k.centre.cancelPayment(ref)
	}
	p, err := k.ledger.Cancel(context.Background(), ref)
	if err != nil {
		return PaymentView{}, err
	}
	v := k.paymentView(p)
	k.Emit(eventPayment, v)
	return v, nil
}

// onPaymentNotice pushes the new state to the screen and prints a receipt.
// The receiver runs it in its own goroutine after answering the provider,
// so a slow or stuck printer never delays the answer; Stop waits for it.
func (k *Kiosk) onPaymentNotice(v payment.Verdict) {
	p := *v.Payment
	if v.Verdict == "paid" {
		k.printReceipt(p)
		p, _ = k.ledger.Get(context.Background(), p.Ref)
	}
	k.Emit(eventPayment, k.paymentView(p))
}

func (k *Kiosk) printReceipt(p payment.Payment) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg := k.Config()
	d := layout.Receipt(payment.ReceiptData(p, cfg.Kiosk.CentreName, cfg.Kiosk.KioskID, k.loc))
	state := "printed"
	if err := k.thePrinter().Print(ctx, d); err != nil {
		state = "failed"
		k.log.Error("receipt not printed (payment stays paid)", "ref", p.Ref, "err", err)
	}
	k.ledger.SetReceipt(context.Background(), p.Ref, state)
}

// StaffConfirmPayment marks a payment paid by hand with a reason (staff mode), audited.
func (k *Kiosk) StaffConfirmPayment(ref, reason string) (PaymentView, error) {
	role, err := k.mode.Require("payment_confirm", k.now())
	if err != nil {
		return PaymentView{}, err
	}
	ctx := context.Background()
	p, err := k.ledger.ConfirmManual(ctx, ref, reason)
	if err != nil {
		return PaymentView{}, err
	}
	staff.Audit(ctx, k.db, k.now(), role, "payment_confirm", ref, reason)
	k.printReceipt(p)
	v := k.paymentView(p)
	k.Emit(eventPayment, v)
	return v, nil
}

// startPayments runs the notice receiver and the expiry sweep.
func (k *Kiosk) startPayments(ctx context.Context) {
	c := k.Config().Payment
	if !c.Enabled || k.ledger == nil || c.Listen == "" {
		return
	}
	r := &payment.Receiver{Ledger: k.ledger, Keys: payment.Keys{Casso: c.CassoKey, PayOS: c.PayOSKey, SePay: c.SePayKey}, Log: k.log, Now: k.now, OnDone: k.onPaymentNotice}
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		defer r.Wait() // receipts and events of notices already answered
		if err := r.Serve(ctx, c.Listen); err != nil {
			k.addProblem(Problem{Area: "payment", Citizen: text.PaymentAutoConfirmDown.VI, CitizenEN: text.PaymentAutoConfirmDown.EN, Detail: "notice receiver on " + c.Listen + ": " + err.Error()})
			k.log.Error("payment notice receiver stopped", "listen", c.Listen, "err", err)
		}
	}()
	k.log.Info("payment notices accepted", "listen", c.Listen, "casso", c.CassoKey != "", "payos", c.PayOSKey != "", "sepay", c.SePayKey != "")
}

// StaffVoidPayment cancels an unpaid or disputed payment with a reason (staff mode), audited.
func (k *Kiosk) StaffVoidPayment(ref, reason string) (PaymentView, error) {
	role, err := k.mode.Require("payment_void", k.now())
	if err != nil {
		return PaymentView{}, err
	}
	ctx := context.Background()
	p, err := k.ledger.Void(ctx, ref, reason)
	if err != nil {
		return PaymentView{}, err
	}
	staff.Audit(ctx, k.db, k.now(), role, "payment_void", ref, reason)
	v := k.paymentView(p)
	k.Emit(eventPayment, v)
	return v, nil
}

// sweepPayments expires overdue payments and tells the screen (the clock calls it).
func (k *Kiosk) sweepPayments() {
	if k.ledger == nil {
		return
	}
	refs, _ := k.ledger.ExpireDue(context.Background())
	for _, ref := range refs {
		if p, err := k.ledger.Get(context.Background(), ref); err == nil {
			k.Emit(eventPayment, k.paymentView(p))
		}
	}
}
