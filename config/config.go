// Package config holds the kiosk's one TOML file: schema, defaults, validation
// and atomic save. kiosk.example.toml beside this file documents every key.
package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Config is the whole kiosk configuration.
type Config struct {
	Kiosk           Kiosk                     `toml:"kiosk"`
	Window          Window                    `toml:"window"`
	Session         Session                   `toml:"session"`
	Store           Store                     `toml:"store"`
	Printer         Printer                   `toml:"printer"`
	PrinterProfiles map[string]PrinterProfile `toml:"printer_profiles"`
	Reader          Reader                    `toml:"reader"`
	Catalog         Catalog                   `toml:"catalog"`
	Queue           Queue                     `toml:"queue"`
	Payment         Payment                   `toml:"payment"`
	Portal          Portal                    `toml:"portal"`
	Centre          Centre                    `toml:"centre"`
	Voice           Voice                     `toml:"voice"`
	Dossier         Dossier                   `toml:"dossier"`
	Update          Update                    `toml:"update"`
}

// Update turns on signed updates pulled from the centre (issue 14): on
// each check the kiosk asks the centre for its newest bundles and applies
// each one newer than the version in force, once it verifies under
// PublicKey. Empty PublicKey: updates are off.
type Update struct {
	// PublicKey is the text of the bundle.pub file kioskctl bundle keygen
	// writes (both lines), or its base64 key line alone.
	PublicKey string `toml:"public_key"`
	// Dir keeps the installed bundles (<dir>/<kind>/versions/<v>, current,
	// previous); empty: <data dir>/updates.
	Dir string `toml:"dir"`
	// CheckMinutes is how often the centre is asked; 0: on every heartbeat.
	CheckMinutes int `toml:"check_minutes"`
}

// Enabled reports whether the kiosk pulls signed updates.
func (u Update) Enabled() bool { return strings.TrimSpace(u.PublicKey) != "" }

// Root is the folder the installed bundles live in.
func (u Update) Root() (string, error) {
	if u.Dir != "" {
		return u.Dir, nil
	}
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "updates"), nil
}

// Voice is how the hall display's calls sound (the centre, or a lone
// kiosk serving the hall).
type Voice struct {
	// Pack is a folder of recorded clips with the default pack's file names
	// (README, "Voice pack"); empty: the built-in espeak-ng voice.
	Pack string `toml:"pack"`
	// TicketAsNumber reads "B-0012" as "bê mười hai" instead of digit by
	// digit ("bê không không một hai").
	TicketAsNumber bool `toml:"ticket_as_number"`
}

// Kiosk identifies the centre and the machine.
type Kiosk struct {
	CentreName string `toml:"centre_name"`
	KioskID    string `toml:"kiosk_id"`
	Timezone   string `toml:"timezone"`
	Language   string `toml:"language"` // vi | en: the language after every reset
}

// Window controls the desktop window.
type Window struct {
	Mode   string `toml:"mode"` // fullscreen | windowed
	Width  int    `toml:"width"`
	Height int    `toml:"height"`
	GPU    string `toml:"gpu"` // Linux WebKit GPU policy: never | ondemand | always
	// RestartAt is the nightly restart time, local "HH:MM" (empty: never):
	// the kiosk quits with ExitRestart when nobody is using it and its
	// supervisor (systemd, Shell Launcher, the logon task) starts it again.
	RestartAt string `toml:"restart_at"`
}

// Session holds the citizen-session idle timings.
type Session struct {
	IdleSeconds      int `toml:"idle_seconds"`
	CountdownSeconds int `toml:"countdown_seconds"`
}

// Store locates the SQLite file.
type Store struct {
	Path string `toml:"path"` // empty: <user data dir>/motcua-kiosk/kiosk.db
}

// Printer is the ticket printer device.
type Printer struct {
	Driver  string `toml:"driver"` // sim | serial | none
	Port    string `toml:"port"`
	Baud    int    `toml:"baud"`
	Profile string `toml:"profile"`
}

// PrinterProfile describes one printer model.
type PrinterProfile struct {
	PaperMM        int    `toml:"paper_mm"`
	Dots           int    `toml:"dots"`
	CodePage       string `toml:"code_page"` // "" (raster only) | cp1258 | tcvn3
	CodePageNumber int    `toml:"code_page_number"`
	NativeQR       bool   `toml:"native_qr"`
	Cutter         bool   `toml:"cutter"`
	BytesPerSecond int    `toml:"bytes_per_second"` // write pacing; 0 = from baud
}

// Reader is the ID card reader device.
type Reader struct {
	Driver         string `toml:"driver"` // sim | serial | none
	Port           string `toml:"port"`
	Baud           int    `toml:"baud"`
	Mode           string `toml:"mode"`       // qr | mrz | auto
	Terminator     string `toml:"terminator"` // cr | lf | crlf | any
	FrameTimeoutMS int    `toml:"frame_timeout_ms"`
}

// Catalog locates the procedure catalog.
type Catalog struct {
	Path      string `toml:"path"` // empty: the shipped sample catalog
	StaleDays int    `toml:"stale_days"`
}

// Queue configures queue tickets.
type Queue struct {
	ResetHour          int            `toml:"reset_hour"`
	PriorityOrdering   string         `toml:"priority_ordering"` // strict | interleaved
	InterleaveEvery    int            `toml:"interleave_every"`
	PriorityCategories []string       `toml:"priority_categories"`
	PriorityAge        int            `toml:"priority_age"`
	TicketQRTemplate   string         `toml:"ticket_qr_template"`
	TicketNote         string         `toml:"ticket_note"`
	Services           []QueueService `toml:"services"`
}

// QueueService is one queue with its counters.
type QueueService struct {
	Code     string   `toml:"code"`
	NameVI   string   `toml:"name_vi"`
	NameEN   string   `toml:"name_en"`
	Prefix   string   `toml:"prefix"`
	Counters []string `toml:"counters"`
	Fields   []string `toml:"fields"` // catalog fields (lĩnh vực) this queue handles
	DailyCap int      `toml:"daily_cap"`
	Open     bool     `toml:"open"`
}

// Payment configures VietQR fee payment.
type Payment struct {
	Enabled       bool   `toml:"enabled"`
	BankBIN       string `toml:"bank_bin"`
	Account       string `toml:"account"`
	AccountName   string `toml:"account_name"`
	City          string `toml:"city"`
	ExpiryMinutes int    `toml:"expiry_minutes"`
	Listen        string `toml:"listen"`
	CassoKey      string `toml:"casso_key"`
	PayOSKey      string `toml:"payos_key"`
	SePayKey      string `toml:"sepay_key"`
}

// Centre connects the kiosk to the centre server (motcua-centre). With URL
// empty the kiosk keeps its queue and payments in its own store.
type Centre struct {
	URL    string `toml:"url"`     // "https://centre.local:8443"; empty: local mode
	Token  string `toml:"token"`   // device token from `motcua-centre enroll kiosk NAME` (secret)
	CAFile string `toml:"ca_file"` // PEM CA for a self-signed centre certificate (optional)
	// Listen, in local mode only, serves the centre's pages and API from
	// the kiosk's own store on this address ("0.0.0.0:8788"): a lone kiosk
	// gets counter tablets, a hall display and ratings on its LAN. Empty: off.
	Listen string `toml:"listen"`
	// HeartbeatSeconds is how often the kiosk tells the centre how it is
	// (printer, reader, disk, versions); 0: DefaultHeartbeatSeconds.
	HeartbeatSeconds int `toml:"heartbeat_seconds"`
}

// DefaultHeartbeatSeconds is the heartbeat period when none is configured.
const DefaultHeartbeatSeconds = 30

// Heartbeat is the heartbeat period.
func (c Centre) Heartbeat() time.Duration {
	if c.HeartbeatSeconds <= 0 {
		return DefaultHeartbeatSeconds * time.Second
	}
	return time.Duration(c.HeartbeatSeconds) * time.Second
}

// Enabled reports whether the kiosk is a client of a centre.
func (c Centre) Enabled() bool { return c.URL != "" }

// Dossier configures the dossier status lookup (tra cứu hồ sơ). It is read
// by the centre only: the province's credentials live in the centre's
// config, and a kiosk (which asks the centre) holds none.
type Dossier struct {
	Provider       string       `toml:"provider"`        // sim (default) | igate | dvcqg
	Province       string       `toml:"province"`        // the province's code (e.g. H48), for the logs
	TimeoutSeconds int          `toml:"timeout_seconds"` // one lookup's deadline; 0: 8 s
	IGate          DossierIGate `toml:"igate"`
	DVCQG          DossierDVCQG `toml:"dvcqg"`
}

// DossierIGate is one province's VNPT iGate: API host, login realm, token (secret).
type DossierIGate struct {
	BaseURL string `toml:"base_url"`
	Realm   string `toml:"realm"`
	Token   string `toml:"token"`
}

// DossierDVCQG is the national interface's TraCuuHoSo endpoint for the province.
type DossierDVCQG struct {
	URL   string `toml:"url"`
	Token string `toml:"token"`
}

// Portal holds links to the national public-service portal.
type Portal struct {
	ProcedureURLTemplate string `toml:"procedure_url_template"`
}

// Default returns the configuration used when no file exists: simulated
// devices, the shipped sample catalog, the store in the user data dir.
func Default() Config {
	return Config{
		Kiosk:   Kiosk{CentreName: "Trung tâm Phục vụ hành chính công (mẫu)", KioskID: "KIOSK-01", Timezone: "Asia/Ho_Chi_Minh", Language: "vi"},
		Window:  Window{Mode: "fullscreen", Width: 1080, Height: 1920, GPU: "never"},
		Session: Session{IdleSeconds: 60, CountdownSeconds: 10},
		Printer: Printer{Driver: "sim", Baud: 115200, Profile: "80mm"},
		PrinterProfiles: map[string]PrinterProfile{
			"80mm": {PaperMM: 80, Dots: 576, NativeQR: true, Cutter: true},
			"58mm": {PaperMM: 58, Dots: 384, NativeQR: true, Cutter: false},
		},
		Reader:  Reader{Driver: "sim", Baud: 9600, Mode: "auto", Terminator: "any", FrameTimeoutMS: 150},
		Catalog: Catalog{StaleDays: 365},
		Queue: Queue{
			PriorityOrdering:   "interleaved",
			InterleaveEvery:    3,
			PriorityCategories: []string{"elderly", "disabled", "pregnant", "meritorious", "small_child"},
			PriorityAge:        75,
			TicketNote:         "Vui lòng chờ gọi số / Please wait for your number",
			Services:           DefaultServices(),
		},
		Payment: Payment{Enabled: true, BankBIN: "970415", Account: "113366668888", AccountName: "TT PVHCC MAU", City: "HA NOI", ExpiryMinutes: 15, Listen: "127.0.0.1:8787"},
		Portal:  Portal{ProcedureURLTemplate: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"},
	}
}

// DefaultServices are the sample queues of a commune/provincial centre.
func DefaultServices() []QueueService {
	return []QueueService{
		{Code: "HT", NameVI: "Hộ tịch", NameEN: "Civil status", Prefix: "A", Counters: []string{"1", "2"}, Fields: []string{"Hộ tịch"}, Open: true},
		{Code: "CT", NameVI: "Chứng thực", NameEN: "Certification", Prefix: "B", Counters: []string{"3"}, Fields: []string{"Chứng thực"}, Open: true},
		{Code: "DD", NameVI: "Đất đai", NameEN: "Land", Prefix: "C", Counters: []string{"4"}, Fields: []string{"Đất đai"}, Open: true},
		{Code: "KD", NameVI: "Kinh doanh, đầu tư", NameEN: "Business", Prefix: "D", Counters: []string{"5"}, Fields: []string{"Thành lập và hoạt động của hộ kinh doanh"}, Open: true},
		{Code: "XH", NameVI: "Lao động, xã hội, người có công", NameEN: "Social affairs", Prefix: "E", Counters: []string{"6"}, Fields: []string{"Bảo trợ xã hội", "Người có công"}, Open: true},
		{Code: "TP", NameVI: "Tư pháp, cư trú, khác", NameEN: "Justice, residence, other", Prefix: "F", Counters: []string{"7"}, Fields: []string{"Lý lịch tư pháp", "Cư trú"}, Open: true},
	}
}

// DataDir is the per-user directory for the store and simulator links.
func DataDir() (string, error) {
	if d := os.Getenv("KIOSK_DATA_DIR"); d != "" {
		return d, nil
	}
	if runtime.GOOS == "windows" {
		if d, ok := installedDataDir(os.Getenv, fileExists); ok {
			return d, nil
		}
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	if xdg := os.Getenv("XDG_DATA_HOME"); xdg != "" {
		base = xdg
	} else if home, herr := os.UserHomeDir(); herr == nil && filepath.Base(base) == ".config" {
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "motcua-kiosk"), nil
}

// InstalledDirName is the folder under %ProgramData% that the Windows
// installer creates (build/windows/installer/project.nsi): config and store.
const InstalledDirName = "MotCua"

// installedDataDir is %ProgramData%\MotCua when the installer has put a
// kiosk.toml there; the per-user folder is used otherwise (a developer's
// machine, a portable copy). Split out so it is tested on any OS.
func installedDataDir(getenv func(string) string, exists func(string) bool) (string, bool) {
	pd := getenv("ProgramData")
	if pd == "" {
		return "", false
	}
	d := filepath.Join(pd, InstalledDirName)
	if !exists(filepath.Join(d, "kiosk.toml")) {
		return "", false
	}
	return d, true
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// StorePath resolves the store file path.
func (c Config) StorePath() (string, error) {
	if c.Store.Path != "" {
		return c.Store.Path, nil
	}
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "kiosk.db"), nil
}

// Profile returns the active printer profile.
func (c Config) Profile() PrinterProfile {
	return c.PrinterProfiles[c.Printer.Profile]
}

// RestartClock parses Window.RestartAt ("HH:MM", two digits each). ok is
// false when it is empty or malformed.
func (w Window) RestartClock() (hour, minute int, ok bool) {
	s := w.RestartAt
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, false
		}
	}
	hour = int(s[0]-'0')*10 + int(s[1]-'0')
	minute = int(s[3]-'0')*10 + int(s[4]-'0')
	if hour > 23 || minute > 59 {
		return 0, 0, false
	}
	return hour, minute, true
}
