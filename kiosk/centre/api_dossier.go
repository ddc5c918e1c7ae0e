package centre

import (
	"errors"
	"net/http"

	"github.com/motcua/kiosk/kiosk/dossier"
)

// Dossier status lookup (issue 15). The centre holds the province's
// credentials and asks its one-stop system; kiosks hold none. The answer
// is a dossier.Status with the owner's name masked; the centre keeps
// nothing about the dossier and logs only the code's length and outcome.
const (
	PathDossier = "/api/v1/dossiers/{code}" // GET → dossier.Status (kiosk)
)

// Error codes of the dossier route; each Error carries plain vi/en text.
const (
	CodeDossierBadCode       = "dossier_bad_code"       // 400: not a receipt code's shape
	CodeDossierNotFound      = "dossier_not_found"      // 404: no dossier with this code
	CodeDossierLimited       = "dossier_limited"        // 429: too many lookups from this kiosk
	CodeDossierMalformed     = "dossier_malformed"      // 502: the province's system answered garbage
	CodeDossierUnavailable   = "dossier_unavailable"    // 502: the province's system failed
	CodeDossierTimeout       = "dossier_timeout"        // 504: the province's system did not answer in time
	CodeDossierNotConfigured = "dossier_not_configured" // 501: no lookup configured for this province
)

// dossierCodes pairs each route error code with its dossier error and HTTP status.
var dossierCodes = []struct {
	code   string
	err    error
	status int
}{
	{CodeDossierBadCode, dossier.ErrBadCode, http.StatusBadRequest},
	{CodeDossierNotFound, dossier.ErrNotFound, http.StatusNotFound},
	{CodeDossierLimited, dossier.ErrLimited, http.StatusTooManyRequests},
	{CodeDossierMalformed, dossier.ErrMalformed, http.StatusBadGateway},
	{CodeDossierTimeout, dossier.ErrTimeout, http.StatusGatewayTimeout},
	{CodeDossierNotConfigured, dossier.ErrNotConfigured, http.StatusNotImplemented},
	{CodeDossierUnavailable, dossier.ErrUnavailable, http.StatusBadGateway},
}

// dossierError is the route's Error for a lookup failure.
func dossierError(err error) Error {
	msg := dossier.Message(err)
	for _, c := range dossierCodes {
		if errors.Is(err, c.err) {
			return Error{Status: c.status, Code: c.code, Message: c.err.Error(), VI: msg.VI, EN: msg.EN}
		}
	}
	return Error{Status: http.StatusBadGateway, Code: CodeDossierUnavailable, Message: dossier.ErrUnavailable.Error(), VI: msg.VI, EN: msg.EN}
}

// dossierErr is the dossier error for a route error code (nil: not a dossier code).
func dossierErr(code string) error {
	for _, c := range dossierCodes {
		if c.code == code {
			return c.err
		}
	}
	return nil
}
