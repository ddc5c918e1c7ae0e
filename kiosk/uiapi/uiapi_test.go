package uiapi

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/core"
	"github.com/motcua/kiosk/kiosk/events"
)

// roles is the specification of the bound surface: every method the screens
// may call and the role it needs. A method added to API without an entry here
// fails TestEveryMethodHasARole.
var roles = map[string]Role{
	"Status": Citizen, "Painted": Citizen, "Alive": Citizen, "Touch": Citizen, "EndSession": Citizen, "SessionState": Citizen,
	"SetLanguage": Citizen, "Search": Citizen, "CatalogFacets": Citizen, "Procedure": Citizen,
	"PrintChecklist": Citizen, "ScanWedge": Citizen, "Identity": Citizen, "ForgetIdentity": Citizen,
	"CreatePayment": Citizen, "CancelPayment": Citizen, "PrinterStatus": Citizen, "Devices": Citizen,
	"QueueInfo": Citizen, "IssueTicket": Citizen, "IssueTicketFor": Citizen, "Rate": Citizen, "RateVisit": Citizen, "SkillGuides": Citizen, "PrintGuide": Citizen,
	"QRCode": Citizen, "RequestAssistance": Citizen, "Dossier": Citizen,
	"StaffMode": Citizen, "StaffSetup": Citizen, "StaffUnlock": Citizen, "StaffLeave": Citizen,

	"StaffEndSession": StaffOrTechnician,
	"StaffTickets":    Staff, "StaffReprint": Staff, "StaffSetServiceOpen": Staff, "StaffPayments": Staff,
	"StaffConfirmPayment": Staff, "StaffVoidPayment": Staff, "ReportDirs": Staff, "StaffExportReport": Staff,
	"StaffAssistList": Staff, "StaffAssistResolve": Staff,

	"TechPorts": Technician, "TechTestPrint": Technician, "TechReaderMonitor": Technician,
	"TechCatalogFiles": Technician, "TechCatalogPreview": Technician, "TechCatalogImport": Technician,
	"TechDiagnostics": Technician, "TechLog": Technician, "TechCentre": Technician, "TechGetSettings": Technician, "TechSaveSettings": Technician,
}

const (
	techPIN  = "730514"
	staffPIN = "482915"
)

func start(t *testing.T) *API {
	t.Helper()
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(t.TempDir(), "kiosk.db")
	k := core.New(core.Options{Config: cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	k.Start(context.Background(), &events.Recorder{})
	t.Cleanup(k.Stop)
	a := New(k)
	if v := a.StaffSetup("technician", techPIN); v.Error != "" {
		t.Fatalf("technician PIN: %s", v.Error)
	}
	if v := a.StaffSetup("staff", staffPIN); v.Error != "" {
		t.Fatalf("staff PIN: %s", v.Error)
	}
	return a
}

func methods() []reflect.Method {
	typ := reflect.TypeOf(&API{})
	var ms []reflect.Method
	for i := 0; i < typ.NumMethod(); i++ {
		ms = append(ms, typ.Method(i))
	}
	return ms
}

func TestEveryMethodHasARole(t *testing.T) {
	var bound []string
	for _, m := range methods() {
		bound = append(bound, m.Name)
		if _, ok := roles[m.Name]; !ok {
			t.Errorf("API.%s has no entry in the roles table", m.Name)
		}
	}
	for name := range roles {
		if _, ok := reflect.TypeOf(&API{}).MethodByName(name); !ok {
			t.Errorf("roles names %s, which API does not have", name)
		}
	}
	sort.Strings(bound)
	t.Logf("bound: %s", strings.Join(bound, " "))
}

// No lifecycle, configuration, key or simulator method is reachable from the page.
func TestNoLifecycleConfigOrSimulatorMethod(t *testing.T) {
	bad := regexp.MustCompile(`^(Start|Stop|Reload|Config|Emit|Sim|Health|RecentLog)|Key|Secret|Token`)
	for _, m := range methods() {
		if bad.MatchString(m.Name) {
			t.Errorf("API.%s must not be bound", m.Name)
		}
	}
}

// No value the page can receive has a field that could carry a secret.
func TestNoMethodReturnsASecret(t *testing.T) {
	// CamelCase words: CassoKey, PINHash, Token, but not Keywords.
	secret := regexp.MustCompile(`(Key|Secret|Token|Password|Hash|Salt|PIN|Pin)s?$|^(Key|Secret|Token|Pin|PIN)([A-Z]|$)`)
	seen := map[reflect.Type]bool{}
	var walk func(path string, typ reflect.Type)
	walk = func(path string, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			if secret.MatchString(f.Name) {
				t.Errorf("%s.%s (%s) could carry a secret to the page", path, f.Name, typ)
			}
			walk(path+"."+f.Name, f.Type)
		}
	}
	for _, m := range methods() {
		for i := 0; i < m.Type.NumOut(); i++ {
			walk(m.Name, m.Type.Out(i))
		}
	}
}

// Every staff or technician method refuses when its mode is not open, and
// the other role's mode does not open it either.
func TestRolesAreCheckedInGo(t *testing.T) {
	a := start(t)
	call := func(name string) error {
		m, _ := reflect.TypeOf(a).MethodByName(name)
		in := []reflect.Value{reflect.ValueOf(a)}
		for i := 1; i < m.Type.NumIn(); i++ {
			in = append(in, reflect.Zero(m.Type.In(i)))
		}
		out := m.Func.Call(in)
		if len(out) == 0 {
			return nil
		}
		if err, ok := out[len(out)-1].Interface().(error); ok {
			return err
		}
		return nil
	}
	for _, open := range []string{"", "staff", "technician"} {
		a.StaffLeave()
		switch open {
		case "staff":
			if v := a.StaffUnlock(staffPIN); v.Role != "staff" {
				t.Fatalf("staff unlock: %+v", v)
			}
		case "technician":
			if v := a.StaffUnlock(techPIN); v.Role != "technician" {
				t.Fatalf("technician unlock: %+v", v)
			}
		}
		for name, r := range roles {
			if r == Citizen {
				continue
			}
			allowed := r == StaffOrTechnician && open != "" || r.String() == open
			if allowed {
				continue
			}
			if err := call(name); !errors.Is(err, ErrForbidden) {
				t.Errorf("with mode %q, %s returned %v, want ErrForbidden", open, name, err)
			}
		}
	}
}

// A method whose mode is open reaches the runtime.
func TestOpenModeReachesTheRuntime(t *testing.T) {
	a := start(t)
	if _, err := a.StaffTickets(); !errors.Is(err, ErrForbidden) {
		t.Fatalf("closed mode: %v", err)
	}
	a.StaffUnlock(staffPIN)
	if _, err := a.StaffTickets(); err != nil {
		t.Fatalf("staff mode: %v", err)
	}
	a.StaffLeave()
	a.StaffUnlock(techPIN)
	s, err := a.TechGetSettings()
	if err != nil || s.PrinterDriver != "sim" {
		t.Fatalf("technician settings: %+v, %v", s, err)
	}
}
