package core

import "context"

// Rate stores the citizen's one-tap rating after a ticket or a guidance.
func (k *Kiosk) Rate(kind, service, score, reason string) error {
	if k.ratings == nil {
		return errNoStore
	}
	if err := k.ratings.Add(context.Background(), kind, service, score, reason); err != nil {
		k.log.Warn("rating refused", "err", err)
		return err
	}
	return nil
}
