package core

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/fleet"
	"github.com/motcua/kiosk/kiosk/layout"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/qrimg"
	"github.com/motcua/kiosk/kiosk/text"
)

// ownPayment is what the kiosk keeps about a payment it created on the
// centre: whether its receipt was printed here.
type ownPayment struct {
	receipt string // "" | printing | printed | failed
	last    payment.View
}

// createPayment starts a payment on the centre.
func (c *centreBackend) createPayment(procedure, purpose string, amount int64) (PaymentView, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.perTry)
	defer cancel()
	v, err := c.client.CreatePayment(ctx, centre.PaymentRequest{Purpose: purpose, Amount: amount, Procedure: procedure})
	if err != nil {
		return PaymentView{}, c.payErr("create payment", err)
	}
	c.mu.Lock()
	c.refs[v.Ref] = &ownPayment{last: v}
	c.mu.Unlock()
	c.k.log.Info("payment created on the centre", "ref", v.Ref, "procedure", procedure, "amount", amount)
	return c.view(v), nil
}

func (c *centreBackend) getPayment(ref string) (PaymentView, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.perTry)
	defer cancel()
	v, err := c.client.Payment(ctx, ref)
	if err != nil {
		return PaymentView{}, c.payErr("read payment "+ref, err)
	}
	return c.view(v), nil
}

func (c *centreBackend) cancelPayment(ref string) (PaymentView, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.perTry)
	defer cancel()
	v, err := c.client.CancelPayment(ctx, ref)
	if err != nil {
		return PaymentView{}, c.payErr("cancel payment "+ref, err)
	}
	pv := c.view(v)
	c.k.Emit(eventPayment, pv)
	return pv, nil
}

// payErr is the citizen's message for a failed payment call; the detail goes to the log.
func (c *centreBackend) payErr(what string, err error) error {
	c.k.log.Warn("centre payment call failed", "what", what, "err", err)
	var ce *centre.Error
	switch {
	case errors.Is(err, centre.ErrUnreachable):
		return text.CentrePausedPay.Error()
	case errors.As(err, &ce) && ce.VI != "":
		return text.Msg{VI: ce.VI, EN: ce.EN}.Error()
	}
	return fmt.Errorf("%s: %w", what, err)
}

// view is the pay screen's PaymentView for a centre payment (the same
// shape local mode emits), with the receipt state printed here.
func (c *centreBackend) view(v payment.View) PaymentView {
	pv := PaymentView{Payment: v.Payment, AmountWords: v.AmountWords, QRPng: v.QRPng, Payload: v.Payload,
		BankName: v.BankName, Account: v.Account, AccountName: v.AccountName, Memo: v.Memo, SecondsLeft: v.SecondsLeft}
	if v.Status == payment.Awaiting {
		if pv.QRPng == "" && pv.Payload != "" {
			pv.QRPng, _ = qrimg.DataURL(pv.Payload, 560)
		}
		if exp, err := time.Parse(time.RFC3339, v.ExpiresAt); err == nil {
			pv.SecondsLeft = max(int(exp.Sub(c.k.now()).Seconds()), 0)
		}
	}
	c.mu.Lock()
	if own, ok := c.refs[v.Ref]; ok && own.receipt != "" {
		pv.ReceiptState = own.receipt
	}
	c.mu.Unlock()
	return pv
}

// onEvent handles one event from the centre's stream: updates of this
// kiosk's payments reach the pay screen, and a paid one prints its receipt.
func (c *centreBackend) onEvent(ev events.Stored) {
	if ev.Name == fleet.EventAlert { // a kiosk's paper: a banner for staff here
		var a fleet.Alert
		if err := json.Unmarshal(ev.Data, &a); err != nil {
			c.k.log.Warn("centre event not understood", "name", ev.Name, "id", ev.ID, "err", err)
			return
		}
		c.k.Emit(fleet.EventAlert, a)
		return
	}
	if ev.Name != payment.EventUpdate {
		return
	}
	var v payment.View
	if err := json.Unmarshal(ev.Data, &v); err != nil {
		c.k.log.Warn("centre event not understood", "name", ev.Name, "id", ev.ID, "err", err)
		return
	}
	c.onPayment(v)
}

// onPayment applies a new state of one of this kiosk's payments.
func (c *centreBackend) onPayment(v payment.View) {
	c.mu.Lock()
	own, ok := c.refs[v.Ref]
	print := false
	if ok {
		own.last = v
		if v.Status == payment.Paid && own.receipt == "" {
			own.receipt, print = "printing", true
		}
	}
	c.mu.Unlock()
	if !ok {
		return
	}
	c.k.Emit(eventPayment, c.view(v))
	if print {
		c.k.wg.Add(1)
		go func() {
			defer c.k.wg.Done()
			c.printReceipt(v.Payment)
		}()
	}
}

// printReceipt prints a paid centre payment's receipt on this kiosk.
func (c *centreBackend) printReceipt(p payment.Payment) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg := c.k.Config()
	state := "printed"
	if err := c.k.thePrinter().Print(ctx, layout.Receipt(payment.ReceiptData(p, cfg.Kiosk.CentreName, cfg.Kiosk.KioskID, c.k.loc))); err != nil {
		state = "failed"
		c.k.log.Error("receipt not printed (payment stays paid)", "ref", p.Ref, "err", err)
	}
	c.mu.Lock()
	own := c.refs[p.Ref]
	own.receipt = state
	last := own.last
	c.mu.Unlock()
	c.k.Emit(eventPayment, c.view(last))
}

// refresh re-reads this kiosk's unfinished payments after the link comes
// back, in case an update was missed while it was down.
func (c *centreBackend) refresh(ctx context.Context) {
	c.mu.Lock()
	var refs []string
	for ref, own := range c.refs {
		if own.last.Status == payment.Awaiting || (own.last.Status == payment.Paid && own.receipt == "") {
			refs = append(refs, ref)
		}
	}
	c.mu.Unlock()
	for _, ref := range refs {
		rctx, cancel := context.WithTimeout(ctx, c.perTry)
		v, err := c.client.Payment(rctx, ref)
		cancel()
		if err != nil {
			return
		}
		c.mu.Lock()
		changed := v.Status != c.refs[ref].last.Status
		c.mu.Unlock()
		if changed {
			c.onPayment(v)
		}
	}
}
