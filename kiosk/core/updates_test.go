package core

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/bundle"
	"github.com/motcua/kiosk/kiosk/catalog"
	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/events"
	"github.com/motcua/kiosk/kiosk/fleet"
	"github.com/motcua/kiosk/kiosk/search"
)

// logBuf collects a kiosk's log lines.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitLog polls the log until it holds want (the guard only fails the test).
func waitLog(t *testing.T, l *logBuf, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(l.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("no log line with %q in:\n%s", want, l.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// catalogBundle writes dir/name: a catalog bundle of the sample procedures
// titled "Catalog <version>", signed with priv.
func catalogBundle(t *testing.T, dir, name, version string, priv ed25519.PrivateKey) string {
	t.Helper()
	f, err := catalog.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	f.Title, f.Sample = "Catalog "+version, false
	body, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	d := filepath.Join(dir, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, "catalog.json"), body, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := bundle.Sign(d, "catalog", version, priv); err != nil {
		t.Fatal(err)
	}
	return d
}

// startUpdateKiosk starts a kiosk in centre mode with signed updates into root.
func startUpdateKiosk(t *testing.T, c *testCentre, pub ed25519.PublicKey, root string) (*Kiosk, *logBuf) {
	t.Helper()
	cfg := config.Default()
	cfg.Store.Path = filepath.Join(t.TempDir(), "kiosk.db")
	cfg.Centre = config.Centre{URL: c.url(), Token: c.token, HeartbeatSeconds: 1}
	cfg.Update = config.Update{PublicKey: string(bundle.MarshalPublicKey(pub)), Dir: root}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	lb := &logBuf{}
	k := New(Options{Config: cfg, Logger: slog.New(slog.NewTextHandler(lb, nil))})
	k.Start(context.Background(), &events.Recorder{})
	t.Cleanup(k.Stop)
	return k, lb
}

// cutBody sends half of the archive at path while announcing its full length.
func cutBody(path string) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != path {
				h.ServeHTTP(w, r)
				return
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes()[:rec.Body.Len()/2])
		})
	}
}

// listAs makes the centre list version "from" of the catalog as "to" and
// send the "from" bundle when "to" is asked for.
func listAs(from, to string) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case centre.PathBundles:
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, r)
				w.Header().Set("Content-Type", rec.Header().Get("Content-Type"))
				w.WriteHeader(rec.Code)
				w.Write(bytes.Replace(rec.Body.Bytes(), []byte(`"version":"`+from+`"`), []byte(`"version":"`+to+`"`), 1))
			case "/api/v1/bundles/catalog/" + to:
				r2 := r.Clone(r.Context())
				r2.URL.Path, r2.URL.RawPath = "/api/v1/bundles/catalog/"+from, ""
				h.ServeHTTP(w, r2)
			default:
				h.ServeHTTP(w, r)
			}
		})
	}
}

// A kiosk in centre mode with catalog 2 in force pulls what the centre
// publishes: a good catalog 3 is applied (the switch, the catalog reloaded,
// the heartbeat reporting it); each bad offer is refused with one log line
// and catalog 2 stays in force.
func TestSignedUpdates(t *testing.T) {
	pub, priv := bundle.Keygen()
	_, otherKey := bundle.Keygen()
	for _, c := range []struct {
		name    string
		prep    func(t *testing.T, root string) // after catalog 2 is installed
		publish func(t *testing.T, dir string)
		wrap    func(http.Handler) http.Handler
		reason  string // "": applied
	}{
		{name: "the bundle in force", reason: "", publish: nil}, // a copy of the folder in force
		{name: "good bundle", publish: func(t *testing.T, dir string) { catalogBundle(t, dir, "catalog-3", "3", priv) }},
		{name: "bad signature", reason: refuseSignature,
			publish: func(t *testing.T, dir string) { catalogBundle(t, dir, "catalog-3", "3", otherKey) }},
		{name: "tampered file", reason: refuseTampered, publish: func(t *testing.T, dir string) {
			d := catalogBundle(t, dir, "catalog-3", "3", priv)
			p := filepath.Join(d, "catalog.json")
			b, _ := os.ReadFile(p)
			if err := os.WriteFile(p, bytes.Replace(b, []byte("Catalog 3"), []byte("Catalog X"), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "older version", reason: refuseOlder,
			publish: func(t *testing.T, dir string) { catalogBundle(t, dir, "catalog-1", "1", priv) }},
		{name: "equal version, other content", reason: refuseOlder,
			publish: func(t *testing.T, dir string) { catalogBundle(t, dir, "catalog-2", "2.0", priv) }},
		{name: "older version listed as newer", reason: refuseOlder, wrap: listAs("1", "3"),
			publish: func(t *testing.T, dir string) { catalogBundle(t, dir, "catalog-1", "1", priv) }},
		{name: "version a technician rolled back from", reason: refuseRolled,
			prep: func(t *testing.T, root string) {
				if _, err := bundle.Install(catalogBundle(t, t.TempDir(), "c3", "3", priv), root, pub); err != nil {
					t.Fatal(err)
				}
				if v, err := bundle.Rollback(root, "catalog"); err != nil || v != "2" {
					t.Fatalf("rollback: %q %v", v, err)
				}
			},
			publish: func(t *testing.T, dir string) { catalogBundle(t, dir, "catalog-3", "3", priv) }},
		{name: "truncated download", reason: refuseTruncated, wrap: cutBody("/api/v1/bundles/catalog/3"),
			publish: func(t *testing.T, dir string) { catalogBundle(t, dir, "catalog-3", "3", priv) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			root, pubDir := t.TempDir(), t.TempDir()
			v2 := catalogBundle(t, t.TempDir(), "c2", "2", priv)
			if _, err := bundle.Install(v2, root, pub); err != nil {
				t.Fatal(err)
			}
			if c.prep != nil {
				c.prep(t, root)
			}
			if c.publish == nil {
				if err := os.CopyFS(filepath.Join(pubDir, "c2"), os.DirFS(v2)); err != nil {
					t.Fatal(err)
				}
			} else {
				c.publish(t, pubDir)
			}
			tc := startTestCentreOpt(t, c.wrap, func(o *centre.Options) { o.Bundles = pubDir })
			k, lb := startUpdateKiosk(t, tc, pub, root)
			if got := k.catalogVersion(); got != "Catalog 2" {
				t.Fatalf("catalog at start %q, want the bundle in force", got)
			}
			if c.name == "good bundle" {
				waitBeat(t, tc, "catalog 3 in force", func(b fleet.Beat) bool {
					return b.Bundles["catalog"] == "3" && b.CatalogVersion == "Catalog 3"
				})
				if v, _ := bundle.Current(root, "catalog"); v != "3" || k.catalogVersion() != "Catalog 3" {
					t.Fatalf("in force %q, catalog %q", v, k.catalogVersion())
				}
				if res := k.Search("khai sinh", search.Filter{}, 5); len(res.Results) == 0 {
					t.Fatal("the reloaded catalog finds nothing")
				}
				waitLog(t, lb, `msg="update applied" kind=catalog version=3 was=2`)
				// The technician's fleet view shows it.
				hs, err := centre.NewClient(tc.url(), tc.counterToken).WithPIN(centreStaffPIN).Fleet(context.Background())
				if err != nil || len(hs) != 1 || hs[0].Beat == nil || hs[0].Beat.Bundles["catalog"] != "3" {
					t.Fatalf("fleet %+v %v", hs, err)
				}
				return
			}
			if c.reason != "" {
				waitLog(t, lb, `reason="`+c.reason+`"`)
				for _, l := range strings.Split(lb.String(), "\n") {
					if strings.Contains(l, "update refused") {
						t.Log(l) // the technician's line
					}
				}
			}
			// Two more beats: each follows a check of the centre's offer.
			seen := time.Now()
			b := waitBeat(t, tc, "a beat after the refusal", func(b fleet.Beat) bool { return b.At.After(seen) })
			b = waitBeat(t, tc, "another beat", func(nb fleet.Beat) bool { return nb.At.After(b.At) })
			if n := strings.Count(lb.String(), "update refused"); c.reason != "" && n != 1 {
				t.Fatalf("%d refusal lines, want 1:\n%s", n, lb.String())
			} else if c.reason == "" && n != 0 {
				t.Fatalf("refused an offer of the version in force:\n%s", lb.String())
			}
			if v, _ := bundle.Current(root, "catalog"); v != "2" || b.Bundles["catalog"] != "2" || b.CatalogVersion != "Catalog 2" || k.catalogVersion() != "Catalog 2" {
				t.Fatalf("in force %q, beat %+v, catalog %q; want 2 unchanged", v, b, k.catalogVersion())
			}
			if _, err := os.Stat(filepath.Join(root, "catalog", "versions", "3")); err == nil && c.prep == nil {
				t.Fatal("a refused bundle was installed")
			}
			left, _ := os.ReadDir(root)
			if len(left) != 1 || left[0].Name() != "catalog" {
				t.Fatalf("left in the update folder: %v", left)
			}
		})
	}
}
