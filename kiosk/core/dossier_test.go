package core

import (
	"strings"
	"testing"

	"github.com/motcua/kiosk/kiosk/dossier"
)

// Local mode: the simulator answers in-process, the owner masked.
func TestDossierLocal(t *testing.T) {
	k, _ := startKiosk(t, nil)
	r := k.Dossier(" " + strings.ToLower(dossier.SampleReady) + "\r\n")
	if !r.OK || r.Status == nil || !r.Status.Ready || r.Status.Owner != "Nguyễn V** A**" {
		t.Fatalf("sample: %+v", r)
	}
	if r := k.Dossier("000.00.53.H48-250901-9999"); r.OK || r.Outcome != "not_found" || !strings.Contains(r.ErrorVI, "Không tìm thấy") {
		t.Fatalf("unknown: %+v", r)
	}
	if r := k.Dossier("a b"); r.OK || r.Outcome != "bad_code" || r.ErrorEN == "" {
		t.Fatalf("bad code: %+v", r)
	}
}

// Centre mode: the kiosk asks the centre (which holds any credentials);
// an unknown code gives the same plain message.
func TestDossierCentre(t *testing.T) {
	c := startTestCentre(t, nil)
	k, _ := centreKiosk(t, c)
	r := k.Dossier(dossier.SampleOverdue)
	if !r.OK || r.Status == nil || !r.Status.Overdue || r.Status.Owner != "Lê M** T**" {
		t.Fatalf("sample via centre: %+v", r)
	}
	if r := k.Dossier("000.00.53.H48-250901-9999"); r.OK || r.Outcome != "not_found" || !strings.Contains(r.ErrorVI, "Không tìm thấy") {
		t.Fatalf("unknown via centre: %+v", r)
	}
	c.down()
	if r := k.Dossier(dossier.SampleReady); r.OK || r.Outcome != "unavailable" || r.ErrorVI == "" {
		t.Fatalf("centre down: %+v", r)
	}
}
