package queue_test

import (
	"context"
	. "github.com/motcua/kiosk/kiosk/queue"
	"path/filepath"
	"testing"

	"github.com/motcua/kiosk/config"
)

// BenchmarkIssue issues tickets on a WAL store file (fsync as the kiosk
// runs it), cap off.
func BenchmarkIssue(b *testing.B) {
	q := newQueue(b, filepath.Join(b.TempDir(), "k.db"), nil, nil)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := q.Issue(ctx, "HT", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIssueWith500Waiting measures issuance when a busy service has
// 500 tickets waiting (the people-ahead count walks them).
func BenchmarkIssueWith500Waiting(b *testing.B) {
	q := newQueue(b, filepath.Join(b.TempDir(), "k.db"), nil, func(c *config.Config) { c.Queue.PriorityOrdering = Interleaved })
	ctx := context.Background()
	for i := 0; i < 500; i++ {
		p := ""
		if i%5 == 0 {
			p = "elderly"
		}
		mustIssue(b, q, "CT", p)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := q.Issue(ctx, "CT", ""); err != nil {
			b.Fatal(err)
		}
		if _, err := q.Call(ctx, "CT", "", ""); err != nil { // keep 500 waiting
			b.Fatal(err)
		}
	}
}

// BenchmarkOrder is the pure ordering over 1,000 waiting tickets.
func BenchmarkOrder(b *testing.B) {
	ws := make([]Waiting, 1000)
	for i := range ws {
		ws[i] = Waiting{ID: int64(i + 1), Number: i + 1, Priority: i%7 == 0}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Order(ws, Interleaved, 3, 0)
	}
}
