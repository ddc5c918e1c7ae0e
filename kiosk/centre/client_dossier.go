package centre

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/motcua/kiosk/kiosk/dossier"
)

// Dossier asks the centre for a dossier's status (owner masked). A refusal
// comes back wrapping the dossier error (dossier.ErrNotFound, …), so
// dossier.Message gives the citizen's words; a centre that cannot be
// reached wraps ErrUnreachable and dossier.ErrUnavailable.
func (c *Client) Dossier(ctx context.Context, code string) (dossier.Status, error) {
	var st dossier.Status
	_, err := c.do(ctx, http.MethodGet, "/api/v1/dossiers/"+url.PathEscape(code), nil, &st)
	if err == nil {
		return st, nil
	}
	var e *Error
	if errors.As(err, &e) {
		if de := dossierErr(e.Code); de != nil {
			return st, fmt.Errorf("%w: %w", de, e)
		}
	}
	if errors.Is(err, ErrUnreachable) {
		return st, fmt.Errorf("%w: %w", dossier.ErrUnavailable, err)
	}
	return st, err
}
