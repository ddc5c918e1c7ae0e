package centre

import (
	"context"
	"net/http"
	"strconv"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/staff"
)

// staffConfirm is POST …/confirm: a staff member says the fee was paid.
func (s *Server) staffConfirm(w http.ResponseWriter, r *http.Request, dev device.Device) {
	s.staffPayment(w, r, dev, "payment_confirm", s.centre.ConfirmManual)
}

// staffVoid is POST …/void.
func (s *Server) staffVoid(w http.ResponseWriter, r *http.Request, dev device.Device) {
	s.staffPayment(w, r, dev, "payment_void", s.centre.Void)
}

func (s *Server) staffPayment(w http.ResponseWriter, r *http.Request, dev device.Device, action string,
	do func(ctx context.Context, ref, role, reason string) (payment.View, error)) {
	if !s.paymentsOn(w) {
		return
	}
	var req StaffRequest
	if !decode(w, r, &req) {
		return
	}
	ref := r.PathValue("ref")
	v, err := do(r.Context(), ref, staff.Staff, req.Reason)
	if err != nil {
		s.paymentError(w, r, err)
		return
	}
	s.auditStaff(r.Context(), dev, "centre_"+action, ref, req.Reason)
	s.log.Info("staff "+action, "device", dev.Name, "ref", ref, "status", v.Status)
	writeJSON(w, http.StatusOK, v)
}

// staffNotices is GET /api/v1/staff/notices.
func (s *Server) staffNotices(w http.ResponseWriter, r *http.Request, _ device.Device) {
	rows, err := s.centre.Flagged(r.Context())
	if err != nil {
		s.paymentError(w, r, err)
		return
	}
	if rows == nil {
		rows = []payment.NoticeRow{}
	}
	writeJSON(w, http.StatusOK, rows)
}

// staffRefund is POST /api/v1/staff/notices/{id}/refund.
func (s *Server) staffRefund(w http.ResponseWriter, r *http.Request, dev device.Device) {
	s.staffNotice(w, r, dev, "notice_refund", func(id int64, req StaffRequest) error {
		_, err := s.centre.RefundNotice(r.Context(), id, staff.Staff, req.Note)
		return err
	})
}

// staffAssign is POST /api/v1/staff/notices/{id}/assign.
func (s *Server) staffAssign(w http.ResponseWriter, r *http.Request, dev device.Device) {
	s.staffNotice(w, r, dev, "notice_assign", func(id int64, req StaffRequest) error {
		_, err := s.centre.AssignNotice(r.Context(), id, req.Ref, staff.Staff, req.Note)
		return err
	})
}

func (s *Server) staffNotice(w http.ResponseWriter, r *http.Request, dev device.Device, action string,
	do func(id int64, req StaffRequest) error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, Error{Code: CodeBadRequest, Message: "bad notice id " + strconv.Quote(r.PathValue("id"))})
		return
	}
	var req StaffRequest
	if !decode(w, r, &req) {
		return
	}
	if err := do(id, req); err != nil {
		s.paymentError(w, r, err)
		return
	}
	detail := req.Note
	if req.Ref != "" {
		detail = "ref " + req.Ref + ": " + detail
	}
	s.auditStaff(r.Context(), dev, "centre_"+action, strconv.FormatInt(id, 10), detail)
	s.log.Info("staff "+action, "device", dev.Name, "notice", id, "ref", req.Ref)
	w.WriteHeader(http.StatusNoContent)
}
