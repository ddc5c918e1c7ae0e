package centre

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Event is one push to kiosks, counters and displays. Its ID is
// "<epoch>-<seq>": seq grows by one per event; the epoch changes when the
// centre restarts, so a client resuming with an ID from before the restart
// is told to reload instead of being silently given a gap.
type Event struct {
	ID   string          `json:"id"`
	Name string          `json:"name"`
	Data json.RawMessage `json:"data"`
}

// Hub numbers events, keeps the last ones for resuming clients and fans
// them out. It is an events.Emitter. Safe for concurrent use.
type Hub struct {
	epoch string

	mu   sync.Mutex
	seq  int64
	ring []Event // the last cap(ring) events, oldest first
	subs map[chan Event]struct{}
}

// NewHub keeps the last keep events for resume.
func NewHub(keep int, now time.Time) *Hub {
	return &Hub{epoch: strconv.FormatInt(now.UnixNano(), 36), ring: make([]Event, 0, keep), subs: map[chan Event]struct{}{}}
}

// Emit numbers the event and sends it to every subscriber. A subscriber
// whose buffer is full is dropped (its channel closed): it reconnects and
// resumes from the ring, so a slow display never holds up the others.
func (h *Hub) Emit(name string, data any) {
	raw, err := json.Marshal(data)
	if err != nil {
		raw, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seq++
	e := Event{ID: fmt.Sprintf("%s-%d", h.epoch, h.seq), Name: name, Data: raw}
	if len(h.ring) == cap(h.ring) {
		copy(h.ring, h.ring[1:])
		h.ring = h.ring[:len(h.ring)-1]
	}
	h.ring = append(h.ring, e)
	for ch := range h.subs {
		select {
		case ch <- e:
		default:
			delete(h.subs, ch)
			close(ch)
		}
	}
}

// Subscribe returns the events after lastID (replayed from the ring) and a
// channel of the ones to come. resync is true when lastID is from another
// epoch or older than the ring: the client must reload its state. cancel
// ends the subscription.
func (h *Hub) Subscribe(lastID string, buffer int) (replay []Event, ch <-chan Event, resync bool, cancel func()) {
	c := make(chan Event, buffer)
	h.mu.Lock()
	defer h.mu.Unlock()
	if lastID != "" {
		epoch, seqStr, _ := strings.Cut(lastID, "-")
		seq, err := strconv.ParseInt(seqStr, 10, 64)
		switch {
		case err != nil || epoch != h.epoch || seq > h.seq:
			resync = true
		case seq < h.seq:
			first := h.seq - int64(len(h.ring)) + 1 // seq of ring[0]
			if seq+1 < first {
				resync = true
			} else {
				replay = append(replay, h.ring[seq+1-first:]...)
			}
		}
	}
	h.subs[c] = struct{}{}
	return replay, c, resync, func() {
		h.mu.Lock()
		if _, ok := h.subs[c]; ok {
			delete(h.subs, c)
			close(c)
		}
		h.mu.Unlock()
	}
}

// LastID is the ID of the newest event ("" before the first).
func (h *Hub) LastID() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.seq == 0 {
		return ""
	}
	return fmt.Sprintf("%s-%d", h.epoch, h.seq)
}
