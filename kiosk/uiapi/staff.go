package uiapi

import (
	"github.com/motcua/kiosk/kiosk/assist"
	"github.com/motcua/kiosk/kiosk/core"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/queue"
)

// Staff mode: citizens, tickets and money.

// StaffEndSession ends the current citizen session (staff or technician).
func (a *API) StaffEndSession() error {
	if err := a.need(StaffOrTechnician); err != nil {
		return err
	}
	return a.k.StaffEndSession()
}

// StaffTickets lists today's tickets.
func (a *API) StaffTickets() ([]queue.Ticket, error) {
	if err := a.need(Staff); err != nil {
		return nil, err
	}
	return a.k.StaffTickets()
}

// StaffReprint prints a ticket again.
func (a *API) StaffReprint(id int64) (queue.Ticket, error) {
	if err := a.need(Staff); err != nil {
		return queue.Ticket{}, err
	}
	return a.k.StaffReprint(id)
}

// StaffSetServiceOpen opens or closes a service for new tickets.
func (a *API) StaffSetServiceOpen(code string, open bool) error {
	if err := a.need(Staff); err != nil {
		return err
	}
	return a.k.StaffSetServiceOpen(code, open)
}

// StaffPayments lists the payments staff may need to act on.
func (a *API) StaffPayments() ([]payment.Payment, error) {
	if err := a.need(Staff); err != nil {
		return nil, err
	}
	return a.k.StaffPayments()
}

// StaffConfirmPayment marks a payment paid by hand, with a reason.
func (a *API) StaffConfirmPayment(ref, reason string) (core.PaymentView, error) {
	if err := a.need(Staff); err != nil {
		return core.PaymentView{}, err
	}
	return a.k.StaffConfirmPayment(ref, reason)
}

// StaffVoidPayment voids a payment, with a reason.
func (a *API) StaffVoidPayment(ref, reason string) (core.PaymentView, error) {
	if err := a.need(Staff); err != nil {
		return core.PaymentView{}, err
	}
	return a.k.StaffVoidPayment(ref, reason)
}

// ReportDirs lists the removable media a report can be written to.
func (a *API) ReportDirs() ([]string, error) {
	if err := a.need(Staff); err != nil {
		return nil, err
	}
	return a.k.ReportDirs(), nil
}

// StaffExportReport writes the daily CSV report into dir.
func (a *API) StaffExportReport(dir string) (string, error) {
	if err := a.need(Staff); err != nil {
		return "", err
	}
	return a.k.StaffExportReport(dir)
}

// StaffAssistList lists the open help requests.
func (a *API) StaffAssistList() ([]assist.Request, error) {
	if err := a.need(Staff); err != nil {
		return nil, err
	}
	return a.k.StaffAssistList()
}

// StaffAssistResolve marks a help request handled.
func (a *API) StaffAssistResolve(id int64) error {
	if err := a.need(Staff); err != nil {
		return err
	}
	return a.k.StaffAssistResolve(id)
}
