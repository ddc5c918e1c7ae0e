package centre

import (
	"context"
	"net/http"
	"strconv"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/payment"
	"github.com/motcua/kiosk/kiosk/staff"
)

// reconciler is what the ledger offers for flagged bank notices (a
// transfer for an already paid fee, an unknown reference). The routes
// answer 501 until the ledger has these methods.
type reconciler interface {
	Flagged(ctx context.Context) ([]payment.NoticeRow, error)
	Refund(ctx context.Context, noticeID int64, role, note string) error
	Assign(ctx context.Context, noticeID int64, ref, role, note string) error
}

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

// reconciler returns the ledger's notice reconciliation, or answers 501.
func (s *Server) reconciler(w http.ResponseWriter) (reconciler, bool) {
	rc, ok := any(s.centre.Ledger()).(reconciler)
	if !ok {
		writeJSON(w, http.StatusNotImplemented, Error{Code: "not_implemented", Message: "this centre build cannot reconcile bank notices yet"})
	}
	return rc, ok
}

// staffNotices is GET /api/v1/staff/notices.
func (s *Server) staffNotices(w http.ResponseWriter, r *http.Request, _ device.Device) {
	rc, ok := s.reconciler(w)
	if !ok {
		return
	}
	rows, err := rc.Flagged(r.Context())
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
	s.staffNotice(w, r, dev, "notice_refund", func(rc reconciler, id int64, req StaffRequest) error {
		return rc.Refund(r.Context(), id, staff.Staff, req.Note)
	})
}

// staffAssign is POST /api/v1/staff/notices/{id}/assign.
func (s *Server) staffAssign(w http.ResponseWriter, r *http.Request, dev device.Device) {
	s.staffNotice(w, r, dev, "notice_assign", func(rc reconciler, id int64, req StaffRequest) error {
		return rc.Assign(r.Context(), id, req.Ref, staff.Staff, req.Note)
	})
}

func (s *Server) staffNotice(w http.ResponseWriter, r *http.Request, dev device.Device, action string,
	do func(rc reconciler, id int64, req StaffRequest) error) {
	rc, ok := s.reconciler(w)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, Error{Code: CodeBadRequest, Message: "bad notice id " + strconv.Quote(r.PathValue("id"))})
		return
	}
	var req StaffRequest
	if !decode(w, r, &req) {
		return
	}
	if err := do(rc, id, req); err != nil {
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
