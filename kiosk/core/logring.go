package core

import (
	"context"
	"log/slog"
	"strings"
	"sync"
)

// LogRing keeps the last lines the kiosk logged, for the technician's log
// view and the diagnostics bundle. Log lines never hold personal data.
type LogRing struct {
	mu    sync.Mutex
	lines []string
	max   int
}

// NewLogRing keeps max lines.
func NewLogRing(max int) *LogRing { return &LogRing{max: max} }

// Write takes one or more text lines (an io.Writer for slog.NewTextHandler).
func (r *LogRing) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		r.lines = append(r.lines, l)
	}
	if over := len(r.lines) - r.max; over > 0 {
		r.lines = append([]string(nil), r.lines[over:]...)
	}
	return len(p), nil
}

// String returns the kept lines.
func (r *LogRing) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.lines, "\n")
}

// Tee sends each record to both handlers.
type Tee []slog.Handler

func (t Tee) Enabled(ctx context.Context, l slog.Level) bool {
	for _, h := range t {
		if h.Enabled(ctx, l) {
			return true
		}
	}
	return false
}
func (t Tee) Handle(ctx context.Context, r slog.Record) error {
	for _, h := range t {
		if h.Enabled(ctx, r.Level) {
			h.Handle(ctx, r.Clone())
		}
	}
	return nil
}
func (t Tee) WithAttrs(a []slog.Attr) slog.Handler {
	out := make(Tee, len(t))
	for i, h := range t {
		out[i] = h.WithAttrs(a)
	}
	return out
}
func (t Tee) WithGroup(n string) slog.Handler {
	out := make(Tee, len(t))
	for i, h := range t {
		out[i] = h.WithGroup(n)
	}
	return out
}
