package core

import (
	"archive/zip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/serialport"
	"github.com/motcua/kiosk/kiosk/buildinfo"
	"github.com/motcua/kiosk/kiosk/catalog"
	"github.com/motcua/kiosk/kiosk/layout"
	"github.com/motcua/kiosk/kiosk/staff"
)

// TechPorts lists serial ports (technician mode), with the simulators' links.
func (k *Kiosk) TechPorts() ([]string, error) {
	if _, err := k.mode.Require("devices", k.now()); err != nil {
		return nil, err
	}
	ports := serialport.Names()
	for _, name := range []string{"printer", "reader"} {
		if l, err := k.simLink(name); err == nil {
			if _, err := os.Lstat(l); err == nil {
				ports = append(ports, l)
			}
		}
	}
	if ports == nil {
		ports = []string{}
	}
	return ports, nil
}

// TestPrintResult is the outcome of a test print, with the emulator's
// picture of it when the printer is simulated.
type TestPrintResult struct {
	OK      bool         `json:"ok"`
	Error   string       `json:"error"`
	Status  DeviceStatus `json:"status"`
	Preview string       `json:"preview"` // PNG data URL (simulated printer only)
}

// TechTestPrint prints a test page (technician mode).
func (k *Kiosk) TechTestPrint() (TestPrintResult, error) {
	role, err := k.mode.Require("test_print", k.now())
	if err != nil {
		return TestPrintResult{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	before := len(k.simPrinterJobs())
	cfg := k.Config()
	d := layout.TestPage(layout.TestPageData{
		Profile: cfg.PrinterProfiles[cfg.Printer.Profile],
		Baud:    cfg.Printer.Baud,
		Centre:  cfg.Kiosk.CentreName,
		KioskID: cfg.Kiosk.KioskID,
		At:      k.now().In(k.loc),
	})
	res := TestPrintResult{OK: true}
	if err := k.thePrinter().Print(ctx, d); err != nil {
		res.OK, res.Error = false, err.Error()
	}
	res.Status = k.PrinterStatus()
	k.printer.mu.Lock()
	sim := k.printer.sim
	k.printer.mu.Unlock()
	if res.OK && sim != nil {
		// The emulator closes a job once the line falls silent, some time
		// after Print returns; wait for it (bounded by ctx), not a guess.
		if j, err := sim.WaitJob(ctx, before+1); err == nil {
			if b, err := os.ReadFile(j.PNG); err == nil {
				res.Preview = "data:image/png;base64," + base64.StdEncoding.EncodeToString(b)
			}
		} else {
			k.log.Warn("test print: no preview from the emulator", "err", err)
		}
	}
	staff.Audit(ctx, k.db, k.now(), role, "test_print", "", res.Error)
	return res, nil
}

// TechCatalogPreview validates a catalog file (e.g. on a USB stick) and
// says what importing it would change (technician mode).
func (k *Kiosk) TechCatalogPreview(path string) (catalog.Diff, error) {
	if _, err := k.mode.Require("catalog_import", k.now()); err != nil {
		return catalog.Diff{}, err
	}
	f, err := catalog.ReadFile(path)
	if err != nil {
		return catalog.Diff{}, fmt.Errorf("%s: %s", path, firstLines(err.Error(), 8))
	}
	return catalog.NewRepo(k.db).Preview(context.Background(), f)
}

// TechCatalogImport imports the file in one transaction and reloads the
// search index (technician mode). On any error the catalog stays as it was.
func (k *Kiosk) TechCatalogImport(path string) (int, error) {
	role, err := k.mode.Require("catalog_import", k.now())
	if err != nil {
		return 0, err
	}
	f, err := catalog.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("%s: %s", path, firstLines(err.Error(), 8))
	}
	ctx := context.Background()
	if err := catalog.NewRepo(k.db).Replace(ctx, f, k.now()); err != nil {
		return 0, err
	}
	k.setCatalog(f)
	staff.Audit(ctx, k.db, k.now(), role, "catalog_import", path, fmt.Sprint(len(f.Procedures)))
	return len(f.Procedures), nil
}

// Health is the kiosk's state for `kioskctl doctor` and the diagnostics bundle.
type Health struct {
	Version   string         `json:"version"`
	Go        string         `json:"go"`
	OS        string         `json:"os"`
	KioskID   string         `json:"kioskId"`
	Devices   []DeviceStatus `json:"devices"`
	Problems  []Problem      `json:"problems"`
	FreeDisk  uint64         `json:"freeDiskBytes"`
	Catalog   int            `json:"catalogProcedures"`
	CheckedAt string         `json:"checkedAt"`
}

// Health reports versions, devices, problems and free disk.
func (k *Kiosk) Health() Health {
	k.PrinterStatus()
	h := Health{Version: buildinfo.Version, Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, KioskID: k.Config().Kiosk.KioskID,
		Devices: k.Devices(), Problems: k.Status().Problems, Catalog: k.index().Len(), CheckedAt: k.now().UTC().Format(time.RFC3339)}
	if p, err := k.Config().StorePath(); err == nil {
		h.FreeDisk = freeDisk(filepath.Dir(p))
	}
	return h
}

// TechDiagnostics writes one zip with the config (secrets removed), the
// recent log, device status and versions into dir (technician mode).
func (k *Kiosk) TechDiagnostics(dir string) (string, error) {
	role, err := k.mode.Require("diagnostics", k.now())
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, fmt.Sprintf("chan-doan-%s-%s.zip", k.Config().Kiosk.KioskID, k.now().In(k.loc).Format("20060102-150405")))
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	z := zip.NewWriter(f)
	add := func(name string, b []byte) {
		if w, err := z.Create(name); err == nil {
			w.Write(b)
		}
	}
	c := k.Config()
	c.Payment.CassoKey, c.Payment.PayOSKey, c.Payment.SePayKey = redact(c.Payment.CassoKey), redact(c.Payment.PayOSKey), redact(c.Payment.SePayKey)
	c.Centre.Token = redact(c.Centre.Token)
	if b, err := config.Encode(c); err == nil {
		add("kiosk.toml", b)
	}
	h, _ := json.MarshalIndent(k.Health(), "", " ")
	add("health.json", h)
	add("recent.log", []byte(k.RecentLog()))
	if err := z.Close(); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	staff.Audit(context.Background(), k.db, k.now(), role, "diagnostics", path, "")
	return path, nil
}

func redact(s string) string {
	if s == "" {
		return ""
	}
	return "(set, removed)"
}

// TechLog returns the recent log lines (technician mode).
func (k *Kiosk) TechLog() (string, error) {
	if _, err := k.mode.Require("logs_view", k.now()); err != nil {
		return "", err
	}
	return k.RecentLog(), nil
}

// TechCatalogFiles lists catalog files on removable media and in <data dir>/import.
func (k *Kiosk) TechCatalogFiles() ([]string, error) {
	if _, err := k.mode.Require("catalog_import", k.now()); err != nil {
		return nil, err
	}
	out := []string{}
	for _, d := range mediaDirs("import") {
		for _, ext := range []string{"*.json", "*.csv"} {
			m, _ := filepath.Glob(filepath.Join(d, ext))
			out = append(out, m...)
		}
	}
	return out, nil
}
