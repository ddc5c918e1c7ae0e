package core

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/voice"
)

// startHall serves the centre's pages and API from the kiosk's own store
// when [centre] listen is set in local mode: a lone kiosk then has counter
// tablets, a hall display with voice calls, rating tablets and reports,
// exactly as a centre serves them. The kiosk's queue logs its tickets to
// the same event log, so the pages see them at once.
func (k *Kiosk) startHall(ctx context.Context) {
	c := k.Config().Centre
	if c.Enabled() || c.Listen == "" || k.db == nil || k.queue == nil {
		return
	}
	var pack *voice.Pack // nil: the built-in voice
	if dir := k.Config().Voice.Pack; dir != "" {
		p, err := voice.LoadDir(dir)
		if err != nil {
			k.hallProblem("[voice] pack: " + err.Error())
			return
		}
		pack = p
	}
	srv, err := centre.New(centre.Options{Voice: pack, Queue: k.db, Payment: k.db, Devices: k.db, Staff: k.db, Audit: k.db,
		Events: k.db.Events(), Officers: k.db, Visits: k.db, Config: k.Config(), Log: k.log.With("part", "hall"),
		Instance: k.Config().Kiosk.KioskID, Now: k.now, Store: "sqlite"})
	if err != nil {
		k.hallProblem("hall server: " + err.Error())
		return
	}
	ln, err := net.Listen("tcp", c.Listen)
	if err != nil {
		k.hallProblem("cannot listen on centre.listen " + c.Listen + " (another program on that port?): " + err.Error())
		return
	}
	k.queue.SetEmitter(srv.Emitter())
	k.mu.Lock()
	k.hallAddr = ln.Addr().String()
	k.mu.Unlock()
	hs := srv.HTTPServer()
	k.wg.Add(2)
	go func() { defer k.wg.Done(); srv.Run(ctx) }()
	go func() {
		defer k.wg.Done()
		done := make(chan struct{})
		go func() {
			defer close(done)
			if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				k.log.Error("hall pages stopped", "listen", c.Listen, "err", err)
			}
		}()
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
		<-done
	}()
	k.log.Info("counter, hall display and rating pages served by this kiosk", "listen", ln.Addr().String())
}

func (k *Kiosk) hallProblem(detail string) {
	k.log.Error("hall pages not served", "detail", detail)
	k.addProblem(Problem{Area: "hall", Detail: detail})
}
