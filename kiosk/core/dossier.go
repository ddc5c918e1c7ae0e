package core

import (
	"context"
	"time"

	"github.com/motcua/kiosk/kiosk/dossier"
)

// DossierResult is the dossier screen's answer: the status (owner masked)
// or the plain reason there is none. Nothing of it is kept on the kiosk.
type DossierResult struct {
	OK      bool            `json:"ok"`
	Status  *dossier.Status `json:"status,omitempty"`
	Outcome string          `json:"outcome"` // found | not_found | bad_code | timeout | malformed | not_configured | limited | unavailable
	ErrorVI string          `json:"errorVi,omitempty"`
	ErrorEN string          `json:"errorEn,omitempty"`
}

// dossierDeadline bounds one lookup as the citizen waits.
const dossierDeadline = 15 * time.Second

// Dossier looks a dossier up by its receipt code: on the centre when the
// kiosk is its client (the centre holds the province's credentials), with
// the simulator in-process otherwise. The code's shape is checked first.
func (k *Kiosk) Dossier(code string) DossierResult {
	k.Session.Touch(k.now())
	var l dossier.Lookup
	if k.centre != nil {
		l = dossier.Logged(centreDossiers{k.centre}, k.log, "centre")
	} else {
		l = dossier.Logged(dossier.Sim{Now: k.now}, k.log, "sim")
	}
	ctx, cancel := context.WithTimeout(context.Background(), dossierDeadline)
	defer cancel()
	st, err := l.Find(ctx, code)
	if err != nil {
		m := dossier.Message(err)
		return DossierResult{Outcome: dossier.Outcome(err), ErrorVI: m.VI, ErrorEN: m.EN}
	}
	return DossierResult{OK: true, Status: &st, Outcome: "found"}
}

// centreDossiers asks the centre.
type centreDossiers struct{ c *centreBackend }

func (c centreDossiers) Find(ctx context.Context, code string) (dossier.Status, error) {
	return c.c.client.Dossier(ctx, code)
}
