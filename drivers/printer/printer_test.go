package printer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/escpos"
	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/drivers/sim/printersim"
)

var update = flag.Bool("update", false, "rewrite golden files")

func ticketDoc() doc.Doc {
	return doc.Doc{Title: "ticket A-0012", Cut: true, Blocks: []doc.Block{
		doc.Text{Text: "Trung tâm Phục vụ hành chính công tỉnh Thử nghiệm", Size: 1, Bold: true, Align: doc.Center},
		doc.Text{Text: "Hộ tịch / Civil status", Size: 2, Align: doc.Center},
		doc.Text{Text: "A-0012", Size: 4, Bold: true, Align: doc.Center},
		doc.Text{Text: "Mời đến quầy 1, 2 — Trước bạn: 3 người", Size: 1, Align: doc.Center},
		doc.Text{Text: "Thời gian chờ dự kiến: khoảng 15 phút", Size: 1, Bold: true, Align: doc.Center},
		doc.Text{Text: "Estimated wait: about 15 min", Size: 1, Align: doc.Center},
		doc.Rule{},
		doc.QR{Data: "HT-20261122-0012", Align: doc.Center},
		doc.Text{Text: "22/11/2026 09:15 · Vui lòng chờ gọi số", Size: 1, Align: doc.Center},
	}}
}

// fast is pacing for tests that are not about pacing (the pty has no baud).
const fast = 200_000

func opener(link string) Opener { return serialport.OpenerFor(link, 115200, 100*time.Millisecond) }

func startSim(t *testing.T, dots int) (*printersim.Sim, string) {
	t.Helper()
	dir := t.TempDir()
	link := filepath.Join(dir, "printer.pty")
	sim, err := printersim.Start(link, filepath.Join(dir, "out"), dots)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim, link
}

func waitJob(t *testing.T, m *printersim.Sim, n int) printersim.Job {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	j, err := m.WaitJob(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.WriteFile(path, got, 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		os.WriteFile(path+".got", got, 0o644)
		t.Fatalf("%s differs from golden (see %s.got)", name, path)
	}
}

func TestTicketThroughSerialIntoEmulator(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	sim, link := startSim(t, prof.Dots)
	p := New(opener(link), Options{Profile: prof, Baud: 115200})
	defer p.Close()
	if err := p.Print(context.Background(), ticketDoc()); err != nil {
		t.Fatal(err)
	}
	j := waitJob(t, sim, 1)
	if len(j.QRs) != 1 || j.QRs[0] != "HT-20261122-0012" || !j.Cut || j.Rasters == 0 {
		t.Fatalf("job %+v", j)
	}
	if errs := sim.Errors(); len(errs) > 0 {
		t.Fatalf("emulator could not decode: %v", errs)
	}
	png, _ := os.ReadFile(j.PNG)
	golden(t, "ticket-80mm.png", png)
	tr, _ := json.MarshalIndent(struct {
		Bytes, Rasters, Height int
		QRs                    []string
		Lines                  []string
	}{j.Bytes, j.Rasters, j.Height, j.QRs, j.Lines}, "", " ")
	golden(t, "ticket-80mm.json", tr)
}

func TestStatusBitsAndStoppedPrinterPrintsNothing(t *testing.T) {
	prof := config.Default().PrinterProfiles["58mm"]
	prof.BytesPerSecond = fast
	sim, link := startSim(t, prof.Dots)
	p := New(opener(link), Options{Profile: prof, Baud: 115200})
	defer p.Close()
	cases := []struct {
		cond string
		want doc.Status
		err  error
	}{
		{"ok", doc.Status{Connected: true, Online: true}, nil},
		{"near_end", doc.Status{Connected: true, Online: true, PaperNearEnd: true}, nil},
		{"cover_open", doc.Status{Connected: true, Online: true, CoverOpen: true}, doc.ErrCoverOpen},
		{"offline", doc.Status{Connected: true}, doc.ErrOffline},
		{"paper_end", doc.Status{Connected: true, Online: true, PaperEnd: true}, doc.ErrPaperEnd},
		{"paper_end near_end", doc.Status{Connected: true, Online: true, PaperEnd: true, PaperNearEnd: true}, doc.ErrPaperEnd},
	}
	printed := 0
	for _, c := range cases {
		if err := sim.Set(c.cond); err != nil {
			t.Fatal(err)
		}
		got, err := p.Status(context.Background())
		if err != nil || got != c.want {
			t.Fatalf("%s: status %+v %v, want %+v", c.cond, got, err, c.want)
		}
		before := sim.Received()
		err = p.Print(context.Background(), ticketDoc())
		if c.err == nil {
			if err != nil {
				t.Fatalf("%s: print: %v", c.cond, err)
			}
			printed++
			if j := waitJob(t, sim, printed); !j.Cut && prof.Cutter {
				t.Fatalf("%s: job %+v", c.cond, j)
			}
			continue
		}
		if !errors.Is(err, c.err) {
			t.Fatalf("%s: print: %v, want %v", c.cond, err, c.err)
		}
		// The driver sent status requests only: not one byte of the job.
		if n := sim.Received(); n != before {
			t.Fatalf("%s: %d job bytes reached a stopped printer", c.cond, n-before)
		}
	}
	sim.Set("ok")
	if err := p.Print(context.Background(), ticketDoc()); err != nil {
		t.Fatal(err)
	}
	if j := waitJob(t, sim, printed+1); j.N != printed+1 {
		t.Fatalf("job %d after the stopped states, want %d", j.N, printed+1)
	}
}

func TestPaperRunsOutDuringJob(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	prof.BytesPerSecond = fast
	sim, link := startSim(t, prof.Dots)
	once := false
	p := New(opener(link), Options{Profile: prof, Baud: 115200, Sleep: func(time.Duration) {
		if !once {
			once = true
			sim.Set("paper_end") // the roll ends while the job is on the wire
		}
	}})
	defer p.Close()
	if err := p.Print(context.Background(), ticketDoc()); !errors.Is(err, doc.ErrPaperEnd) {
		t.Fatalf("paper ran out mid-job: %v, want ErrPaperEnd (flag for reprint)", err)
	}
}

func TestUnplugMidJobThenReplugSameEmulator(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	prof.BytesPerSecond = fast
	sim, link := startSim(t, prof.Dots)
	unplugged := false
	p := New(opener(link), Options{Profile: prof, Baud: 115200, Sleep: func(time.Duration) {
		if !unplugged {
			unplugged = true
			sim.Unplug() // the cable comes out after the first chunk
		}
	}})
	defer p.Close()
	err := p.Print(context.Background(), ticketDoc())
	if !errors.Is(err, doc.ErrUnplugged) || !errors.Is(err, serialport.ErrDisconnected) {
		t.Fatalf("unplug mid-job: %v", err)
	}
	if _, err := p.Status(context.Background()); !errors.Is(err, doc.ErrUnplugged) || !errors.Is(err, serialport.ErrNotFound) {
		t.Fatalf("status with no printer: %v", err)
	}
	if err := sim.Plug(link); err != nil {
		t.Fatal(err)
	}
	if err := p.Print(context.Background(), ticketDoc()); err != nil {
		t.Fatalf("after replug: %v", err)
	}
	// The printer kept the half job in its buffer: the driver resynced it,
	// and the reprint is a whole, cut ticket.
	sim.Settle()
	var cut []printersim.Job
	for _, j := range sim.Jobs() {
		if j.Cut {
			cut = append(cut, j)
		}
	}
	if len(cut) != 1 || len(cut[0].QRs) != 1 {
		t.Fatalf("cut jobs %+v, want exactly the reprint", cut)
	}
}

func TestUnplugMidJobThenNewEmulatorWithReconnectingPort(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	prof.BytesPerSecond = fast
	sim1, link := startSim(t, prof.Dots)
	port := serialport.NewReconnecting(serialport.OpenerFor(link, 115200, 100*time.Millisecond),
		serialport.ReconnectOptions{Backoff: serialport.Backoff{Min: 5 * time.Millisecond, Max: 50 * time.Millisecond}})
	unplugged := false
	opts := Options{Profile: prof, Baud: 115200, Sleep: func(time.Duration) {
		if !unplugged {
			unplugged = true
			sim1.Close()
		}
	}}
	p := NewPort(port, opts)
	defer p.Close()
	if err := p.Print(context.Background(), ticketDoc()); !errors.Is(err, doc.ErrUnplugged) {
		t.Fatalf("unplug mid-job: %v", err)
	}
	for _, j := range sim1.Jobs() {
		if j.Cut {
			t.Fatalf("the unplugged printer finished a job: %+v", j)
		}
	}
	sim2, err := printersim.Start(link, t.TempDir(), prof.Dots)
	if err != nil {
		t.Fatal(err)
	}
	defer sim2.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := p.Print(context.Background(), ticketDoc())
		if err == nil {
			break
		}
		// While the port waits out its backoff each try fails cleanly.
		if !errors.Is(err, doc.ErrUnplugged) || time.Now().After(deadline) {
			t.Fatalf("after replug: %v", err)
		}
	}
	j := waitJob(t, sim2, 1)
	if !j.Cut || len(j.QRs) != 1 || len(sim2.Jobs()) != 1 {
		t.Fatalf("new printer jobs %+v", sim2.Jobs())
	}
}

func TestCodePageTicketsAreReadableInTheEmulator(t *testing.T) {
	for _, c := range []struct {
		page   string
		number int
		max    int
	}{{"cp1258", 52, 1200}, {"tcvn3", 30, 1100}} {
		t.Run(c.page, func(t *testing.T) {
			prof := config.Default().PrinterProfiles["80mm"]
			prof.CodePage, prof.CodePageNumber, prof.BytesPerSecond = c.page, c.number, fast
			sim, link := startSim(t, prof.Dots)
			p := New(opener(link), Options{Profile: prof, Baud: 115200})
			defer p.Close()
			if err := p.Print(context.Background(), ticketDoc()); err != nil {
				t.Fatal(err)
			}
			j := waitJob(t, sim, 1)
			all := strings.Join(j.Texts, "\n")
			for _, w := range []string{"Trung tâm Phục vụ hành chính công tỉnh", "Hộ tịch / Civil status", "A-0012", "Trước bạn: 3 người", "Vui lòng chờ gọi số"} {
				if !strings.Contains(all, w) {
					t.Fatalf("texts %q lack %q", j.Texts, w)
				}
			}
			if j.Bytes > c.max {
				t.Fatalf("code-page ticket is %d bytes", j.Bytes)
			}
			png, _ := os.ReadFile(j.PNG)
			golden(t, "ticket-80mm-"+c.page+".png", png)
			txt, _ := os.ReadFile(strings.TrimSuffix(j.PNG, ".png") + ".txt")
			golden(t, "ticket-80mm-"+c.page+".txt", txt)
		})
	}
}

func TestUnsupportedCodePage(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	prof.CodePage = "cp437"
	if _, err := Encode(ticketDoc(), prof); !errors.Is(err, ErrCodePage) {
		t.Fatalf("cp437: %v", err)
	}
}

// fakePort records writes; the clock only moves when the driver sleeps.
type fakePort struct {
	now    time.Time
	start  time.Time
	bps    int
	sent   int
	writes []int
	over   int // most bytes ever sent ahead of the line
}

func (f *fakePort) Read([]byte) (int, error) { return 0, serialport.ErrTimeout }
func (f *fakePort) Close() error             { return nil }
func (f *fakePort) Write(b []byte) (int, error) {
	f.writes = append(f.writes, len(b))
	f.sent += len(b)
	line := int(f.now.Sub(f.start).Seconds() * float64(f.bps))
	f.over = max(f.over, f.sent-line)
	return len(b), nil
}

func TestPacing(t *testing.T) {
	cases := []struct {
		baud, profBPS, n int
		wantBPS          int
	}{
		{9600, 0, 5000, 864},        // 90% of 960 B/s
		{115200, 0, 20000, 10368},   // 90% of 11520 B/s
		{115200, 4000, 20000, 4000}, // the profile's figure wins
		{9600, 0, 10, 864},          // less than one chunk
	}
	for _, c := range cases {
		f := &fakePort{now: time.Unix(1e9, 0)}
		f.start = f.now
		prof := config.PrinterProfile{Dots: 576, BytesPerSecond: c.profBPS}
		p := NewPort(f, Options{Profile: prof, Baud: c.baud, Now: func() time.Time { return f.now }, Sleep: func(d time.Duration) { f.now = f.now.Add(d) }})
		if p.BytesPerSecond() != c.wantBPS {
			t.Fatalf("baud %d profile %d: %d B/s, want %d", c.baud, c.profBPS, p.BytesPerSecond(), c.wantBPS)
		}
		f.bps = c.wantBPS
		if err := p.write(context.Background(), make([]byte, c.n)); err != nil {
			t.Fatal(err)
		}
		chunk := Chunk(c.wantBPS)
		for _, w := range f.writes {
			if w > chunk {
				t.Fatalf("write of %d bytes, chunk is %d", w, chunk)
			}
		}
		if f.sent != c.n || f.over > chunk+1 { // +1: whole bytes
			t.Fatalf("baud %d: sent %d, ran %d bytes ahead of the line (chunk %d)", c.baud, f.sent, f.over, chunk)
		}
		want := time.Duration(float64(c.n) / float64(c.wantBPS) * float64(time.Second))
		if got := f.now.Sub(f.start); got < want-time.Millisecond || got > want+time.Millisecond {
			t.Fatalf("baud %d: %d bytes took %v, want %v", c.baud, c.n, got, want)
		}
	}
	if d := WireTime(1152, 115200); d != 100*time.Millisecond {
		t.Fatalf("wire time %v", d)
	}
	if Chunk(864) != 43 || Chunk(100) != 16 {
		t.Fatalf("chunk %d %d", Chunk(864), Chunk(100))
	}
}

func TestAfterJobTimeout(t *testing.T) {
	const floor, margin = 500 * time.Millisecond, 2 * time.Second
	cases := []struct {
		name          string
		n, baud       int
		floor, margin time.Duration
		want          time.Duration
	}{
		{"no bytes: the margin", 0, 115200, floor, margin, margin},
		{"1152 B at 115200: 100 ms on the wire", 1152, 115200, floor, margin, margin + 100*time.Millisecond},
		{"960 B at 9600: 1 s on the wire", 960, 9600, floor, margin, margin + time.Second},
		{"long raster at 9600", 96000, 9600, floor, margin, margin + 100*time.Second},
		{"small margin: the floor holds", 100, 115200, floor, 10 * time.Millisecond, floor},
		{"small margin, long job: wire time wins over the floor", 11520, 115200, floor, 10 * time.Millisecond, time.Second + 10*time.Millisecond},
		{"unknown baud: margin and floor only", 1000, 0, floor, margin, margin},
	}
	for _, c := range cases {
		if got := AfterJobTimeout(c.n, c.baud, c.floor, c.margin); got != c.want {
			t.Errorf("%s: AfterJobTimeout(%d, %d, %v, %v) = %v, want %v", c.name, c.n, c.baud, c.floor, c.margin, got, c.want)
		}
	}
}

// slowPort answers a status request only once busy has passed since the
// last job byte (a printer still printing), and at once before any job;
// with hang set it never answers after a job.
type slowPort struct {
	lastJob time.Time
	busy    time.Duration
	hang    bool
	pending int
}

func (s *slowPort) Close() error { return nil }
func (s *slowPort) Write(b []byte) (int, error) {
	if bytes.Equal(b, escpos.StatusRequest(b[len(b)-1])) {
		s.pending++
	} else {
		s.lastJob = time.Now()
	}
	return len(b), nil
}
func (s *slowPort) Read(b []byte) (int, error) {
	job := !s.lastJob.IsZero()
	if s.pending == 0 || job && (s.hang || time.Since(s.lastJob) < s.busy) {
		time.Sleep(time.Millisecond)
		return 0, serialport.ErrTimeout
	}
	s.pending--
	b[0] = 0x12 // online, no error bits
	return 1, nil
}

func TestStatusAfterJobWaitsForABusyPrinter(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	prof.BytesPerSecond = fast
	// Busy for longer than the per-status timeout but within the margin:
	// the job came out, so Print must not report the printer broken.
	port := &slowPort{busy: 150 * time.Millisecond}
	p := NewPort(port, Options{Profile: prof, Baud: 115200, StatusTimeout: 50 * time.Millisecond, JobMargin: 5 * time.Second})
	if err := p.Print(context.Background(), ticketDoc()); err != nil {
		t.Fatalf("busy printer after a job: %v", err)
	}
	// A printer that never answers after a job is still reported.
	port = &slowPort{hang: true}
	p = NewPort(port, Options{Profile: prof, Baud: 115200, StatusTimeout: 50 * time.Millisecond, JobMargin: 100 * time.Millisecond})
	if err := p.Print(context.Background(), ticketDoc()); !errors.Is(err, doc.ErrNoResponse) {
		t.Fatalf("silent printer after a job: %v, want ErrNoResponse", err)
	}
}

// The ticket's bytes for a TCVN-3 printer (ESC t 30, Vietnamese as VN3
// single bytes, QR as raster): a golden file, `go test -update` rewrites it.
func TestTCVN3TicketBytesGolden(t *testing.T) {
	prof := config.Default().PrinterProfiles["80mm"]
	prof.CodePage, prof.CodePageNumber = escpos.PageTCVN3, 30
	got, err := Encode(ticketDoc(), prof)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got, []byte{0x1b, 't', 30}) {
		t.Fatal("no ESC t 30")
	}
	// "Hộ tịch" as VN3: ộ E9, ị DE.
	if !bytes.Contains(got, []byte("H\xe9 t\xdech")) {
		t.Fatal("Hộ tịch is not in VN3")
	}
	golden(t, "ticket-80mm-tcvn3.bin", got)
}
