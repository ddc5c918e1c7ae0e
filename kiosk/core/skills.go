package core

import (
	"context"
	"path/filepath"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/layout"
	"github.com/motcua/kiosk/kiosk/qrimg"
	"github.com/motcua/kiosk/kiosk/skills"
	"github.com/motcua/kiosk/kiosk/text"
)

// GuideView is a digital-skills guide with a QR to open it on a phone.
type GuideView struct {
	skills.Guide
	QR string `json:"qr"`
	// Never sent: see BindingTypes.
	WailsTypes *BindingTypes `json:"-"`
}

// SkillGuides returns the digital-skills corner: the shipped guides plus any
// staff-edited files in <data dir>/skills/.
func (k *Kiosk) SkillGuides() []GuideView {
	dir := ""
	if d, err := config.DataDir(); err == nil {
		dir = filepath.Join(d, "skills")
	}
	gs, probs := skills.Load(dir)
	for _, p := range probs {
		k.log.Warn("skills guide skipped", "err", p)
	}
	out := make([]GuideView, 0, len(gs))
	for _, g := range gs {
		v := GuideView{Guide: g}
		if g.URL != "" {
			if q, err := qrimg.DataURL(g.URL, 280); err == nil {
				v.QR = q
			}
		}
		out = append(out, v)
	}
	return out
}

// QRCode renders text (a portal link) as a QR data URL for the screen.
func (k *Kiosk) QRCode(text string) (string, error) {
	return qrimg.DataURL(text, 320)
}

// PrintGuide prints a digital-skills guide: title, numbered steps, tip and
// the QR to open it on a phone.
func (k *Kiosk) PrintGuide(id string) PrintResult {
	for _, g := range k.SkillGuides() {
		if g.ID != id {
			continue
		}
		d := layout.GuideData{ID: g.ID, Title: g.Title.VI, Summary: g.Summary.VI, Tips: g.Tips.VI, URL: g.URL}
		for _, s := range g.Steps {
			d.Steps = append(d.Steps, s.VI)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		if err := k.thePrinter().Print(ctx, layout.Guide(d)); err != nil {
			k.log.Error("guide not printed", "guide", g.ID, "err", err)
			return printResult(false, text.GuidePrinterTrouble)
		}
		return printResult(true, text.GuidePrinted)
	}
	return printResult(false, text.GuideNotFound)
}
