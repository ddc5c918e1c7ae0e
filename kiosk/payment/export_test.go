package payment

// RefAlphabet is for the external tests (package payment_test).
const RefAlphabet = refAlphabet
