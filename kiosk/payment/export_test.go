package payment

// RefAlphabet is for the external tests (package payment_test).
const RefAlphabet = refAlphabet

// SetServerTimeouts makes NewHTTPServer use t until restore is called.
func SetServerTimeouts(t Timeouts) (restore func()) {
	old := serverTimeouts
	serverTimeouts = t
	return func() { serverTimeouts = old }
}
