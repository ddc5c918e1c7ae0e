package centre

import (
	"errors"
	"net/http"
	"strconv"
	"sync"

	"github.com/motcua/kiosk/kiosk/device"
	"github.com/motcua/kiosk/kiosk/voice"
)

// CallCacheSize is how many call WAVs the centre keeps in memory.
var CallCacheSize = 64

// callCache builds call WAVs with a voice pack and keeps the newest ones.
type callCache struct {
	pack *voice.Pack // nil: voice.Default, loaded on first use
	opt  voice.Options

	mu    sync.Mutex
	wavs  map[string][]byte
	order []string // keys, oldest first
}

func newCallCache(p *voice.Pack, opt voice.Options) *callCache {
	return &callCache{pack: p, opt: opt, wavs: map[string][]byte{}}
}

// get returns the WAV of a call (errors wrapping voice.ErrInput for bad input).
func (c *callCache) get(ticket, counter string) ([]byte, error) {
	key := ticket + "\x00" + counter
	c.mu.Lock()
	b, ok := c.wavs[key]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	p := c.pack
	if p == nil {
		var err error
		if p, err = voice.Default(); err != nil {
			return nil, err
		}
	}
	a, err := p.Announce(ticket, counter, c.opt)
	if err != nil {
		return nil, err
	}
	b = a.WAV()
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.wavs[key]; !ok {
		c.wavs[key] = b
		c.order = append(c.order, key)
		for len(c.order) > CallCacheSize {
			delete(c.wavs, c.order[0])
			c.order = c.order[1:]
		}
	}
	return b, nil
}

// voiceCall is GET /api/v1/voice/call.wav?ticket=B-0012&counter=3.
func (s *Server) voiceCall(w http.ResponseWriter, r *http.Request, dev device.Device) {
	q := r.URL.Query()
	ticket, counter := q.Get("ticket"), q.Get("counter")
	if len(ticket) > 24 || len(counter) > 24 {
		writeError(w, Error{Code: CodeBadRequest, Message: "ticket or counter longer than 24 bytes"})
		return
	}
	b, err := s.calls.get(ticket, counter)
	if errors.Is(err, voice.ErrInput) {
		writeError(w, Error{Code: CodeBadRequest, Message: err.Error(),
			VI: "Không đọc được số thứ tự hoặc số quầy này.", EN: "This ticket or counter cannot be announced."})
		return
	}
	if err != nil {
		s.log.Error("call announcement not built", "device", dev.Name, "ticket", ticket, "counter", counter, "err", err)
		writeError(w, Error{Code: CodeUnavailable, Message: "voice: " + err.Error()})
		return
	}
	w.Header().Set("Content-Type", "audio/wav")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Cache-Control", "private, max-age=86400")
	w.Write(b)
}
