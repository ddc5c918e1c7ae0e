package queue

import (
	"encoding/json"
	"errors"
	"fmt"
)

// ErrGuidance: a ticket's Guidance is larger than MaxGuidance once encoded.
var ErrGuidance = errors.New("queue: guidance too large")

// EncodeGuidance is g as stored: JSON, "" when nil. ErrGuidance when the
// JSON is over MaxGuidance bytes.
func EncodeGuidance(g *Guidance) (string, error) {
	if g == nil {
		return "", nil
	}
	b, err := json.Marshal(g)
	if err != nil {
		return "", fmt.Errorf("queue: encode guidance: %w", err)
	}
	if len(b) > MaxGuidance {
		return "", fmt.Errorf("%w: %d bytes, at most %d", ErrGuidance, len(b), MaxGuidance)
	}
	return string(b), nil
}

// DecodeGuidance reads a stored Guidance ("" is nil).
func DecodeGuidance(s string) (*Guidance, error) {
	if s == "" {
		return nil, nil
	}
	var g Guidance
	if err := json.Unmarshal([]byte(s), &g); err != nil {
		return nil, fmt.Errorf("queue: decode guidance: %w", err)
	}
	return &g, nil
}
