// Package dossier answers "where is my dossier?" (tra cứu hồ sơ): the status
// of a dossier by its receipt code, from the province's one-stop system
// (VNPT iGate, the national interface's TraCuuHoSo) or from the simulator.
//
// Nothing about a dossier is stored or logged here: a Status lives only in
// the answer, and logs carry the code's length and the outcome. The owner's
// name leaves this package masked (MaskName).
package dossier

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Typed errors of Find. Callers map them to plain words (Message).
var (
	ErrBadCode       = errors.New("dossier: the code is not a receipt code (letters, digits, '-', '.', 6–40 characters)")
	ErrNotFound      = errors.New("dossier: no dossier with this code")
	ErrTimeout       = errors.New("dossier: the province's system did not answer in time")
	ErrMalformed     = errors.New("dossier: the province's system answered something unreadable")
	ErrNotConfigured = errors.New("dossier: the lookup is not configured for this province")
	ErrUnavailable   = errors.New("dossier: the province's system is not answering")
)

// Text is one message in both languages.
type Text struct {
	VI string `json:"vi"`
	EN string `json:"en"`
}

// Status is what the citizen sees about one dossier. Owner is masked.
type Status struct {
	Code          string     `json:"code"`
	Procedure     string     `json:"procedure"`
	Owner         string     `json:"owner"` // masked: "Nguyễn V** A**"
	ReceivedAt    *time.Time `json:"receivedAt,omitempty"`
	AppointmentAt *time.Time `json:"appointmentAt,omitempty"`
	CompletedAt   *time.Time `json:"completedAt,omitempty"`
	Step          Text       `json:"step"`  // the current step in plain words
	Ready         bool       `json:"ready"` // the result waits for collection
	Overdue       bool       `json:"overdue"`
	CollectAt     Text       `json:"collectAt"` // where to collect the result
}

// Lookup finds a dossier's status by its receipt code.
type Lookup interface {
	Find(ctx context.Context, code string) (Status, error)
}

// NormalizeCode trims the code (a scanner's CR/LF, spaces) and checks its
// shape: letters, digits, '-' and '.', 6–40 characters.
func NormalizeCode(code string) (string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if n := len(code); n < 6 || n > 40 {
		return "", ErrBadCode
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return "", ErrBadCode
		}
	}
	return code, nil
}

// MaskName keeps the family name and the first letter of every other word:
// "Nguyễn Văn An" → "Nguyễn V** A**". One word: its first letter only.
func MaskName(full string) string {
	words := strings.Fields(full)
	if len(words) == 0 {
		return ""
	}
	mask := func(w string) string {
		r, _ := utf8.DecodeRuneInString(w)
		return string(unicode.ToUpper(r)) + "**"
	}
	if len(words) == 1 {
		return mask(words[0])
	}
	out := []string{words[0]}
	for _, w := range words[1:] {
		out = append(out, mask(w))
	}
	return strings.Join(out, " ")
}

// Message is the plain message for a Find error.
func Message(err error) Text {
	switch {
	case errors.Is(err, ErrBadCode):
		return Text{"Mã hồ sơ không đúng. Mã gồm chữ, số, dấu chấm và gạch ngang, như trên giấy biên nhận.", "This is not a receipt code. It has letters, digits, dots and dashes, as printed on your receipt."}
	case errors.Is(err, ErrNotFound):
		return Text{"Không tìm thấy hồ sơ với mã này. Vui lòng kiểm tra lại mã trên giấy biên nhận.", "No dossier has this code. Please check the code on your receipt."}
	case errors.Is(err, ErrTimeout):
		return Text{"Hệ thống của tỉnh chưa trả lời. Vui lòng thử lại sau ít phút.", "The province's system did not answer. Please try again in a few minutes."}
	case errors.Is(err, ErrNotConfigured):
		return Text{"Chưa thể tra cứu hồ sơ tại máy này. Vui lòng hỏi cán bộ tại quầy.", "Dossier lookup is not set up here. Please ask at a counter."}
	case errors.Is(err, ErrLimited):
		return Text{"Bạn đã tra cứu nhiều lần. Vui lòng chờ một phút rồi thử lại.", "Too many lookups. Please wait a minute and try again."}
	case errors.Is(err, ErrMalformed):
		return Text{"Hệ thống của tỉnh trả lời không đọc được. Vui lòng hỏi cán bộ tại quầy.", "The province's system gave an unreadable answer. Please ask at a counter."}
	}
	return Text{"Hệ thống tra cứu đang gián đoạn. Vui lòng thử lại sau hoặc hỏi cán bộ tại quầy.", "The lookup is not working right now. Please try again later or ask at a counter."}
}

// Outcome is the short word logged for a Find result.
func Outcome(err error) string {
	switch {
	case err == nil:
		return "found"
	case errors.Is(err, ErrBadCode):
		return "bad_code"
	case errors.Is(err, ErrNotFound):
		return "not_found"
	case errors.Is(err, ErrTimeout):
		return "timeout"
	case errors.Is(err, ErrMalformed):
		return "malformed"
	case errors.Is(err, ErrNotConfigured):
		return "not_configured"
	case errors.Is(err, ErrLimited):
		return "limited"
	}
	return "unavailable"
}

// Logged wraps a Lookup: it checks the code's shape first, then logs the
// code's length and the outcome, never the code or the answer.
func Logged(l Lookup, log *slog.Logger, provider string) Lookup {
	if log == nil {
		log = slog.Default()
	}
	return logged{l: l, log: log, provider: provider}
}

type logged struct {
	l        Lookup
	log      *slog.Logger
	provider string
}

func (g logged) Find(ctx context.Context, code string) (Status, error) {
	n := len(strings.TrimSpace(code))
	c, err := NormalizeCode(code)
	var st Status
	if err == nil {
		start := time.Now()
		st, err = g.l.Find(ctx, c)
		defer func() {
			g.log.Info("dossier lookup", "provider", g.provider, "code_len", n, "outcome", Outcome(err), "ms", time.Since(start).Milliseconds())
		}()
		return st, err
	}
	g.log.Info("dossier lookup", "provider", g.provider, "code_len", n, "outcome", Outcome(err))
	return st, err
}

// Steps in plain words, shared by the adapters.
var (
	StepReceived   = Text{"Đã tiếp nhận hồ sơ", "Dossier received"}
	StepProcessing = Text{"Đang giải quyết", "Being processed"}
	StepSupplement = Text{"Cần bổ sung giấy tờ. Vui lòng liên hệ quầy tiếp nhận.", "More papers are needed. Please contact the counter."}
	StepReady      = Text{"Đã có kết quả, chờ trả", "Result ready to collect"}
	StepReturned   = Text{"Đã trả kết quả", "Result handed over"}
	StepRejected   = Text{"Hồ sơ bị từ chối hoặc đã rút. Vui lòng liên hệ quầy tiếp nhận.", "Dossier refused or withdrawn. Please contact the counter."}
	StepUnknown    = Text{"Đang xử lý (hỏi cán bộ để biết chi tiết)", "In progress (ask a counter for details)"}

	CollectCounter = Text{"Quầy trả kết quả, Trung tâm Phục vụ hành chính công", "Results counter, Public Administration Service Centre"}
)

// Overdue reports whether an unfinished dossier is past its appointment.
func (s *Status) markOverdue(now time.Time) {
	s.Overdue = s.CompletedAt == nil && !s.Ready && s.AppointmentAt != nil && now.After(*s.AppointmentAt)
}

// ErrLimited: too many lookups from one kiosk in a short time (so the
// screen cannot be used to enumerate dossiers).
var ErrLimited = errors.New("dossier: too many lookups from this kiosk; wait a minute")
