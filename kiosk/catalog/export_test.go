package catalog

// StoreOf is for the external tests (package catalog_test).
func StoreOf(r *Repo) Store { return r.db }
