// Package layout holds every printed layout of the kiosk: pure functions
// from a plain input struct to a doc.Doc (drivers/doc), one file per layout.
// It imports no runtime (kiosk/core), no store and no Wails; domain packages
// and kioskctl call it. Printed wording lives here; screen wording lives in
// kiosk/text.
package layout

// Date and time formats printed on the slips.
const (
	dateTime        = "02/01/2006 15:04"
	dateTimeSeconds = "02/01/2006 15:04:05"
)

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
