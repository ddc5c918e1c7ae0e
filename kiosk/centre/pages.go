package centre

import (
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/motcua/kiosk/kiosk/device"
)

// A page of the centre: its path, its folder in the built pages, and the
// kind of device that may open it.
type pageSpec struct {
	path, dir, kind string
}

var pageSpecs = []pageSpec{
	{PathPageCounter, "counter", device.Counter},
	{PathPageDisplay, "display", device.Display},
	{PathPageRating, "rating", device.Display},
	{PathPageReports, "reports", device.Counter},
	{PathPageFleet, "fleet", device.Counter},
}

// PairingDays is how long a paired page keeps its device cookie.
const PairingDays = 400

// PathAssets is where the pages' scripts and styles are served (no token:
// they hold nothing secret).
const PathAssets = "/assets/"

// NotBuilt is the body of the 503 answered for a page that was not built
// into the binary.
const NotBuilt = "pages not built: make centre-pages\n"

// routePages registers the pages and their assets.
func (s *Server) routePages(mux *http.ServeMux) {
	for _, p := range pageSpecs {
		mux.HandleFunc("GET "+p.path+"{$}", s.page(p))
	}
	files := http.FileServerFS(s.pages)
	mux.HandleFunc("GET "+PathAssets, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") { // no directory listings
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable") // names carry a content hash
		files.ServeHTTP(w, r)
	})
}

// page serves one page. ?token=… pairs the browser: a valid token of the
// page's kind is put in an HttpOnly cookie and the browser is sent back to
// the page without it (other query parameters kept). Without a valid
// cookie the page explains how to pair. Tokens are never logged.
func (s *Server) page(p pageSpec) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Referrer-Policy", "no-referrer")
		q := r.URL.Query()
		if q.Has("token") {
			token := q.Get("token")
			dev, ok := s.pageDevice(w, r, p, token)
			if !ok {
				return
			}
			// Long-lived: a TV or tablet must stay paired across browser and
			// power restarts (400 days is what browsers keep at most);
			// revoking the device ends it at once.
			http.SetCookie(w, &http.Cookie{Name: CookieDevice, Value: token, Path: "/", HttpOnly: true,
				SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: PairingDays * 24 * 3600})
			q.Del("token")
			to := p.path
			if len(q) > 0 {
				to += "?" + q.Encode()
			}
			s.log.Info("page paired", "page", p.path, "device", dev.Name, "remote", r.RemoteAddr)
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		c, err := r.Cookie(CookieDevice)
		if err != nil || c.Value == "" {
			s.log.Info("page opened without pairing", "page", p.path, "remote", r.RemoteAddr)
			s.pairingPage(w, http.StatusUnauthorized, p, unpaired)
			return
		}
		if _, ok := s.pageDevice(w, r, p, c.Value); !ok {
			return
		}
		b, err := fs.ReadFile(s.pages, p.dir+"/index.html")
		if err != nil {
			s.log.Error("page requested but not built into this binary", "page", p.path, "fix", "make centre-pages")
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(NotBuilt))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
		w.Write(b)
	}
}

// pageDevice authenticates a page's token; it answers the pairing page
// itself when it returns false.
func (s *Server) pageDevice(w http.ResponseWriter, r *http.Request, p pageSpec, token string) (device.Device, bool) {
	dev, err := device.Authenticate(r.Context(), s.opt.Devices, token)
	switch {
	case errors.Is(err, device.ErrUnknownToken):
		s.log.Warn("page refused: unknown or revoked device token", "page", p.path, "remote", r.RemoteAddr)
		s.pairingPage(w, http.StatusUnauthorized, p, badToken)
		return device.Device{}, false
	case err != nil:
		s.log.Error("page refused: the store is not answering", "page", p.path, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("the centre's store is not answering; reload in a moment\n"))
		return device.Device{}, false
	case dev.Kind != p.kind:
		s.log.Warn("page refused: wrong kind of device", "page", p.path, "device", dev.Name, "kind", dev.Kind, "want", p.kind, "remote", r.RemoteAddr)
		s.pairingPage(w, http.StatusForbidden, p, wrongKind)
		return device.Device{}, false
	}
	return dev, true
}

// Why a page is not shown.
const (
	unpaired  = "unpaired"
	badToken  = "bad_token"
	wrongKind = "wrong_kind"
)

// pairingPage tells the technician how to pair the page.
func (s *Server) pairingPage(w http.ResponseWriter, status int, p pageSpec, why string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	pairingTmpl.Execute(w, map[string]string{"Why": why, "Kind": p.kind, "Path": p.path})
}

var pairingTmpl = template.Must(template.New("pair").Parse(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chưa ghép thiết bị · Device not paired</title>
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#0b2540;color:#fff;font-family:"Noto Sans",system-ui,sans-serif}
main{max-width:60rem;padding:3rem;font-size:1.6rem;line-height:1.5}
h1{font-size:2.6rem;margin:0 0 .5em}
h2{font-size:2rem;margin:2em 0 .4em;color:#cfe0f5}
code{background:#16385e;padding:.1em .4em;border-radius:.3em;font-size:.9em;word-break:break-all}
.en{color:#cfe0f5}
</style></head><body><main data-testid="pairing" data-why="{{.Why}}">
<h1>{{if eq .Why "bad_token"}}Mã thiết bị không hợp lệ hoặc đã bị thu hồi{{else if eq .Why "wrong_kind"}}Mã thiết bị này không dùng cho trang này{{else}}Trang này chưa được ghép với trung tâm{{end}}</h1>
<p>Kỹ thuật viên: mở trang này một lần với <code>{{.Path}}?token=…</code>, trong đó mã thiết bị là dòng do lệnh
<code>motcua-centre enroll --db … {{.Kind}} TÊN</code> in ra. Sau đó trình duyệt tự nhớ, không cần nhập lại.</p>
<div class="en" lang="en">
<h2>{{if eq .Why "bad_token"}}Unknown or revoked device token{{else if eq .Why "wrong_kind"}}This device token is not for this page{{else}}This page is not paired with the centre{{end}}</h2>
<p>Technician: open this page once with <code>{{.Path}}?token=…</code>, the token being the line printed by
<code>motcua-centre enroll --db … {{.Kind}} NAME</code>. The browser then remembers it.</p>
</div></main></body></html>
`))
