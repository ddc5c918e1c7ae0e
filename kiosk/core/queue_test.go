package core

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
)

// A ticket goes through the real driver and serial code into the emulator;
// paper out keeps the number and flags the ticket; staff reprint it.
func TestTicketToSimulatedPrinter(t *testing.T) {
	k, _ := startKiosk(t, nil)

	tk, err := k.IssueTicket("HT", "")
	if err != nil || tk.PrintState != "printed" || tk.Code != "A-0001" {
		t.Fatalf("ticket: %+v %v", tk, err)
	}
	waitJob := func(n int) SimJob {
		for i := 0; i < 200; i++ {
			if js := k.simPrinterJobs(); len(js) >= n {
				return js[n-1]
			}
			time.Sleep(25 * time.Millisecond)
		}
		t.Fatalf("no job %d", n)
		return SimJob{}
	}
	j := waitJob(1)
	if len(j.QRs) != 1 || j.QRs[0] == "" || !j.Cut {
		t.Fatalf("job %+v", j)
	}
	if err := k.simPrinterSet("paper_end"); err != nil {
		t.Fatal(err)
	}
	tk2, err := k.IssueTicket("HT", "elderly")
	if err != nil || tk2.Code != "A-0002" || tk2.PrintState != "failed" || tk2.PrintError != "paper_end" || tk2.AdviceVI == "" {
		t.Fatalf("paper out: %+v %v", tk2, err)
	}
	k.simPrinterSet("ok")
	k.StaffSetup("technician", "730514")
	k.StaffSetup("staff", "482915")
	if _, err := k.StaffReprint(tk2.ID); err == nil {
		t.Fatal("reprint without staff mode")
	}
	k.StaffUnlock("482915")
	again, err := k.StaffReprint(tk2.ID)
	if err != nil || again.Code != "A-0002" || again.PrintState != "printed" {
		t.Fatalf("reprint: %+v %v", again, err)
	}
	waitJob(2)
	ts, _ := k.StaffTickets()
	if len(ts) != 2 {
		t.Fatalf("tickets today: %d", len(ts))
	}
}

func TestDailyReportCSV(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(dir, "kiosk.db")
	k := New(Options{Config: cfg, Logger: quiet()})
	k.Start(context.Background(), nil)
	defer k.Stop()
	k.IssueTicket("HT", "")
	k.Rate("ticket", "HT", "bad", "wait")
	k.CreatePayment("2.000488", "Lệ phí LLTP", 200000)
	if _, err := k.StaffExportReport(dir); err == nil {
		t.Fatal("report without staff mode")
	}
	k.StaffSetup("technician", "730514")
	k.StaffSetup("staff", "482915")
	k.StaffUnlock("482915")
	path, err := k.StaffExportReport(filepath.Join(dir, "usb"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	for _, want := range []string{"ticket,HT,A-0001,printed,0", "payment,P", ",awaiting,2.000488,200000", "rating,HT,bad,,1"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("report lacks %q:\n%s", want, b)
		}
	}
}
