package core

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/kiosk/kiosk/layout"
	"github.com/motcua/kiosk/kiosk/text"
)

// PrintResult tells the screen how a print went.
type PrintResult struct {
	OK        bool   `json:"ok"`
	MessageVI string `json:"messageVi"`
	MessageEN string `json:"messageEn"`
}

func printResult(ok bool, m text.Msg) PrintResult {
	return PrintResult{OK: ok, MessageVI: m.VI, MessageEN: m.EN}
}

// ChecklistData is what the printed dossier checklist (layout.Checklist)
// shows: procedure, case, papers the citizen has and lacks (with where to
// get them), fee, time, counter and the procedure online. The name appears
// only if the citizen agreed; the ID number never does.
func (k *Kiosk) ChecklistData(code string, caseIdx int, ticked []int, withName bool) (layout.ChecklistData, error) {
	v, err := k.Procedure(code)
	if err != nil {
		return layout.ChecklistData{}, err
	}
	if len(v.Cases) == 0 {
		return layout.ChecklistData{}, fmt.Errorf("procedure %s has no document list", code)
	}
	if caseIdx < 0 || caseIdx >= len(v.Cases) {
		caseIdx = 0
	}
	c := v.Cases[caseIdx]
	have := map[int]bool{}
	for _, i := range ticked {
		have[i] = true
	}
	d := layout.ChecklistData{
		Centre:    k.Config().Kiosk.CentreName,
		Name:      v.Name,
		Code:      v.Code,
		Fee:       c.Fee,
		Time:      c.Time,
		PortalURL: v.PortalURL,
		At:        k.now().In(k.loc),
	}
	if len(v.Cases) > 1 {
		d.Case = c.Name
	}
	if withName {
		if id, ok := k.currentIdentity(); ok {
			d.Applicant = id.FullName
		}
	}
	for i, p := range c.Documents {
		d.Papers = append(d.Papers, layout.Paper{Name: p.Name, Originals: p.Originals, Copies: p.Copies, Obtain: p.Obtain, Have: have[i]})
	}
	if d.Fee == "" && len(v.Methods) > 0 {
		d.Fee = v.Methods[0].Fee
	}
	if d.Time == "" && len(v.Methods) > 0 {
		d.Time = v.Methods[0].Time
	}
	if v.Service != nil {
		d.Service, d.Counters = v.Service.Name, v.Service.Counters
	}
	return d, nil
}

// PrintChecklist prints the wizard's checklist on the ticket printer.
func (k *Kiosk) PrintChecklist(code string, caseIdx int, ticked []int, withName bool) PrintResult {
	d, err := k.ChecklistData(code, caseIdx, ticked, withName)
	if err != nil {
		return printResult(false, text.ChecklistNotMade)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := k.thePrinter().Print(ctx, layout.Checklist(d)); err != nil {
		k.log.Error("checklist not printed", "procedure", code, "err", err)
		return printResult(false, text.ChecklistPrinterTrouble)
	}
	k.log.Info("checklist printed", "procedure", code, "with_name", withName)
	return printResult(true, text.ChecklistPrinted)
}
