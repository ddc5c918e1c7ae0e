package core

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/idcard/synth"
	"github.com/motcua/kiosk/drivers/reader"
	"github.com/motcua/kiosk/drivers/sim/readersim"
)

// readerDev is the running ID card reader and, with driver = "sim", the
// emulator on a pseudo-terminal that it reads through the real serial code.
type readerDev struct {
	supervisor
	mu   sync.Mutex
	sim  *readersim.Sim
	gen  *synth.Generator
	term string
}

func (k *Kiosk) startReader(ctx context.Context, c config.Reader) {
	rd := &k.reader
	rd.stop()
	rd.mu.Lock()
	if rd.sim != nil {
		rd.sim.Close()
		rd.sim = nil
	}
	rd.mu.Unlock()
	st := DeviceStatus{Name: "reader", Driver: c.Driver, Port: c.Port, At: k.now().UTC().Format(time.RFC3339)}
	if c.Driver == "none" {
		st.Detail = "disabled in config"
		k.devices.set(st)
		return
	}
	port := c.Port
	if c.Driver == "sim" {
		link, err := k.simLink("reader")
		if err == nil {
			var sim *readersim.Sim
			sim, err = readersim.Start(link)
			if err == nil {
				rd.mu.Lock()
				rd.sim, rd.gen, rd.term = sim, synth.New(uint64(time.Now().UnixNano())), "\r\n"
				rd.mu.Unlock()
				port = sim.Link()
				st.Port = port
			}
		}
		if err != nil {
			st.Detail = "reader simulator: " + err.Error()
			k.devices.set(st)
			k.log.Error("reader simulator not started", "err", err)
			return
		}
	}
	k.devices.set(st)
	opts := reader.OptionsFrom(c)
	rd.restart(ctx, func(ctx context.Context) {
		err := reader.Run(ctx, reader.Config{
			Options: opts,
			Open:    func() (reader.Port, error) { return openSerial(port, c.Baud) },
			OnCard:  k.onReaderCard,
			OnStatus: func(s reader.Status) {
				d := DeviceStatus{Name: "reader", Driver: c.Driver, Port: port, Connected: s.Connected, At: s.At.UTC().Format(time.RFC3339)}
				if s.Err != nil {
					d.Detail = s.Err.Error()
					k.noteError("reader: " + d.Detail)
				}
				k.devices.set(d)
				k.Emit("device:status", d)
			},
			Now: k.now,
			Log: k.log,
		})
		if err != nil && !errors.Is(err, context.Canceled) {
			k.log.Error("reader stopped", "err", err)
		}
	})
}

func (k *Kiosk) onReaderCard(e reader.Event) {
	k.monitor.add(e)
	k.acceptCard(e.Identity, e.Err, "serial "+e.Format)
}

// MonitorLine is one frame as the technician's live reader monitor shows it:
// never a name or a full ID number.
type MonitorLine struct {
	At       string `json:"at"`
	Format   string `json:"format"`
	Bytes    int    `json:"bytes"`
	Lines    int    `json:"lines"`
	TimedOut bool   `json:"timedOut"`
	OK       bool   `json:"ok"`
	MaskedID string `json:"maskedId"`
	Detail   string `json:"detail"` // the parser's log-safe error text
}

type readerMonitor struct {
	mu    sync.Mutex
	lines []MonitorLine
}

func (m *readerMonitor) add(e reader.Event) {
	l := MonitorLine{At: e.At.UTC().Format(time.RFC3339), Format: e.Format, Bytes: e.Bytes, Lines: e.Lines, TimedOut: e.TimedOut, OK: e.Err == nil}
	if e.Identity != nil {
		l.MaskedID = e.Identity.Masked()
	}
	if e.Err != nil {
		l.Detail = e.Err.Error()
	}
	m.mu.Lock()
	m.lines = append(m.lines, l)
	if len(m.lines) > 20 {
		m.lines = m.lines[len(m.lines)-20:]
	}
	m.mu.Unlock()
}

// TechReaderMonitor returns the last frames the reader sent (technician mode).
func (k *Kiosk) TechReaderMonitor() ([]MonitorLine, error) {
	if _, err := k.mode.Require("devices", k.now()); err != nil {
		return nil, err
	}
	k.monitor.mu.Lock()
	defer k.monitor.mu.Unlock()
	return append([]MonitorLine{}, k.monitor.lines...), nil
}

// simReaderSend makes the simulated reader send a generated card: kind is
// "qr", "mrz" or "garbled". Only with reader driver = "sim" (development,
// demonstrations and end-to-end tests); it goes through the real serial path.
func (k *Kiosk) simReaderSend(kind string) error {
	rd := &k.reader
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if rd.sim == nil {
		return errors.New("the reader is not simulated")
	}
	var frame string
	switch kind {
	case "qr":
		_, frame = rd.gen.QR()
	case "mrz":
		_, l := rd.gen.MRZ()
		frame = strings.Join(l[:], "\n")
	case "garbled":
		// Half a card, cut on a character boundary, separators lost: a misread.
		_, q := rd.gen.QR()
		r := []rune(q)
		frame = strings.ReplaceAll(string(r[:len(r)/2]), "|", "#")
	default:
		return fmt.Errorf("unknown card kind %q", kind)
	}
	return rd.sim.Send(readersim.Wire([]byte(frame), rd.term))
}
