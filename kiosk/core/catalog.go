package core

import (
	"context"
	"strings"
	"sync/atomic"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/catalog"
	"github.com/motcua/kiosk/kiosk/search"
	"github.com/motcua/kiosk/kiosk/skills"
	"github.com/motcua/kiosk/kiosk/text"
)

// catalogState is the procedure index in use; swapped whole on import.
type catalogState struct {
	ix     atomic.Pointer[search.Index]
	title  atomic.Value // string
	sample atomic.Bool
}

// loadCatalog picks the catalog: the file named in the config, else the
// one imported into the store, else the shipped sample. A broken file is a
// Problem for staff and the kiosk keeps working on the previous catalog.
func (k *Kiosk) loadCatalog(ctx context.Context) {
	c := k.Config().Catalog
	var f catalog.File
	var err error
	if p, v, ok := k.bundledCatalog(); ok {
		// The signed catalog bundle in force comes first (updates.go).
		if f, err = catalog.ReadFile(p); err == nil {
			k.log.Info("catalog from the signed bundle in force", "version", v, "path", p)
			k.setCatalog(f)
			k.warnStale(f, c.StaleDays)
			return
		}
		k.addProblem(Problem{Area: "catalog", Citizen: text.CatalogUpdating.VI, CitizenEN: text.CatalogUpdating.EN,
			Detail: "catalog bundle " + v + ": " + firstLines(err.Error(), 5)})
		k.log.Error("catalog bundle in force unreadable; using the configured, stored or sample catalog", "version", v, "path", p, "err", err)
	}
	if c.Path != "" {
		f, err = catalog.ReadFile(c.Path)
		if err != nil {
			k.addProblem(Problem{Area: "catalog", Citizen: text.CatalogUpdating.VI, CitizenEN: text.CatalogUpdating.EN,
				Detail: "catalog " + c.Path + ": " + firstLines(err.Error(), 5)})
			k.log.Error("catalog file rejected; using the stored or sample catalog", "path", c.Path, "err", err)
		}
	}
	if c.Path == "" || err != nil {
		f = catalog.File{}
		if k.db != nil {
			if stored, serr := catalog.NewRepo(k.db).All(ctx); serr == nil && len(stored.Procedures) > 0 {
				f = stored
			}
		}
		if len(f.Procedures) == 0 {
			if f, err = catalog.LoadSample(); err != nil {
				k.log.Error("sample catalog invalid", "err", err)
				return
			}
		}
	}
	k.setCatalog(f)
	k.warnStale(f, c.StaleDays)
}

func (k *Kiosk) warnStale(f catalog.File, days int) {
	stale := 0
	for _, p := range f.Procedures {
		if p.Stale(k.now(), time.Duration(days)*24*time.Hour) {
			stale++
		}
	}
	if stale > 0 {
		k.log.Warn("catalog has stale entries", "count", stale, "older_than_days", days)
	}
}

func (k *Kiosk) setCatalog(f catalog.File) {
	k.catalog.ix.Store(search.NewIndex(f.Procedures))
	k.catalog.title.Store(f.Title)
	k.catalog.sample.Store(f.Sample)
	k.log.Info("catalog loaded", "procedures", len(f.Procedures), "sample", f.Sample)
}

func (k *Kiosk) index() *search.Index {
	if ix := k.catalog.ix.Load(); ix != nil {
		return ix
	}
	return search.NewIndex(nil)
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

// SearchResponse is a ranked list, or suggestions when it is empty.
type SearchResponse struct {
	Results     []search.Result `json:"results"`
	Suggestions []search.Result `json:"suggestions"`
	Popular     bool            `json:"popular"`
}

// Search ranks procedures for a query typed on the on-screen keyboard.
func (k *Kiosk) Search(q string, f search.Filter, limit int) SearchResponse {
	ix := k.index()
	res := SearchResponse{Results: ix.Search(q, f, limit), Suggestions: []search.Result{}}
	if res.Results == nil {
		res.Results = []search.Result{}
	}
	if len(res.Results) == 0 && strings.TrimSpace(q) != "" {
		res.Suggestions, res.Popular = ix.Suggest(q, 5)
		k.logMiss(q)
	}
	return res
}

// logMiss records a query that found nothing for staff, folded, and never
// one that looks like personal data (long digit runs: ID or phone numbers).
func (k *Kiosk) logMiss(q string) {
	folded := search.Fold(q)
	digits := 0
	for _, r := range folded {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if digits >= 9 || len(folded) < 3 || k.db == nil {
		return
	}
	if err := catalog.NewRepo(k.db).LogMiss(context.Background(), folded, k.now()); err != nil {
		k.log.Warn("search miss not logged", "err", err)
	}
}

// Facets lists the catalog's fields, levels and agencies with counts.
type Facets struct {
	Fields   []search.Facet `json:"fields"`
	Levels   []search.Facet `json:"levels"`
	Agencies []search.Facet `json:"agencies"`
}

// CatalogFacets returns the browse lists.
func (k *Kiosk) CatalogFacets() Facets {
	f, l, a := k.index().Facets()
	return Facets{Fields: f, Levels: l, Agencies: a}
}

// ServiceRef is the queue that handles a procedure's field.
type ServiceRef struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	NameEN   string   `json:"nameEn"`
	Counters []string `json:"counters"`
}

// ProcedureView is a procedure as the detail screen and the wizard use it.
type ProcedureView struct {
	catalog.Procedure
	FeeAmount int64       `json:"feeAmount"`
	PortalURL string      `json:"portalUrl"`
	Service   *ServiceRef `json:"service"`
	// Never sent: see BindingTypes.
	WailsTypes *BindingTypes `json:"-"`
}

// BindingTypes names the types nested in embedded structs (catalog.Procedure
// in ProcedureView, skills.Guide in GuideView): the Wails binding generator
// does not look inside embedded structs, so without it models.ts would
// reference classes it never declares.
type BindingTypes struct {
	Method   catalog.Method
	Dossier  catalog.DossierCase
	Document catalog.Document
	Form     catalog.Form
	Text     skills.Text
	Step     skills.Step
}

// Procedure returns one procedure by code.
func (k *Kiosk) Procedure(code string) (ProcedureView, error) {
	p, ok := k.index().Procedure(code)
	if !ok {
		return ProcedureView{}, errNotFound(code)
	}
	cfg := k.Config()
	v := ProcedureView{Procedure: p, FeeAmount: p.FeeAmount(), Service: serviceFor(cfg, p.Field)}
	if t := cfg.Portal.ProcedureURLTemplate; t != "" {
		v.PortalURL = strings.ReplaceAll(t, "{code}", shortCode(p.Code))
	}
	return v, nil
}

func shortCode(c string) string {
	if len(c) > 8 && c[1] == '.' {
		return c[:8]
	}
	return c
}

// serviceFor maps a procedure's field to the queue that serves it.
func serviceFor(cfg config.Config, field string) *ServiceRef {
	for _, s := range cfg.Queue.Services {
		for _, f := range s.Fields {
			if strings.EqualFold(f, field) {
				return &ServiceRef{Code: s.Code, Name: s.NameVI, NameEN: s.NameEN, Counters: s.Counters}
			}
		}
	}
	if n := len(cfg.Queue.Services); n > 0 {
		s := cfg.Queue.Services[n-1] // the catch-all "other" queue
		return &ServiceRef{Code: s.Code, Name: s.NameVI, NameEN: s.NameEN, Counters: s.Counters}
	}
	return nil
}

type errNotFound string

func (e errNotFound) Error() string { return "no procedure with code " + string(e) }
