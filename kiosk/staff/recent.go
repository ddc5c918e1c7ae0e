package staff

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"sync"
	"time"
)

// recent remembers PINs that opened a role lately, per caller, so a page
// that re-reads every few seconds with the PIN it was unlocked with (the
// centre's technician page reads the fleet every 5 s) costs neither a
// bcrypt compare nor an "unlock" row in the audit log each time. An entry
// is keyed by an HMAC (a key made at start, never stored) of the caller,
// the PIN and the stored hashes: a PIN changed or removed since no longer
// matches, and the PIN itself is never kept.
type recent struct {
	once sync.Once
	key  []byte
	mu   sync.Mutex
	seen map[[sha256.Size]byte]seenPIN
}

type seenPIN struct {
	role  string
	until time.Time
}

func (r *recent) sum(who, pin string, hashes map[string]string) [sha256.Size]byte {
	r.once.Do(func() {
		r.key = make([]byte, 32)
		rand.Read(r.key) // never fails (crypto/rand, Go 1.24+)
		r.seen = map[[sha256.Size]byte]seenPIN{}
	})
	m := hmac.New(sha256.New, r.key)
	for _, s := range []string{who, pin, hashes[Staff], hashes[Technician]} {
		m.Write([]byte(s))
		m.Write([]byte{0})
	}
	var k [sha256.Size]byte
	copy(k[:], m.Sum(nil))
	return k
}

// UnlockRecent is Unlock for a caller (who: a device's name) that sends
// the same PIN again and again: a PIN that opened a role for who less than
// within ago opens it again without a new compare or audit row (one row
// per within, not one per read). A locked pad is still locked, and a PIN
// changed since is checked in full. within ≤ 0 is plain Unlock.
func (s *Service) UnlockRecent(ctx context.Context, who, pin string, within time.Duration) (string, error) {
	if within <= 0 {
		return s.Unlock(ctx, pin)
	}
	now := s.now()
	hs, err := s.hashesIfOpen(ctx, now)
	if err != nil {
		return "", err
	}
	k := s.recent.sum(who, pin, hs)
	s.recent.mu.Lock()
	e, ok := s.recent.seen[k]
	s.recent.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.role, nil
	}
	role, err := s.Unlock(ctx, pin)
	if err != nil {
		return "", err
	}
	s.recent.mu.Lock()
	defer s.recent.mu.Unlock()
	for key, old := range s.recent.seen {
		if !now.Before(old.until) {
			delete(s.recent.seen, key)
		}
	}
	s.recent.seen[k] = seenPIN{role: role, until: now.Add(within)}
	return role, nil
}
