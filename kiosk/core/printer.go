package core

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/drivers/doc"
	"github.com/motcua/kiosk/drivers/escpos"
	"github.com/motcua/kiosk/drivers/printer"
	"github.com/motcua/kiosk/drivers/sim/printersim"
	"github.com/motcua/kiosk/kiosk/fleet"
)

// printerDev is the ticket printer and, with driver = "sim", the emulator
// on a pseudo-terminal that the real driver writes to through drivers/serialport.
type printerDev struct {
	mu  sync.Mutex
	p   doc.Printer
	drv *printer.Printer
	sim *printersim.Sim
	out string
}

var errNoPrinter = fmt.Errorf("%w: printer disabled in config", doc.ErrUnplugged)

type noPrinter struct{}

func (noPrinter) Print(context.Context, doc.Doc) error       { return errNoPrinter }
func (noPrinter) Status(context.Context) (doc.Status, error) { return doc.Status{}, errNoPrinter }

// startPrinter (re)creates the printer from config.
func (k *Kiosk) startPrinter(c config.Config) {
	pd := &k.printer
	pd.mu.Lock()
	defer pd.mu.Unlock()
	if pd.drv != nil {
		pd.drv.Close()
	}
	if pd.sim != nil {
		pd.sim.Close()
	}
	pd.p, pd.drv, pd.sim = noPrinter{}, nil, nil
	st := DeviceStatus{Name: "printer", Driver: c.Printer.Driver, Port: c.Printer.Port, At: k.now().UTC().Format(time.RFC3339)}
	if c.Printer.Driver == "none" {
		st.Detail = "disabled in config"
		k.devices.set(st)
		return
	}
	prof := c.Profile()
	port := c.Printer.Port
	if c.Printer.Driver == "sim" {
		link, err := k.simLink("printer")
		if err == nil {
			pd.out = filepath.Join(filepath.Dir(link), "printer-out")
			pd.sim, err = printersim.Start(link, pd.out, prof.Dots)
		}
		if err != nil {
			st.Detail = "printer simulator: " + err.Error()
			k.devices.set(st)
			k.log.Error("printer simulator not started", "err", err)
			return
		}
		port = link
		st.Port = link
	}
	baud := c.Printer.Baud
	pd.drv = printer.New(func() (printer.Port, error) { return openSerial(port, baud) }, printer.Options{Profile: prof, Baud: baud})
	pd.p = pd.drv
	k.devices.set(st)
	// The watch loop checks the printer now and then every few seconds,
	// reopening a lost port with backoff: the status light and the
	// heartbeat go from offline back to ok when the printer is plugged in
	// again, before any ticket is printed. Close (above, Stop) ends it.
	wo := k.printerWatch
	driver := c.Printer.Driver
	wo.OnChange = func(s printer.State) { k.printerChanged(driver, port, s) }
	if _, err := pd.drv.Watch(wo); err != nil {
		k.log.Error("printer watch not started", "err", err)
	}
	k.log.Info("printer ready", "driver", c.Printer.Driver, "port", port, "baud", baud, "profile", c.Printer.Profile)
}

// printerChanged is the watch loop's report: the status light, an event
// for the technician screen, and the heartbeat's last error. It runs on the
// loop's goroutine and takes no printer lock (startPrinter holds it while
// Close waits for the loop).
func (k *Kiosk) printerChanged(driver, port string, s printer.State) {
	d, state := k.printerLight(driver, port, s.Status, s.Err)
	k.Emit("device:status", d)
	if state == fleet.PrinterOK {
		k.log.Info("printer ok", "port", port)
	} else {
		k.log.Warn("printer not ready", "port", port, "state", state, "detail", d.Detail)
	}
}

// printerLight sets the printer's status light from an answer (or the
// failure to get one) and returns it with the heartbeat's state.
func (k *Kiosk) printerLight(driver, port string, s doc.Status, err error) (DeviceStatus, string) {
	d := DeviceStatus{Name: "printer", Driver: driver, Port: port, Connected: err == nil && s.Connected, At: k.now().UTC().Format(time.RFC3339)}
	var state string
	state, d.Detail = printerCondition(s, err)
	if driver == "none" {
		state = fleet.PrinterNone
	} else if state != fleet.PrinterOK && state != fleet.PrinterNearEnd {
		k.noteError("printer: " + d.Detail)
	}
	k.devices.set(d)
	return d, state
}

func (k *Kiosk) thePrinter() doc.Printer {
	k.printer.mu.Lock()
	defer k.printer.mu.Unlock()
	if k.printer.p == nil {
		return noPrinter{}
	}
	return k.printer.p
}

// PrinterStatus asks the printer now and updates the status light.
func (k *Kiosk) PrinterStatus() DeviceStatus {
	d, _ := k.printerStatus()
	return d
}

// printerStatus asks the printer now, updates the status light and also
// returns the state a heartbeat carries (fleet.Printer*).
func (k *Kiosk) printerStatus() (DeviceStatus, string) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	s, err := k.thePrinter().Status(ctx)
	c := k.Config()
	port := c.Printer.Port
	if c.Printer.Driver == "sim" {
		port, _ = k.simLink("printer")
	}
	return k.printerLight(c.Printer.Driver, port, s, err)
}

// printerCondition is a printer's answer as a heartbeat state and the
// technician's detail.
func printerCondition(s doc.Status, err error) (state, detail string) {
	switch {
	case err != nil:
		return fleet.PrinterOffline, err.Error()
	case s.PaperEnd:
		return fleet.PrinterOut, "paper end"
	case s.CoverOpen:
		return fleet.PrinterCoverOpen, "cover open"
	case !s.Online:
		return fleet.PrinterOffline, "offline"
	case s.PaperNearEnd:
		return fleet.PrinterNearEnd, "paper near end"
	case !s.Connected:
		return fleet.PrinterOffline, "ok"
	}
	return fleet.PrinterOK, "ok"
}

// simPrinterSet sets the simulated printer's condition: "ok", "paper_end",
// "near_end", "cover_open", "offline", "unplugged" or "plugged". Only with
// printer driver = "sim" (demonstrations, technicians, end-to-end tests).
func (k *Kiosk) simPrinterSet(cond string) error {
	pd := &k.printer
	pd.mu.Lock()
	sim := pd.sim
	pd.mu.Unlock()
	if sim == nil {
		return errors.New("the printer is not simulated")
	}
	switch cond {
	case "ok":
		sim.SetStatus(escpos.Status{})
	case "paper_end":
		sim.SetStatus(escpos.Status{PaperEnd: true})
	case "near_end":
		sim.SetStatus(escpos.Status{PaperNearEnd: true})
	case "cover_open":
		sim.SetStatus(escpos.Status{CoverOpen: true})
	case "offline":
		sim.SetStatus(escpos.Status{Offline: true})
	case "unplugged":
		return sim.Unplug()
	case "plugged":
		link, err := k.simLink("printer")
		if err != nil {
			return err
		}
		return sim.Plug(link)
	default:
		return fmt.Errorf("unknown printer condition %q", cond)
	}
	return nil
}

// SimJob is one job the simulated printer printed.
type SimJob struct {
	N   int      `json:"n"`
	QRs []string `json:"qrs"`
	PNG string   `json:"png"`
	Cut bool     `json:"cut"`
}

// simPrinterJobs lists what the simulated printer printed (technician preview, tests).
func (k *Kiosk) simPrinterJobs() []SimJob {
	k.printer.mu.Lock()
	sim := k.printer.sim
	k.printer.mu.Unlock()
	out := []SimJob{}
	if sim == nil {
		return out
	}
	for _, j := range sim.Jobs() {
		out = append(out, SimJob{N: j.N, QRs: j.QRs, PNG: j.PNG, Cut: j.Cut})
	}
	return out
}
