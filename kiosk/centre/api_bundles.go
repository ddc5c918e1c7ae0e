package centre

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/motcua/kiosk/kiosk/device"
)

// Bundle routes (issue 14, signed updates): the centre publishes the signed
// bundle folders of motcua-centre serve --bundles DIR, and kiosks pull the
// newest of each kind. The centre holds no key: each kiosk verifies the
// signature with its [update] public_key before it applies anything.
const (
	PathBundles = "/api/v1/bundles" // GET → []BundleInfo, the newest bundle of each kind (kiosk)
	// PathBundle is GET /api/v1/bundles/{kind}/{version} → the bundle as one
	// tar archive (application/x-tar): manifest.json, manifest.sig, then the
	// manifest's files (kiosk).
	PathBundle = "/api/v1/bundles/{kind}/{version}"
)

// HeaderManifestSHA256 carries, on a bundle download, the sha256 of the
// archive's manifest.json (as BundleInfo.ManifestSHA256).
const HeaderManifestSHA256 = "X-Bundle-Manifest-Sha256"

// BundleInfo is one published bundle.
type BundleInfo struct {
	Kind           string `json:"kind"`
	Version        string `json:"version"`
	ManifestSHA256 string `json:"manifestSha256"` // of manifest.json's exact bytes
	Files          int    `json:"files"`
	Size           int64  `json:"size"` // the files' total bytes, as the manifest says
}

// ErrTruncated: a bundle download ended before the length the centre announced.
var ErrTruncated = errors.New("download truncated")

func (s *Server) routeBundles(mux *http.ServeMux) {
	s.route(mux, "GET "+PathBundles, []string{device.Kiosk}, s.bundleList)
	s.route(mux, "GET "+PathBundle, []string{device.Kiosk}, s.bundleGet)
}

// bundlesOn answers 404 when this centre publishes no bundles.
func (s *Server) bundlesOn(w http.ResponseWriter, r *http.Request) ([]published, bool) {
	if s.opt.Bundles == "" {
		writeError(w, Error{Code: CodeNotFound, Message: "this centre publishes no bundles (serve --bundles DIR)"})
		return nil, false
	}
	all, err := scanBundles(s.opt.Bundles, s.log)
	if err != nil {
		s.log.Error("bundles folder unreadable; answered 503", "route", r.Pattern, "err", err)
		writeError(w, Error{Code: CodeUnavailable, Message: "the centre's bundles folder is not readable; retry"})
		return nil, false
	}
	return all, true
}

// bundleList is GET /api/v1/bundles: the newest bundle of each kind.
func (s *Server) bundleList(w http.ResponseWriter, r *http.Request, _ device.Device) {
	all, ok := s.bundlesOn(w, r)
	if !ok {
		return
	}
	out := []BundleInfo{}
	for _, p := range newestBundles(all) {
		out = append(out, BundleInfo{Kind: p.manifest.Kind, Version: p.manifest.Version, ManifestSHA256: p.sha256, Files: len(p.manifest.Files), Size: p.size})
	}
	writeJSON(w, http.StatusOK, out)
}

// bundleGet is GET /api/v1/bundles/{kind}/{version}: the archive is built
// in a temporary file first, so it goes out with its length (a kiosk tells
// a cut download from a whole one) and a broken folder is a clean error.
func (s *Server) bundleGet(w http.ResponseWriter, r *http.Request, dev device.Device) {
	all, ok := s.bundlesOn(w, r)
	if !ok {
		return
	}
	kind, version := r.PathValue("kind"), r.PathValue("version")
	var p *published
	for i := range all {
		if all[i].manifest.Kind == kind && all[i].manifest.Version == version {
			p = &all[i]
		}
	}
	if p == nil {
		writeError(w, Error{Code: CodeNotFound, Message: fmt.Sprintf("no bundle %s %s on this centre", kind, version)})
		return
	}
	tmp, err := os.CreateTemp("", "motcua-bundle-*.tar")
	if err != nil {
		s.unavailable(w, r, err)
		return
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := writeArchive(tmp, *p); err != nil {
		s.log.Error("bundle folder cannot be sent", "dir", p.dir, "err", err)
		writeError(w, Error{Code: CodeUnavailable, Message: fmt.Sprintf("bundle %s %s is incomplete on the centre", kind, version)})
		return
	}
	s.log.Info("bundle sent", "kiosk", dev.Name, "kind", kind, "version", version)
	w.Header().Set("Content-Type", "application/x-tar")
	w.Header().Set(HeaderManifestSHA256, p.sha256)
	http.ServeContent(w, r, "", time.Time{}, tmp)
}

// Bundles lists the newest published bundle of each kind.
func (c *Client) Bundles(ctx context.Context) ([]BundleInfo, error) {
	var out []BundleInfo
	_, err := c.do(ctx, http.MethodGet, PathBundles, nil, &out)
	return out, err
}

// DownloadBundle copies the archive of one bundle into w and returns its
// length. A body shorter than the length the centre announced is
// ErrTruncated (wrapped), as is a connection cut mid-body. ctx bounds the
// whole download (the client's per-request timeout does not apply: a voice
// pack may take longer than a JSON call).
func (c *Client) DownloadBundle(ctx context.Context, kind, version string, w io.Writer) (int64, error) {
	path := "/api/v1/bundles/" + url.PathEscape(kind) + "/" + url.PathEscape(version)
	req, err := c.newRequest(ctx, http.MethodGet, path, nil)
	if err != nil {
		return 0, err
	}
	hc := *c.httpClient()
	hc.Timeout = 0
	resp, err := hc.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%w: GET %s: %v", ErrUnreachable, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		return 0, decodeError(resp.StatusCode, raw, http.MethodGet, path)
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, fmt.Errorf("centre: GET %s: %w after %d bytes: %v", path, ErrTruncated, n, err)
	}
	if resp.ContentLength >= 0 && n != resp.ContentLength {
		return n, fmt.Errorf("centre: GET %s: %w: %d of %d bytes", path, ErrTruncated, n, resp.ContentLength)
	}
	return n, nil
}
