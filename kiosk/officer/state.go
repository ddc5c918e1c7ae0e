package officer

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxReason bounds a pause reason (runes).
const MaxReason = 200

// SetState opens or pauses counter, as officerName (the officer signed in
// there, checked by the caller). A pause needs a reason of at most
// MaxReason runes (ErrReason); opening clears it.
func (s *Service) SetState(ctx context.Context, counter, officerName string, paused bool, reason string) (CounterState, error) {
	counter = strings.TrimSpace(counter)
	if counter == "" {
		return CounterState{}, fmt.Errorf("set counter state: no counter")
	}
	reason = strings.TrimSpace(reason)
	if !paused {
		reason = ""
	} else if err := checkReason(reason); err != nil {
		return CounterState{}, fmt.Errorf("pause counter %s: %w", counter, err)
	}
	st := CounterState{Counter: counter, Officer: officerName, Paused: paused, Reason: reason,
		Since: s.now().UTC().Format(time.RFC3339)}
	if err := s.db.SetCounterState(ctx, st); err != nil {
		return CounterState{}, fmt.Errorf("set counter %s state: %w", counter, err)
	}
	return st, nil
}

func checkReason(r string) error {
	if r == "" {
		return ErrReason
	}
	if n := utf8.RuneCountInString(r); n > MaxReason || !utf8.ValidString(r) {
		return fmt.Errorf("%w (at most %d characters)", ErrReason, MaxReason)
	}
	for _, c := range r {
		if unicode.IsControl(c) {
			return fmt.Errorf("%w (no control characters)", ErrReason)
		}
	}
	return nil
}

// States lists every counter's stored state, by counter.
func (s *Service) States(ctx context.Context) ([]CounterState, error) {
	sts, err := s.db.CounterStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("counter states: %w", err)
	}
	return sts, nil
}
