package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/motcua/kiosk/kiosk/centre"
	"github.com/motcua/kiosk/kiosk/dossier"
)

func init() {
	register("dossier", "lookup: a dossier's status by its receipt code (tra cứu hồ sơ), through the centre or the simulator", subcommands("dossier", map[string]func([]string, io.Writer, io.Writer) int{
		"lookup": dossierLookup,
	}))
}

// Exit codes of dossier lookup, one per typed error (documented in its usage).
const (
	exitDossierNotFound      = 3
	exitDossierBadCode       = 4
	exitDossierTimeout       = 5
	exitDossierNotConfigured = 6
	exitDossierLimited       = 7
	exitDossierUnavailable   = 8
	exitDossierMalformed     = 9
)

const dossierUsage = `usage: kioskctl dossier lookup [--centre URL --token T] [--json] CODE
  Without --centre the answer comes from the built-in simulator (sample codes such as ` + dossier.SampleReady + `).
  exit codes: 0 found, 1 other error (e.g. token refused), 2 usage, 3 not found, 4 not a receipt code,
  5 timeout, 6 lookup not configured on the centre, 7 too many lookups (rate limit),
  8 province's system or centre unavailable, 9 malformed answer from the province's system`

// dossierExits pairs each typed error with its exit code and a short name.
var dossierExits = []struct {
	err  error
	code int
	name string
}{
	{dossier.ErrNotFound, exitDossierNotFound, "not found"},
	{dossier.ErrBadCode, exitDossierBadCode, "not a receipt code"},
	{dossier.ErrTimeout, exitDossierTimeout, "timeout"},
	{dossier.ErrNotConfigured, exitDossierNotConfigured, "not configured"},
	{dossier.ErrLimited, exitDossierLimited, "rate limited"},
	{dossier.ErrMalformed, exitDossierMalformed, "malformed answer"},
	{dossier.ErrUnavailable, exitDossierUnavailable, "unavailable"},
}

// lookupResult is the --json answer: the masked status and where it came from.
type lookupResult struct {
	Source string `json:"source"` // "centre" or "simulator"
	dossier.Status
}

// dossierLookup is "dossier lookup": the masked status of one dossier.
func dossierLookup(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dossier lookup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf centreFlags
	cf.add(fs)
	asJSON := fs.Bool("json", false, "print the status as JSON (default: readable Vietnamese text)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, dossierUsage)
		return 2
	}
	code := fs.Arg(0)
	source := "simulator"
	var find func(ctx context.Context, code string) (dossier.Status, error)
	if cf.url != "" {
		c, err := cf.client()
		if err != nil {
			fmt.Fprintf(stderr, "dossier lookup: %v\n", err)
			return 2
		}
		source, find = "centre", c.Dossier
	} else {
		find = dossier.Sim{}.Find
	}
	ctx, cancel := context.WithTimeout(context.Background(), centreTimeout)
	defer cancel()
	st, err := find(ctx, code)
	if err != nil {
		return dossierFail(stderr, err, cf.url)
	}
	if *asJSON {
		writeJSON(stdout, lookupResult{Source: source, Status: st})
		return 0
	}
	writeDossierText(stdout, st, source)
	return 0
}

// dossierFail writes one stderr line for a failed lookup and returns its exit code.
func dossierFail(stderr io.Writer, err error, url string) int {
	for _, e := range dossierExits {
		if errors.Is(err, e.err) {
			msg := dossier.Message(err)
			detail := ""
			if errors.Is(err, centre.ErrUnreachable) {
				detail = " [" + centreError(err, url) + "]"
			}
			fmt.Fprintf(stderr, "dossier lookup: %s: %s (%s)%s\n", e.name, msg.VI, msg.EN, oneLine(detail))
			return e.code
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		msg := dossier.Message(dossier.ErrTimeout)
		fmt.Fprintf(stderr, "dossier lookup: timeout: %s (%s)\n", msg.VI, msg.EN)
		return exitDossierTimeout
	}
	fmt.Fprintf(stderr, "dossier lookup: %s\n", oneLine(centreError(err, url)))
	return 1
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// vnTime is the kiosk's clock (UTC+7, no daylight saving).
var vnTime = time.FixedZone("ICT", 7*3600)

// writeDossierText prints the status as the kiosk screen says it.
func writeDossierText(w io.Writer, st dossier.Status, source string) {
	var b strings.Builder
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%-17s %s\n", label+":", value)
		}
	}
	date := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(vnTime).Format("02/01/2006 15:04")
	}
	if source == "simulator" {
		b.WriteString("(Dữ liệu mô phỏng: không có --centre, trả lời từ bộ mô phỏng tích hợp, không phải hệ thống của tỉnh)\n")
	}
	line("Mã hồ sơ", st.Code)
	line("Thủ tục", st.Procedure)
	line("Chủ hồ sơ", st.Owner)
	line("Ngày tiếp nhận", date(st.ReceivedAt))
	line("Ngày hẹn trả", date(st.AppointmentAt))
	line("Ngày hoàn thành", date(st.CompletedAt))
	line("Tình trạng", st.Step.VI)
	if st.Overdue {
		line("Lưu ý", "Đã quá ngày hẹn trả kết quả")
	}
	switch {
	case st.Ready && st.CollectAt.VI != "":
		line("Kết quả", "Đã có, nhận tại "+st.CollectAt.VI)
	case st.Ready:
		line("Kết quả", "Đã có, chờ trả")
	case st.CompletedAt != nil:
		line("Kết quả", "Đã trả")
	default:
		line("Kết quả", "Chưa có")
	}
	io.WriteString(w, b.String())
}
