// Package printersim is an ESC/POS printer on a pseudo-terminal: it decodes
// every command the kiosk emits, answers DLE EOT with a status tests and
// technicians can set, and renders each job (up to its cut) to a PNG plus a
// text and JSON transcript, job-0001.png/.txt/.json, in an output folder.
package printersim

import (
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/motcua/kiosk/drivers/escpos"
)

// Job is one printed job as the emulator saw it.
type Job struct {
	N       int      `json:"n"`
	Bytes   int      `json:"bytes"`
	Texts   []string `json:"texts"`   // code-page text lines, as sent
	QRs     []string `json:"qrs"`     // native QR contents
	Rasters int      `json:"rasters"` // GS v 0 strips
	Height  int      `json:"height"`  // paper used, dots
	Cut     bool     `json:"cut"`
	PNG     string   `json:"png"`
	Lines   []string `json:"transcript"`
}

// Machine is the printer model behind the port: decoder, status and paper.
// It is independent of the pty so tests can drive it directly.
type Machine struct {
	Dots int
	Out  string
	// Async writes each job's files (PNG, transcript, JSON) off the line:
	// the job is listed once they are written, and meanwhile DLE EOT is
	// answered at once, as a real printer answers real-time status while it
	// prints. Encoding a ticket's PNG under -race on a loaded machine took
	// over 2 s, and the kiosk's driver rightly called a printer that silent
	// broken. The pty Sim sets it; a Machine fed directly stays synchronous.
	Async bool

	mu      sync.Mutex
	status  escpos.Status
	buf     []byte
	cur     *Job
	paper   *image.Gray
	y       int
	jobs    []Job
	started int           // jobs begun (Job.N)
	written chan struct{} // closed once the last finished job is listed (Async)
	changed chan struct{}
	errs    []string
	rx      int // bytes received other than status requests
	last    image.Image
	idle    *time.Timer
	fed     time.Time // when the last Feed ended
	align   int
	size    int
	bold    bool
	page    int // ESC t code page; 0 = none chosen
	qrMod   int // GS ( k module size
	qrData  []byte

	// Pages maps ESC t numbers to the charset used to read code-page text
	// (escpos.PageCP1258, escpos.PageTCVN3); set before the first Feed.
	Pages map[int]string
}

// DefaultPages are the Vietnamese pages of common models (see FACTS.md):
// Epson 30 and Xprinter 27 TCVN-3, Epson 52 and some Xprinter 94 WPC1258.
func DefaultPages() map[int]string {
	return map[int]string{27: escpos.PageTCVN3, 30: escpos.PageTCVN3, 52: escpos.PageCP1258, 94: escpos.PageCP1258}
}

// IdleFlush ends a job without a cut after this much silence (printers
// without a cutter). A job with a cut ends at the cut, so this only delays
// cutless jobs; it is long because a kiosk's writer stalled by a loaded
// machine (2 cores, load 8-10) paused for over 400 ms inside one ticket and
// the emulator split it into two jobs.
const IdleFlush = 2 * time.Second

// NewMachine makes a printer with paper dots wide writing jobs into out.
func NewMachine(dots int, out string) *Machine {
	return &Machine{Dots: dots, Out: out, changed: make(chan struct{}), Pages: DefaultPages()}
}

// SetStatus sets what DLE EOT answers.
func (m *Machine) SetStatus(s escpos.Status) {
	m.mu.Lock()
	m.status = s
	m.mu.Unlock()
}

// Jobs returns the finished jobs.
func (m *Machine) Jobs() []Job {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Job(nil), m.jobs...)
}

// Changed is closed at the next finished job.
func (m *Machine) Changed() <-chan struct{} {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.changed
}

// Received counts the bytes received other than DLE EOT requests, whether
// printed or not (a stopped printer must not have been sent a job).
func (m *Machine) Received() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.rx
}

// Errors lists undecodable input seen (garbage on the line).
func (m *Machine) Errors() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.errs...)
}

// Feed takes bytes from the line and returns the replies to send back.
func (m *Machine) Feed(p []byte) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.buf = append(m.buf, p...)
	var reply []byte
	for len(m.buf) > 0 {
		c, n, err := escpos.Decode(m.buf)
		if err == escpos.ErrTruncated {
			break
		}
		if err != nil {
			m.errs = append(m.errs, err.Error())
			m.buf = m.buf[1:]
			m.rx++
			continue
		}
		m.buf = m.buf[n:]
		if c.Name == "status" {
			reply = append(reply, escpos.StatusByte(m.status, byte(c.Arg)))
			continue
		}
		m.rx += n
		if c.Name == "nul" {
			continue
		}
		if m.status.PaperEnd || m.status.CoverOpen || m.status.Offline {
			continue // a stopped printer prints nothing
		}
		if c.Name == "init" && m.cur != nil && m.cur.Bytes > 0 {
			m.finish() // a new job starts: the previous one had no cut
		}
		m.apply(c, n)
	}
	m.fed = time.Now()
	if m.cur != nil {
		if m.idle == nil {
			m.idle = time.AfterFunc(IdleFlush, m.idleFlush)
		} else {
			m.idle.Reset(IdleFlush)
		}
	}
	return reply
}

// idleFlush ends the job after IdleFlush of silence on the line. Silence
// is counted from the end of the last Feed: a timer that fired while a long
// Feed was still working through bytes already received (a slow machine)
// waits again instead of cutting the job in two.
func (m *Machine) idleFlush() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cur == nil {
		return
	}
	if rest := IdleFlush - time.Since(m.fed); rest > 0 {
		m.idle.Reset(rest)
		return
	}
	m.finish()
}

func (m *Machine) job() *Job {
	if m.cur == nil {
		m.started++
		m.cur = &Job{N: m.started}
		m.align, m.size, m.bold, m.qrMod, m.qrData = escpos.AlignLeft, 1, false, 3, nil
		m.paper = image.NewGray(image.Rect(0, 0, m.Dots, 6000))
		draw.Draw(m.paper, m.paper.Bounds(), image.White, image.Point{}, draw.Src)
		m.y = 0
	}
	return m.cur
}

func (m *Machine) line(s string) { m.cur.Lines = append(m.cur.Lines, s) }

func (m *Machine) apply(c escpos.Cmd, n int) {
	j := m.job()
	j.Bytes += n
	switch c.Name {
	case "raster":
		j.Rasters++
		bm := escpos.Bitmap{Width: c.W * 8, Height: c.H, WidthBytes: c.W, Bits: c.Data}
		x := 0
		switch m.align {
		case escpos.AlignCenter:
			x = (m.Dots - bm.Width) / 2
		case escpos.AlignRight:
			x = m.Dots - bm.Width
		}
		m.paste(bm.Image(), x)
		m.line(fmt.Sprintf("raster %dx%d", c.W*8, c.H))
	case "text":
		txt := string(c.Data)
		if m.page != 0 {
			cs := m.Pages[m.page]
			if cs == "" {
				cs = escpos.PageCP1258
			}
			if dec, err := escpos.DecodeText(cs, c.Data); err == nil {
				txt = dec
			}
		}
		if txt != "" {
			j.Texts = append(j.Texts, txt)
			m.line("text " + fmt.Sprintf("%q", txt))
			m.y, _ = escpos.DrawLines(m.paper, m.y, txt, max(m.size, 1), m.bold, byte(m.align), m.Dots)
		} else {
			m.y += 24
		}
	case "init":
		m.align, m.size, m.bold, m.page = escpos.AlignLeft, 1, false, 0
		m.line("init 0")
	case "codepage":
		m.page = c.Arg
		m.line(fmt.Sprintf("codepage %d", c.Arg))
	case "size":
		m.size = c.Arg&0x0f + 1
		m.line(fmt.Sprintf("size %d", c.Arg))
	case "bold":
		m.bold = c.Arg != 0
		m.line(fmt.Sprintf("bold %d", c.Arg))
	case "qr-fn67":
		m.qrMod = c.Arg
		m.line(fmt.Sprintf("%s %d", c.Name, c.Arg))
	case "qr-store":
		j.QRs = append(j.QRs, string(c.Data))
		m.qrData = c.Data
		m.line("qr " + string(c.Data))
	case "qr-print":
		m.line("qr-print 0")
		if m.qrData == nil {
			m.errs = append(m.errs, "qr-print with no stored QR")
			break
		}
		if img, err := escpos.QRImage(string(m.qrData), max(m.qrMod, 1)); err == nil {
			x := (m.Dots - img.Bounds().Dx()) / 2
			switch m.align {
			case escpos.AlignLeft:
				x = 0
			case escpos.AlignRight:
				x = m.Dots - img.Bounds().Dx()
			}
			m.paste(img, x)
		}
	case "align":
		m.align = c.Arg
		m.line(fmt.Sprintf("align %d", c.Arg))
	case "feed-dots":
		m.y += c.Arg
		m.line(fmt.Sprintf("feed-dots %d", c.Arg))
	case "feed":
		m.y += c.Arg * 30
		m.line(fmt.Sprintf("feed %d", c.Arg))
	case "cut":
		j.Cut = true
		m.line("cut")
		m.finish()
	default:
		m.line(fmt.Sprintf("%s %d", c.Name, c.Arg))
	}
}

func (m *Machine) paste(img image.Image, x int) {
	h := img.Bounds().Dy()
	if m.y+h > m.paper.Bounds().Dy() {
		return
	}
	draw.Draw(m.paper, image.Rect(x, m.y, x+img.Bounds().Dx(), m.y+h), img, image.Point{}, draw.Src)
	m.y += h
}

// Flush ends a job that had no cut (a printer without cutter).
func (m *Machine) Flush() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cur != nil {
		m.finish()
	}
}

func (m *Machine) finish() {
	j := *m.cur
	j.Height = m.y
	m.last = m.paper.SubImage(image.Rect(0, 0, m.Dots, max(m.y, 1)))
	m.cur = nil // the next job draws on new paper; this one's is left alone
	if !m.Async || m.Out == "" {
		m.writeFiles(&j, m.last)
		m.list(j)
		return
	}
	prev, done, img := m.written, make(chan struct{}), m.last
	m.written = done
	go func() {
		defer close(done)
		m.writeFiles(&j, img)
		if prev != nil {
			<-prev // jobs are listed in order
		}
		m.mu.Lock()
		defer m.mu.Unlock()
		m.list(j)
	}()
}

// writeFiles writes a job's PNG, transcript and JSON into Out (if set).
func (m *Machine) writeFiles(j *Job, img image.Image) {
	if m.Out == "" {
		return
	}
	base := filepath.Join(m.Out, fmt.Sprintf("job-%04d", j.N))
	j.PNG = base + ".png"
	if f, err := os.Create(j.PNG); err == nil {
		png.Encode(f, img)
		f.Close()
	}
	os.WriteFile(base+".txt", []byte(strings.Join(j.Lines, "\n")+"\n"), 0o644)
	b, _ := json.MarshalIndent(j, "", " ")
	os.WriteFile(base+".json", b, 0o644)
}

// Settle waits until every finished job is listed (its files written; see Async).
func (m *Machine) Settle() {
	m.mu.Lock()
	w := m.written
	m.mu.Unlock()
	if w != nil {
		<-w
	}
}

// list adds a finished job and wakes its waiters; m.mu is held.
func (m *Machine) list(j Job) {
	m.jobs = append(m.jobs, j)
	close(m.changed)
	m.changed = make(chan struct{})
}

// Status is a convenience for SetStatus with named conditions.
func Status(paperEnd, nearEnd, coverOpen, offline bool) escpos.Status {
	return escpos.Status{PaperEnd: paperEnd, PaperNearEnd: nearEnd, CoverOpen: coverOpen, Offline: offline}
}

// Preview renders a byte stream as the emulator prints it: the paper of its
// last job. With printer.Encode it is the on-screen preview of a document
// that looks the same as the ticket (screenshots, technician UI):
//
//	b, _ := printer.Encode(d, profile)
//	img, job, err := printersim.Preview(b, profile.Dots)
func Preview(stream []byte, dots int) (image.Image, Job, error) {
	m := NewMachine(dots, "")
	m.Feed(stream)
	m.Flush()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.idle != nil {
		m.idle.Stop()
	}
	if len(m.errs) > 0 {
		return nil, Job{}, fmt.Errorf("printersim: undecodable input: %s", m.errs[0])
	}
	if len(m.jobs) == 0 {
		return nil, Job{}, fmt.Errorf("printersim: nothing printed")
	}
	return m.last, m.jobs[len(m.jobs)-1], nil
}
