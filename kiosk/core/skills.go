package core

import (
	"path/filepath"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/qrimg"
	"github.com/motcua/kiosk/kiosk/skills"
)

// GuideView is a digital-skills guide with a QR to open it on a phone.
type GuideView struct {
	skills.Guide
	QR string `json:"qr"`
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
