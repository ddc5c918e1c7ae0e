package core

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/staff"
)

// TechSettings are the settings a technician edits on the touchscreen; the
// rest of the file stays as it is.
type TechSettings struct {
	CentreName       string   `json:"centreName"`
	KioskID          string   `json:"kioskId"`
	IdleSeconds      int      `json:"idleSeconds"`
	CountdownSeconds int      `json:"countdownSeconds"`
	PrinterDriver    string   `json:"printerDriver"`
	PrinterPort      string   `json:"printerPort"`
	PrinterBaud      int      `json:"printerBaud"`
	PrinterProfile   string   `json:"printerProfile"`
	ReaderDriver     string   `json:"readerDriver"`
	ReaderPort       string   `json:"readerPort"`
	ReaderBaud       int      `json:"readerBaud"`
	ReaderMode       string   `json:"readerMode"`
	Profiles         []string `json:"profiles"`
	ConfigPath       string   `json:"configPath"`
}

// SaveResult reports a save: the problems (one line each, naming the key) or success.
type SaveResult struct {
	OK       bool     `json:"ok"`
	Problems []string `json:"problems"`
}

// ErrNotTechnician is returned when technician mode is not open.
var ErrNotTechnician = errors.New("technician mode is not open")

func settingsOf(c config.Config, path string) TechSettings {
	s := TechSettings{
		CentreName: c.Kiosk.CentreName, KioskID: c.Kiosk.KioskID,
		IdleSeconds: c.Session.IdleSeconds, CountdownSeconds: c.Session.CountdownSeconds,
		PrinterDriver: c.Printer.Driver, PrinterPort: c.Printer.Port, PrinterBaud: c.Printer.Baud, PrinterProfile: c.Printer.Profile,
		ReaderDriver: c.Reader.Driver, ReaderPort: c.Reader.Port, ReaderBaud: c.Reader.Baud, ReaderMode: c.Reader.Mode,
		ConfigPath: path,
	}
	for name := range c.PrinterProfiles {
		s.Profiles = append(s.Profiles, name)
	}
	sort.Strings(s.Profiles)
	return s
}

// TechGetSettings returns the editable settings (technician mode only).
func (k *Kiosk) TechGetSettings() (TechSettings, error) {
	if _, err := k.mode.Require("config_edit", k.now()); err != nil {
		return TechSettings{}, ErrNotTechnician
	}
	return settingsOf(k.Config(), k.cfgPath), nil
}

// TechSaveSettings validates the new settings like the file is validated,
// writes the file atomically and applies it without restarting the app.
func (k *Kiosk) TechSaveSettings(s TechSettings) (SaveResult, error) {
	role, err := k.mode.Require("config_edit", k.now())
	if err != nil {
		return SaveResult{}, ErrNotTechnician
	}
	c := k.Config()
	c.Kiosk.CentreName, c.Kiosk.KioskID = strings.TrimSpace(s.CentreName), strings.TrimSpace(s.KioskID)
	c.Session.IdleSeconds, c.Session.CountdownSeconds = s.IdleSeconds, s.CountdownSeconds
	c.Printer.Driver, c.Printer.Port, c.Printer.Baud, c.Printer.Profile = s.PrinterDriver, strings.TrimSpace(s.PrinterPort), s.PrinterBaud, s.PrinterProfile
	c.Reader.Driver, c.Reader.Port, c.Reader.Baud, c.Reader.Mode = s.ReaderDriver, strings.TrimSpace(s.ReaderPort), s.ReaderBaud, s.ReaderMode
	if probs := c.Validate(); len(probs) > 0 {
		return SaveResult{Problems: probs}, nil
	}
	if err := config.Save(k.cfgPath, c); err != nil {
		k.log.Error("config save failed", "path", k.cfgPath, "err", err)
		return SaveResult{Problems: []string{err.Error()}}, nil
	}
	old := k.Config()
	k.applyConfig(c)
	changed := diffKeys(old, c)
	k.log.Info("config saved from technician mode", "path", k.cfgPath, "changed", strings.Join(changed, ","))
	if k.db != nil {
		staff.Audit(context.Background(), k.db, k.now(), role, "config_edit", k.cfgPath, strings.Join(changed, ","))
	}
	return SaveResult{OK: true}, nil
}

// Config returns the configuration in force.
func (k *Kiosk) Config() config.Config {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.cfg
}

// applyConfig puts a saved config in force and restarts what depends on it.
func (k *Kiosk) applyConfig(c config.Config) {
	k.mu.Lock()
	old := k.cfg
	k.cfg = c
	hooks := append([]func(old, new config.Config){}, k.onConfig...)
	k.mu.Unlock()
	for _, h := range hooks {
		h(old, c)
	}
}

// OnConfig registers fn to run after a config change is applied, e.g. to
// reconnect a device whose port or baud changed.
func (k *Kiosk) onConfigChange(fn func(old, new config.Config)) {
	k.mu.Lock()
	k.onConfig = append(k.onConfig, fn)
	k.mu.Unlock()
}

func diffKeys(a, b config.Config) []string {
	var out []string
	add := func(changed bool, key string) {
		if changed {
			out = append(out, key)
		}
	}
	add(a.Kiosk.CentreName != b.Kiosk.CentreName, "kiosk.centre_name")
	add(a.Kiosk.KioskID != b.Kiosk.KioskID, "kiosk.kiosk_id")
	add(a.Session != b.Session, "session")
	add(a.Printer != b.Printer, "printer")
	add(a.Reader != b.Reader, "reader")
	return out
}
