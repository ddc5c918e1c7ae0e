package centre

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/queue"
)

// issue is POST /api/v1/tickets: 201 with a new ticket, 200 with the one
// issued before under the same key.
func (s *Server) issue(w http.ResponseWriter, r *http.Request, dev device.Device) {
	var req IssueRequest
	if !decode(w, r, &req) {
		return
	}
	if len(req.Key) > 128 {
		writeError(w, Error{Code: CodeBadRequest, Message: "idempotency key longer than 128 bytes"})
		return
	}
	t, err := s.queue.IssueKeyed(r.Context(), req.Service, req.Priority, scopedKey(dev.Name, req.Key))
	var ie *queue.IssueError
	switch {
	case errors.As(err, &ie):
		code := CodeNoService
		switch {
		case errors.Is(err, queue.ErrClosed):
			code = CodeClosed
		case errors.Is(err, queue.ErrCapped):
			code = CodeCapped
		case errors.Is(err, queue.ErrKey):
			code = CodeBadRequest
		}
		vi, en := queue.Message(err)
		s.log.Info("ticket refused", "device", dev.Name, "service", req.Service, "priority", req.Priority, "why", err.Error())
		writeError(w, Error{Code: code, Message: err.Error(), VI: vi, EN: en})
		return
	case err != nil:
		s.unavailable(w, r, err)
		return
	}
	status := http.StatusCreated
	if t.Replayed {
		status = http.StatusOK
		s.log.Info("ticket given back for a retried request", "device", dev.Name, "ticket", t.Code)
	} else {
		s.log.Info("ticket issued", "device", dev.Name, "ticket", t.Code, "service", t.Service, "priority", t.Priority)
	}
	writeJSON(w, status, t)
}

// scopedKey makes a kiosk's idempotency key unique to that kiosk (two
// kiosks may choose the same key) while staying within 128 bytes.
func scopedKey(kiosk, key string) string {
	if key == "" {
		return ""
	}
	h := sha256.Sum256([]byte(kiosk + "\x00" + key))
	return hex.EncodeToString(h[:])
}

// callNext is POST /api/v1/counters/{counter}/next: 200 with the call,
// 204 when nobody waits, 404 for a counter that serves nothing.
func (s *Server) callNext(w http.ResponseWriter, r *http.Request, dev device.Device) {
	counter := r.PathValue("counter")
	c, err := s.queue.CallCounter(r.Context(), counter, "")
	switch {
	case errors.Is(err, queue.ErrNoCounter):
		writeError(w, Error{Code: CodeNotFound, Message: "no service is served at counter " + counter})
		return
	case errors.Is(err, queue.ErrNoneWaiting):
		w.WriteHeader(http.StatusNoContent)
		return
	case err != nil:
		s.unavailable(w, r, err)
		return
	}
	s.log.Info("ticket called", "device", dev.Name, "counter", counter, "ticket", c.Ticket.Code)
	writeJSON(w, http.StatusOK, c)
}
