package centre

import (
	"fmt"
	"testing"
	"time"
)

func TestHubResume(t *testing.T) {
	h := NewHub(4, time.Unix(1, 0))
	for i := 1; i <= 6; i++ {
		h.Emit("n", i)
	}
	id := func(seq int) string { return fmt.Sprintf("%s-%d", h.epoch, seq) }
	cases := []struct {
		name   string
		last   string
		replay []string // data of the replayed events
		resync bool
	}{
		{"fresh client", "", nil, false},
		{"up to date", id(6), nil, false},
		{"missed two", id(4), []string{"5", "6"}, false},
		{"missed the whole ring", id(3), []string{"4", "5", "6"}, false},
		{"older than the ring", id(1), nil, true},
		{"other epoch (centre restarted)", "zz-5", nil, true},
		{"from the future", id(9), nil, true},
		{"garbage", "x", nil, true},
	}
	for _, c := range cases {
		replay, _, resync, cancel := h.Subscribe(c.last, 8)
		cancel()
		var got []string
		for _, e := range replay {
			got = append(got, string(e.Data))
		}
		if fmt.Sprint(got) != fmt.Sprint(c.replay) || resync != c.resync {
			t.Errorf("%s: replay %v resync %v, want %v %v", c.name, got, resync, c.replay, c.resync)
		}
	}
}

func TestHubDropsASlowSubscriberOnly(t *testing.T) {
	h := NewHub(16, time.Unix(1, 0))
	_, slow, _, _ := h.Subscribe("", 1)
	_, fast, _, cancel := h.Subscribe("", 8)
	defer cancel()
	h.Emit("a", 1)
	h.Emit("b", 2) // slow's buffer is full: it is dropped
	if _, ok := <-slow; !ok {
		t.Fatal("slow subscriber lost its first event")
	}
	if _, ok := <-slow; ok {
		t.Fatal("slow subscriber not closed")
	}
	for _, want := range []string{"a", "b"} {
		if e := <-fast; e.Name != want {
			t.Fatalf("fast got %s, want %s", e.Name, want)
		}
	}
}
