package centre

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/queue"
	"github.com/motcua/kiosk/kiosk/staff"
	"github.com/motcua/kiosk/kiosk/text"
)

// officerHandler serves a counter route for the officer signed in there.
type officerHandler func(w http.ResponseWriter, r *http.Request, dev device.Device, desk queue.Desk)

// asOfficer checks the officer's session for the {counter} of the path:
// the session cookie (pages) or HeaderOfficer (kioskctl).
func (s *Server) asOfficer(h officerHandler) deviceHandler {
	return func(w http.ResponseWriter, r *http.Request, dev device.Device) {
		counter := r.PathValue("counter")
		if s.officers == nil {
			writeError(w, Error{Code: CodeForbidden, Message: "officer sign-in is not set up on this centre"})
			return
		}
		token := r.Header.Get(HeaderOfficer)
		if c, err := r.Cookie(CookieOfficer); token == "" && err == nil {
			token = c.Value
		}
		sess, err := s.officers.Check(r.Context(), token, counter)
		switch {
		case errors.Is(err, officer.ErrNoSession):
			s.log.Warn("counter action refused: officer not signed in at this counter", "device", dev.Name,
				"counter", counter, "route", r.Pattern, "remote", r.RemoteAddr)
			writeMsg(w, CodeNoOfficer, "officer not signed in at counter "+counter, text.CounterSignIn)
			return
		case err != nil:
			s.unavailable(w, r, err)
			return
		}
		h(w, r, dev, queue.Desk{Counter: counter, Officer: sess.Officer})
	}
}

// writeMsg writes an error with the officer- or citizen-facing text.
func writeMsg(w http.ResponseWriter, code, message string, m text.Msg) {
	writeError(w, Error{Code: code, Message: message, VI: m.VI, EN: m.EN})
}

// audit records a counter action with the officer; a failure is logged,
// not fatal to the action already done.
func (s *Server) audit(ctx context.Context, desk queue.Desk, action, target, detail string) {
	d := "counter " + desk.Counter + ", officer " + desk.Officer
	if detail != "" {
		d += ": " + detail
	}
	if err := staff.Audit(ctx, s.opt.Audit, s.now(), "officer", action, target, d); err != nil {
		s.log.Error("audit write failed", "action", action, "target", target, "err", err)
	}
}

// officersList is GET PathOfficers: the names on the sign-in page.
func (s *Server) officersList(w http.ResponseWriter, r *http.Request, _ device.Device) {
	if s.officers == nil {
		writeJSON(w, http.StatusOK, []string{})
		return
	}
	os, err := s.officers.List(r.Context())
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	names := []string{}
	for _, o := range os {
		if o.Active {
			names = append(names, o.Name)
		}
	}
	writeJSON(w, http.StatusOK, names)
}

// signIn is POST PathSignIn.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, dev device.Device) {
	counter := r.PathValue("counter")
	if len(s.queue.CounterServices(counter)) == 0 {
		writeError(w, Error{Code: CodeNotFound, Message: "no service is served at counter " + counter})
		return
	}
	if s.officers == nil {
		writeError(w, Error{Code: CodeForbidden, Message: "officer sign-in is not set up on this centre"})
		return
	}
	var req SignInRequest
	if !decode(w, r, &req) {
		return
	}
	token, sess, err := s.officers.SignIn(r.Context(), counter, dev.Name, req.Officer, req.PIN)
	var locked *officer.LockedError
	switch {
	case errors.As(err, &locked):
		s.log.Warn("officer sign-in refused: PIN locked", "counter", counter, "officer", req.Officer, "until", locked.Until)
		writeMsg(w, CodeLocked, err.Error(), text.CounterLocked)
		return
	case errors.Is(err, officer.ErrWrongPIN):
		s.log.Warn("officer sign-in refused: wrong PIN", "counter", counter, "officer", req.Officer, "device", dev.Name)
		writeMsg(w, CodeWrongPIN, "wrong PIN", text.CounterWrongPIN)
		return
	case errors.Is(err, officer.ErrNoOfficer), errors.Is(err, officer.ErrInactive):
		s.log.Warn("officer sign-in refused", "counter", counter, "officer", req.Officer, "why", err.Error())
		writeMsg(w, CodeNoOfficer, err.Error(), text.CounterNoOfficer)
		return
	case err != nil:
		s.unavailable(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: CookieOfficer, Value: token, Path: "/api/v1/counters/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: int(officer.SessionTTL.Seconds())})
	w.Header().Set(HeaderOfficer, token) // for kioskctl; a page cannot read it back (no CORS)
	desk := queue.Desk{Counter: counter, Officer: sess.Officer}
	s.audit(r.Context(), desk, "sign_in", "counter "+counter, "device "+dev.Name)
	s.log.Info("officer signed in", "counter", counter, "officer", sess.Officer, "device", dev.Name)
	s.emitCounter(r.Context(), counter)
	s.counterView(w, r, dev, desk)
}

// signOut is POST PathSignOut.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request, _ device.Device, desk queue.Desk) {
	token := r.Header.Get(HeaderOfficer)
	if c, err := r.Cookie(CookieOfficer); token == "" && err == nil {
		token = c.Value
	}
	if err := s.officers.SignOut(r.Context(), token); err != nil {
		s.unavailable(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: CookieOfficer, Value: "", Path: "/api/v1/counters/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, MaxAge: -1})
	s.audit(r.Context(), desk, "sign_out", "counter "+desk.Counter, "")
	s.emitCounter(r.Context(), desk.Counter)
	w.WriteHeader(http.StatusNoContent)
}

// emitCounter pushes a counter's state to the hall.
func (s *Server) emitCounter(ctx context.Context, counter string) {
	st, err := s.opt.Officers.CounterState(ctx, counter)
	if err != nil {
		s.log.Error("counter state not pushed", "counter", counter, "err", err)
		return
	}
	s.emit.Emit(officer.EventCounter, st)
}

// counterGet is GET PathCounter.
func (s *Server) counterGet(w http.ResponseWriter, r *http.Request, dev device.Device, desk queue.Desk) {
	s.counterView(w, r, dev, desk)
}

func (s *Server) counterView(w http.ResponseWriter, r *http.Request, _ device.Device, desk queue.Desk) {
	ctx := r.Context()
	st, err := s.opt.Officers.CounterState(ctx, desk.Counter)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	at, err := s.queue.Counter(ctx, desk.Counter)
	if errors.Is(err, queue.ErrNoCounter) {
		writeError(w, Error{Code: CodeNotFound, Message: err.Error()})
		return
	}
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	lines, err := s.queue.Services(ctx)
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	v := CounterView{State: st, Services: s.queue.CounterServices(desk.Counter), Current: at.Current,
		Parked: nonNil(at.Parked), Waiting: nonNil(at.Waiting), Lines: lines}
	writeJSON(w, http.StatusOK, v)
}

func nonNil(ts []queue.Ticket) []queue.Ticket {
	if ts == nil {
		return []queue.Ticket{}
	}
	return ts
}

// counterState is POST PathCounterState: pause with a reason, or reopen.
func (s *Server) counterState(w http.ResponseWriter, r *http.Request, dev device.Device, desk queue.Desk) {
	var req StateRequest
	if !decode(w, r, &req) {
		return
	}
	_, err := s.officers.SetState(r.Context(), desk.Counter, desk.Officer, req.Paused, req.Reason)
	if errors.Is(err, officer.ErrReason) {
		writeMsg(w, CodeBadRequest, err.Error(), text.CounterReason)
		return
	}
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	action := "counter_open"
	if req.Paused {
		action = "counter_pause"
	}
	s.audit(r.Context(), desk, action, "counter "+desk.Counter, req.Reason)
	s.emitCounter(r.Context(), desk.Counter)
	s.counterView(w, r, dev, desk)
}

// callNext is POST PathCounterNext for the officer signed in there.
func (s *Server) callNext(w http.ResponseWriter, r *http.Request, dev device.Device, desk queue.Desk) {
	ctx := r.Context()
	if ok := s.readyToCall(w, r, desk); !ok {
		return
	}
	c, err := s.queue.CallCounter(ctx, desk.Counter, desk.Officer)
	switch {
	case errors.Is(err, queue.ErrNoCounter):
		writeError(w, Error{Code: CodeNotFound, Message: "no service is served at counter " + desk.Counter})
		return
	case errors.Is(err, queue.ErrNoneWaiting):
		w.WriteHeader(http.StatusNoContent)
		return
	case err != nil:
		s.unavailable(w, r, err)
		return
	}
	s.audit(ctx, desk, "call_next", c.Ticket.Code, "")
	s.log.Info("ticket called", "device", dev.Name, "counter", desk.Counter, "officer", desk.Officer, "ticket", c.Ticket.Code)
	writeJSON(w, http.StatusOK, c)
}

// readyToCall refuses a call at a paused counter or one still serving.
func (s *Server) readyToCall(w http.ResponseWriter, r *http.Request, desk queue.Desk) bool {
	st, err := s.opt.Officers.CounterState(r.Context(), desk.Counter)
	if err != nil {
		s.unavailable(w, r, err)
		return false
	}
	if st.Paused {
		writeMsg(w, CodePaused, "counter "+desk.Counter+" is paused", text.CounterPaused)
		return false
	}
	cur, err := s.queue.Current(r.Context(), desk.Counter)
	if err != nil {
		s.unavailable(w, r, err)
		return false
	}
	if cur != nil {
		writeMsg(w, CodeState, "counter "+desk.Counter+" still has "+cur.Code, text.CounterBusy.Format(cur.Code))
		return false
	}
	return true
}

// ticketAction is POST PathTicketAction.
func (s *Server) ticketAction(w http.ResponseWriter, r *http.Request, dev device.Device, desk queue.Desk) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, Error{Code: CodeBadRequest, Message: "ticket id must be a positive number"})
		return
	}
	var req ActionRequest
	if r.ContentLength != 0 && !decode(w, r, &req) {
		return
	}
	op := r.PathValue("op")
	var t queue.Ticket
	switch op {
	case OpCall:
		if !s.readyToCall(w, r, desk) {
			return
		}
		t, err = s.queue.CallOut(ctx, id, desk, req.Reason)
	case OpRecall:
		t, err = s.queue.Recall(ctx, id, desk)
	case OpNoShow:
		t, err = s.queue.NoShow(ctx, id, desk)
	case OpStart:
		t, err = s.queue.Start(ctx, id, desk)
	case OpFinish:
		t, err = s.queue.Finish(ctx, id, desk)
	case OpPark:
		t, err = s.queue.Park(ctx, id, desk, req.Reason)
	case OpResume:
		if !s.readyToCall(w, r, desk) {
			return
		}
		t, err = s.queue.Resume(ctx, id, desk)
	case OpTransfer:
		t, err = s.queue.Transfer(ctx, id, desk, req.Service, req.Reason)
	default:
		writeError(w, Error{Code: CodeNotFound, Message: "unknown ticket operation " + strconv.Quote(op)})
		return
	}
	if s.actionError(w, r, op, id, err) {
		return
	}
	detail := strings.TrimSpace(req.Reason)
	if op == OpTransfer {
		detail = strings.TrimSpace("to " + req.Service + " " + detail)
	}
	s.audit(ctx, desk, "ticket_"+op, t.Code, detail)
	s.log.Info("counter action", "op", op, "ticket", t.Code, "counter", desk.Counter, "officer", desk.Officer, "device", dev.Name)
	writeJSON(w, http.StatusOK, t)
}

// actionError answers a refused operation; false when err is nil.
func (s *Server) actionError(w http.ResponseWriter, r *http.Request, op string, id int64, err error) bool {
	var se *queue.StateError
	switch {
	case err == nil:
		return false
	case errors.As(err, &se):
		vi, en := statusWords(se.Status)
		m := text.Msg{VI: fmt.Sprintf(text.CounterState.VI, se.Code, vi), EN: fmt.Sprintf(text.CounterState.EN, se.Code, en)}
		writeMsg(w, CodeState, err.Error(), m)
	case errors.Is(err, queue.ErrNoTicket):
		writeError(w, Error{Code: CodeNotFound, Message: fmt.Sprintf("no ticket %d", id)})
	case errors.Is(err, queue.ErrNotHere), errors.Is(err, queue.ErrNoCounter):
		writeMsg(w, CodeForbidden, err.Error(), text.CounterNotHere)
	case errors.Is(err, queue.ErrReason):
		writeMsg(w, CodeBadRequest, op+" needs a reason", text.CounterReason)
	case errors.Is(err, queue.ErrNoService):
		writeMsg(w, CodeNoService, err.Error(), text.CounterNoService)
	default:
		s.unavailable(w, r, err)
	}
	return true
}

// statusWords is a status as an officer reads it (Vietnamese, English).
func statusWords(st string) (string, string) {
	switch st {
	case queue.StatusWaiting:
		return "đang chờ", "waiting"
	case queue.StatusCalled:
		return "đã gọi", "called"
	case queue.StatusServing:
		return "đang phục vụ", "being served"
	case queue.StatusParked:
		return "tạm gác", "parked"
	case queue.StatusDone:
		return "đã xong", "finished"
	case queue.StatusNoShow:
		return "vắng mặt", "no-show"
	}
	return st, st
}
