package core

import (
	"github.com/motcua/kiosk/drivers/idcard"
	"github.com/motcua/kiosk/kiosk/text"
)

// Session key of the scanned identity.
const keyIdentity = "identity"

// Event pushed when a card is read (by the serial reader or a keyboard wedge).
const eventScanned = "idcard:scanned"

// IdentityView is what the screen may show of a scanned card.
type IdentityView struct {
	Name              string `json:"name"`
	MaskedID          string `json:"maskedId"`
	Age               int    `json:"age"`
	SuggestedPriority string `json:"suggestedPriority"`
	Source            string `json:"source"`
}

// ScanEvent is the result of one card read.
type ScanEvent struct {
	OK       bool          `json:"ok"`
	Identity *IdentityView `json:"identity,omitempty"`
	ErrorVI  string        `json:"errorVi,omitempty"`
	ErrorEN  string        `json:"errorEn,omitempty"`
}

// ScanWedge takes the text a keyboard-wedge scanner typed (the UI caught the
// burst) and handles it like a frame from the serial reader.
func (k *Kiosk) ScanWedge(raw string) ScanEvent { return k.handleCard([]byte(raw), "wedge") }

// handleCard parses one card frame into the current session. The identity
// lives only in the session; logs get the technician detail, never a field.
func (k *Kiosk) handleCard(raw []byte, via string) ScanEvent {
	id, err := idcard.Parse(raw)
	if err == nil {
		err = id.CheckDates(k.now())
	}
	return k.acceptCard(id, err, via)
}

// acceptCard puts a parsed card into the session, or reports why not.
func (k *Kiosk) acceptCard(id *idcard.Identity, err error, via string) ScanEvent {
	k.Session.Touch(k.now()) // a card on the reader means someone is here
	if err != nil {
		if id != nil {
			id.Wipe()
		}
		msg := text.Card(err)
		k.log.Warn("card not accepted", "via", via, "err", err) // Error() holds no card values
		ev := ScanEvent{ErrorVI: msg.VI, ErrorEN: msg.EN}
		k.Emit(eventScanned, ev)
		return ev
	}
	if !k.Session.Put(keyIdentity, id) {
		return ScanEvent{ErrorVI: text.CardReadAgain.VI, ErrorEN: text.CardReadAgain.EN}
	}
	k.log.Info("card read", "via", via, "source", id.Source)
	ev := ScanEvent{OK: true, Identity: k.identityView(id)}
	k.Emit(eventScanned, ev)
	return ev
}

func (k *Kiosk) identityView(id *idcard.Identity) *IdentityView {
	v := &IdentityView{Name: id.FullName, MaskedID: id.Masked(), Source: id.Source}
	if age, ok := id.Age(k.now().In(k.loc)); ok {
		v.Age = age
		if pa := k.Config().Queue.PriorityAge; pa > 0 && age >= pa {
			v.SuggestedPriority = "elderly"
		}
	}
	return v
}

// currentIdentity returns the session's identity, if a card was read.
func (k *Kiosk) currentIdentity() (*idcard.Identity, bool) {
	w, ok := k.Session.Get(keyIdentity)
	if !ok {
		return nil, false
	}
	id, ok := w.(*idcard.Identity)
	return id, ok && !id.Empty()
}

// Identity returns the scanned identity of this session for the screen, or nil.
func (k *Kiosk) Identity() *IdentityView {
	id, ok := k.currentIdentity()
	if !ok {
		return nil
	}
	return k.identityView(id)
}

// ForgetIdentity wipes the scanned card ("Quét lại").
func (k *Kiosk) ForgetIdentity() { k.Session.Drop(keyIdentity) }
