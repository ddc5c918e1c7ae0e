package config

import (
	"encoding/base64"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"
)

var (
	binRe     = regexp.MustCompile(`^[0-9]{6}$`)
	accountRe = regexp.MustCompile(`^[0-9A-Za-z]{1,19}$`)
	prefixRe  = regexp.MustCompile(`^[A-Z]{1,2}$`)
	codeRe    = regexp.MustCompile(`^[A-Z0-9_]{1,12}$`)
)

var validBauds = map[int]bool{2400: true, 4800: true, 9600: true, 19200: true, 38400: true, 57600: true, 115200: true, 230400: true}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// Validate returns one line per problem, each naming the key.
func (c Config) Validate() Problems {
	var p Problems
	add := func(key, format string, a ...any) { p = append(p, key+": "+fmt.Sprintf(format, a...)) }

	if strings.TrimSpace(c.Kiosk.CentreName) == "" {
		add("kiosk.centre_name", "must not be empty")
	}
	if strings.TrimSpace(c.Kiosk.KioskID) == "" {
		add("kiosk.kiosk_id", "must not be empty")
	}
	if _, err := time.LoadLocation(c.Kiosk.Timezone); err != nil || c.Kiosk.Timezone == "" {
		add("kiosk.timezone", "unknown time zone %q (e.g. Asia/Ho_Chi_Minh)", c.Kiosk.Timezone)
	}
	if !oneOf(c.Kiosk.Language, "vi", "en") {
		add("kiosk.language", "must be \"vi\" or \"en\", got %q", c.Kiosk.Language)
	}
	if !oneOf(c.Window.Mode, "fullscreen", "windowed") {
		add("window.mode", "must be \"fullscreen\" or \"windowed\", got %q", c.Window.Mode)
	}
	if c.Window.Width < 320 || c.Window.Height < 320 {
		add("window.width", "width and height must be at least 320, got %dx%d", c.Window.Width, c.Window.Height)
	}
	if !oneOf(c.Window.GPU, "never", "ondemand", "always") {
		add("window.gpu", "must be never, ondemand or always, got %q", c.Window.GPU)
	}
	if _, _, ok := c.Window.RestartClock(); c.Window.RestartAt != "" && !ok {
		add("window.restart_at", "must be a local time \"HH:MM\" (00:00..23:59) or empty, got %q", c.Window.RestartAt)
	}
	if c.Session.IdleSeconds < 10 || c.Session.IdleSeconds > 3600 {
		add("session.idle_seconds", "must be between 10 and 3600, got %d", c.Session.IdleSeconds)
	}
	if c.Session.CountdownSeconds < 3 || c.Session.CountdownSeconds > 120 {
		add("session.countdown_seconds", "must be between 3 and 120, got %d", c.Session.CountdownSeconds)
	}
	c.validateDevice(add, "printer", c.Printer.Driver, c.Printer.Port, c.Printer.Baud)
	if _, ok := c.PrinterProfiles[c.Printer.Profile]; !ok {
		add("printer.profile", "no profile %q (known: %s)", c.Printer.Profile, strings.Join(profileNames(c), ", "))
	}
	for name, pr := range c.PrinterProfiles {
		key := "printer_profiles." + name
		if !oneOf(fmt.Sprint(pr.PaperMM), "58", "80") {
			add(key+".paper_mm", "must be 58 or 80, got %d", pr.PaperMM)
		}
		if pr.Dots < 200 || pr.Dots > 832 || pr.Dots%8 != 0 {
			add(key+".dots", "must be a multiple of 8 between 200 and 832, got %d", pr.Dots)
		}
		if !oneOf(pr.CodePage, "", "cp1258", "tcvn3") {
			add(key+".code_page", "must be empty (Vietnamese as raster), \"cp1258\" or \"tcvn3\", got %q", pr.CodePage)
		}
		if pr.CodePage != "" && (pr.CodePageNumber < 0 || pr.CodePageNumber > 255) {
			add(key+".code_page_number", "must be 0..255, got %d", pr.CodePageNumber)
		}
	}
	c.validateDevice(add, "reader", c.Reader.Driver, c.Reader.Port, c.Reader.Baud)
	if !oneOf(c.Reader.Mode, "qr", "mrz", "auto") {
		add("reader.mode", "must be qr, mrz or auto, got %q", c.Reader.Mode)
	}
	if !oneOf(c.Reader.Terminator, "cr", "lf", "crlf", "any") {
		add("reader.terminator", "must be cr, lf, crlf or any, got %q", c.Reader.Terminator)
	}
	if c.Reader.FrameTimeoutMS < 20 || c.Reader.FrameTimeoutMS > 5000 {
		add("reader.frame_timeout_ms", "must be between 20 and 5000, got %d", c.Reader.FrameTimeoutMS)
	}
	if c.Catalog.StaleDays < 1 {
		add("catalog.stale_days", "must be at least 1, got %d", c.Catalog.StaleDays)
	}
	c.validateQueue(add)
	c.validatePayment(add)
	c.validateCentre(add)
	c.validateDossier(add)
	c.validateUpdate(add)
	if c.Portal.ProcedureURLTemplate != "" && !strings.Contains(c.Portal.ProcedureURLTemplate, "{code}") {
		add("portal.procedure_url_template", "must contain {code}")
	}
	return p
}

func profileNames(c Config) []string {
	var n []string
	for k := range c.PrinterProfiles {
		n = append(n, k)
	}
	return n
}

func (c Config) validateDevice(add func(string, string, ...any), sec, driver, port string, baud int) {
	if !oneOf(driver, "sim", "serial", "none") {
		add(sec+".driver", "must be sim, serial or none, got %q", driver)
	}
	if driver == "serial" && strings.TrimSpace(port) == "" {
		add(sec+".port", "required when driver = \"serial\" (e.g. /dev/ttyUSB0 or COM3)")
	}
	if !validBauds[baud] {
		add(sec+".baud", "unsupported baud rate %d (use 9600, 19200, 38400, 57600 or 115200)", baud)
	}
}

func (c Config) validateQueue(add func(string, string, ...any)) {
	q := c.Queue
	if q.ResetHour < 0 || q.ResetHour > 23 {
		add("queue.reset_hour", "must be 0..23, got %d", q.ResetHour)
	}
	if !oneOf(q.PriorityOrdering, "strict", "interleaved") {
		add("queue.priority_ordering", "must be strict or interleaved, got %q", q.PriorityOrdering)
	}
	if q.InterleaveEvery < 1 {
		add("queue.interleave_every", "must be at least 1, got %d", q.InterleaveEvery)
	}
	if len(q.Services) == 0 {
		add("queue.services", "at least one service is required")
	}
	codes, prefixes := map[string]bool{}, map[string]bool{}
	for i, s := range q.Services {
		key := fmt.Sprintf("queue.services[%d]", i)
		if !codeRe.MatchString(s.Code) {
			add(key+".code", "must be 1-12 upper-case letters/digits, got %q", s.Code)
		} else if codes[s.Code] {
			add(key+".code", "duplicate service code %q", s.Code)
		}
		codes[s.Code] = true
		if !prefixRe.MatchString(s.Prefix) {
			add(key+".prefix", "must be 1-2 upper-case letters, got %q", s.Prefix)
		} else if prefixes[s.Prefix] {
			add(key+".prefix", "duplicate prefix %q", s.Prefix)
		}
		prefixes[s.Prefix] = true
		if strings.TrimSpace(s.NameVI) == "" {
			add(key+".name_vi", "must not be empty")
		}
		if s.DailyCap < 0 {
			add(key+".daily_cap", "must be 0 (no cap) or more, got %d", s.DailyCap)
		}
	}
}

func (c Config) validatePayment(add func(string, string, ...any)) {
	p := c.Payment
	if !p.Enabled {
		return
	}
	if !binRe.MatchString(p.BankBIN) {
		add("payment.bank_bin", "must be the bank's 6-digit BIN, got %q", p.BankBIN)
	}
	if !accountRe.MatchString(p.Account) {
		add("payment.account", "must be 1-19 letters or digits, got %q", p.Account)
	}
	if len(p.AccountName) > 25 {
		add("payment.account_name", "at most 25 characters, got %d", len(p.AccountName))
	}
	if len(p.City) > 15 {
		add("payment.city", "at most 15 characters, got %d", len(p.City))
	}
	if p.ExpiryMinutes < 1 || p.ExpiryMinutes > 120 {
		add("payment.expiry_minutes", "must be between 1 and 120, got %d", p.ExpiryMinutes)
	}
	if p.Listen != "" && !strings.Contains(p.Listen, ":") {
		add("payment.listen", "must be host:port, got %q", p.Listen)
	}
}

func (c Config) validateDossier(add func(string, string, ...any)) {
	d := c.Dossier
	if d.TimeoutSeconds < 0 || d.TimeoutSeconds > 60 {
		add("dossier.timeout_seconds", "must be 0–60, got %d", d.TimeoutSeconds)
	}
	httpURL := func(key, v string) {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			add(key, "must be an http(s) URL, got %q", v)
		}
	}
	switch d.Provider {
	case "", "sim":
	case "igate":
		httpURL("dossier.igate.base_url", d.IGate.BaseURL)
		if strings.TrimSpace(d.IGate.Token) == "" {
			add("dossier.igate.token", "required with provider = \"igate\"")
		}
	case "dvcqg":
		httpURL("dossier.dvcqg.url", d.DVCQG.URL)
	default:
		add("dossier.provider", "must be \"sim\", \"igate\" or \"dvcqg\", got %q", d.Provider)
	}
}

func (c Config) validateCentre(add func(string, string, ...any)) {
	ce := c.Centre
	if ce.Listen != "" {
		if _, port, err := net.SplitHostPort(ce.Listen); err != nil || port == "" {
			add("centre.listen", "must be host:port (e.g. 0.0.0.0:8788), got %q", ce.Listen)
		} else if ce.URL != "" {
			add("centre.listen", "only for a kiosk without a centre (centre.url is set: the centre serves the pages)")
		}
	}
	if ce.URL == "" {
		if ce.Token != "" || ce.CAFile != "" {
			add("centre.url", "required when centre.token or centre.ca_file is set (e.g. https://centre.local:8443)")
		}
		return
	}
	u, err := url.Parse(ce.URL)
	switch {
	case err != nil:
		add("centre.url", "not a URL: %v", err)
	case u.Scheme != "http" && u.Scheme != "https":
		add("centre.url", "must start with http:// or https://, got %q", ce.URL)
	case u.Host == "":
		add("centre.url", "must name a host (e.g. https://centre.local:8443), got %q", ce.URL)
	case u.User != nil:
		add("centre.url", "must not carry a user name or password; put the device token in centre.token")
	}
	if strings.TrimSpace(ce.Token) == "" {
		add("centre.token", "required when centre.url is set (motcua-centre enroll kiosk NAME prints it)")
	}
	if ce.HeartbeatSeconds < 0 || ce.HeartbeatSeconds > 3600 {
		add("centre.heartbeat_seconds", "must be between 1 and 3600 (0: %d), got %d", DefaultHeartbeatSeconds, ce.HeartbeatSeconds)
	}
	if ce.CAFile != "" && err == nil && u.Scheme != "https" {
		add("centre.ca_file", "only used with an https:// centre.url")
	}
}

// validateUpdate checks the public key's shape (the kiosk parses it again
// with kiosk/bundle when it pulls).
func (c Config) validateUpdate(add func(string, string, ...any)) {
	u := c.Update
	if u.CheckMinutes < 0 || u.CheckMinutes > 7*24*60 {
		add("update.check_minutes", "must be between 0 (every heartbeat) and 10080, got %d", u.CheckMinutes)
	}
	if !u.Enabled() {
		return
	}
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(u.PublicKey, "\r\n", "\n")), "\n")
	key := strings.TrimSpace(lines[len(lines)-1])
	raw, err := base64.StdEncoding.DecodeString(key)
	if len(lines) > 2 || err != nil || len(raw) != 32 {
		add("update.public_key", "must be the text of bundle.pub from kioskctl bundle keygen (or its base64 key line)")
	}
	if c.Centre.URL == "" {
		add("update.public_key", "updates are pulled from the centre: set centre.url too, or leave public_key empty")
	}
}
