package centre

import (
	"errors"
	"net/http"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/payment"
)

// paymentsOn answers 409 payments_off when the centre takes no payments.
func (s *Server) paymentsOn(w http.ResponseWriter) bool {
	if !s.opt.Config.Payment.Enabled {
		writeError(w, Error{Code: CodePaymentsOff, Message: "payments are disabled on the centre ([payment] enabled = false)"})
		return false
	}
	return true
}

// paymentError answers a payment failure with its code.
func (s *Server) paymentError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, payment.ErrNotFound), errors.Is(err, payment.ErrNoNotice):
		writeError(w, Error{Code: CodeNotFound, Message: err.Error()})
	case errors.Is(err, payment.ErrState), errors.Is(err, payment.ErrMismatch):
		writeError(w, Error{Code: CodeState, Message: err.Error()})
	case errors.Is(err, payment.ErrAmount), errors.Is(err, payment.ErrReason):
		writeError(w, Error{Code: CodeBadRequest, Message: err.Error()})
	case errors.Is(err, payment.ErrOff):
		writeError(w, Error{Code: CodePaymentsOff, Message: err.Error()})
	default:
		s.unavailable(w, r, err)
	}
}

// createPayment is POST /api/v1/payments; the memo carries the kiosk's name.
func (s *Server) createPayment(w http.ResponseWriter, r *http.Request, dev device.Device) {
	if !s.paymentsOn(w) {
		return
	}
	var req PaymentRequest
	if !decode(w, r, &req) {
		return
	}
	v, err := s.paymentService(dev.Name).Create(r.Context(), req.Purpose, req.Amount, req.Procedure)
	if err != nil {
		s.paymentError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, v)
}

// viewer is the payment service whose memos name this device when it is a kiosk.
func (s *Server) viewer(dev device.Device) *payment.Service {
	if dev.Kind == device.Kiosk {
		return s.paymentService(dev.Name)
	}
	return s.centre
}

// getPayment is GET /api/v1/payments/{ref}.
func (s *Server) getPayment(w http.ResponseWriter, r *http.Request, dev device.Device) {
	if !s.paymentsOn(w) {
		return
	}
	v, err := s.viewer(dev).Get(r.Context(), r.PathValue("ref"))
	if err != nil {
		s.paymentError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// cancelPayment is POST /api/v1/payments/{ref}/cancel.
func (s *Server) cancelPayment(w http.ResponseWriter, r *http.Request, dev device.Device) {
	if !s.paymentsOn(w) {
		return
	}
	v, err := s.viewer(dev).Cancel(r.Context(), r.PathValue("ref"))
	if err != nil {
		s.paymentError(w, r, err)
		return
	}
	s.log.Info("payment cancel asked", "device", dev.Name, "ref", v.Ref, "status", v.Status)
	writeJSON(w, http.StatusOK, v)
}
