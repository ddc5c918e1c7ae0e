package core

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

// DeviceStatus is one status light in technician mode.
type DeviceStatus struct {
	Name      string `json:"name"`   // printer | reader | store
	Driver    string `json:"driver"` // sim | serial | none
	Port      string `json:"port"`
	Connected bool   `json:"connected"`
	Detail    string `json:"detail"` // for the technician
	At        string `json:"at"`
}

type deviceBook struct {
	mu sync.Mutex
	m  map[string]DeviceStatus
}

func (d *deviceBook) set(s DeviceStatus) {
	d.mu.Lock()
	if d.m == nil {
		d.m = map[string]DeviceStatus{}
	}
	d.m[s.Name] = s
	d.mu.Unlock()
}

func (d *deviceBook) list() []DeviceStatus {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]DeviceStatus, 0, len(d.m))
	for _, s := range d.m {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Devices returns the device status lights.
func (k *Kiosk) Devices() []DeviceStatus {
	out := k.devices.list()
	st := DeviceStatus{Name: "store", Driver: "sqlite", Connected: k.db != nil, At: k.now().UTC().Format(time.RFC3339)}
	if k.db != nil {
		st.Port = k.db.Path
	}
	return append(out, st)
}

// simLink is where a simulated device's pseudo-terminal appears: beside the store.
func (k *Kiosk) simLink(name string) (string, error) {
	p, err := k.Config().StorePath()
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(p)
	if p == sqlite.Memory {
		dir = os.TempDir()
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	return filepath.Join(dir, name+".pty"), nil
}

// openSerial opens a real serial port (or a simulator's pty) with the
// project's settings (serialport: 8N1, serialport.ReadTimeout, exclusive).
func openSerial(name string, baud int) (serialport.Port, error) {
	p, err := serialport.Open(name, baud, serialport.ReadTimeout)
	if err != nil {
		return nil, fmt.Errorf("open %s at %d baud: %w", name, baud, err)
	}
	return p, nil
}

// supervisor runs one device loop and restarts it when its config changes.
type supervisor struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

func (s *supervisor) restart(parent context.Context, run func(ctx context.Context)) {
	s.stop()
	ctx, cancel := context.WithCancel(parent)
	done := make(chan struct{})
	s.mu.Lock()
	s.cancel, s.done = cancel, done
	s.mu.Unlock()
	go func() {
		defer close(done)
		run(ctx)
	}()
}

func (s *supervisor) stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.cancel, s.done = nil, nil
	s.mu.Unlock()
	if cancel != nil {
		cancel()
		<-done
	}
}
