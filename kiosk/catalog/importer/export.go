package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/motcua/kiosk/drivers/vnfold"
	"github.com/motcua/kiosk/kiosk/catalog"
)

// The national procedure JSON as ExportDVCQG writes it: only the fields
// importDVCQG maps, so a file written here imports without unmapped fields.
type (
	dvcqgEnvelope struct {
		Result []dvcqgProc `json:"result"`
	}
	dvcqgProc struct {
		MATTHC           string          `json:"MATTHC"`
		TENTTHC          string          `json:"TENTTHC"`
		CAPTHUCHIEN      []dvcqgLevel    `json:"CAPTHUCHIEN,omitempty"`
		LINHVUCTHUCHIEN  []dvcqgField    `json:"LINHVUCTHUCHIEN,omitempty"`
		COQUANTHUCHIEN   []dvcqgAgency   `json:"COQUANTHUCHIEN,omitempty"`
		DOITUONGTHUCHIEN []dvcqgSubject  `json:"DOITUONGTHUCHIEN,omitempty"`
		YEUCAU           []string        `json:"YEUCAU,omitempty"`
		TRANGTHAI        string          `json:"TRANGTHAI,omitempty"`
		TRINHTUTHUCHIEN  []dvcqgStepCase `json:"TRINHTUTHUCHIEN,omitempty"`
		CACHTHUCTHUCHIEN []dvcqgChannel  `json:"CACHTHUCTHUCHIEN,omitempty"`
		THANHPHANHOSO    []dvcqgDocCase  `json:"THANHPHANHOSO,omitempty"`
		KETQUATHUCHIEN   []dvcqgResult   `json:"KETQUATHUCHIEN,omitempty"`
		CANCUPHAPLY      []dvcqgLaw      `json:"CANCUPHAPLY,omitempty"`
	}
	dvcqgLevel struct {
		TENCAP string `json:"TENCAP"`
	}
	dvcqgField struct {
		TENLINHVUC string `json:"TENLINHVUC"`
	}
	dvcqgAgency struct {
		TENDONVI string `json:"TENDONVI"`
	}
	dvcqgSubject struct {
		TENDOITUONG string `json:"TENDOITUONG"`
	}
	dvcqgStepCase struct {
		TRINHTU []dvcqgStep `json:"TRINHTU"`
	}
	dvcqgStep struct {
		TENTRINHTU string `json:"TENTRINHTU"`
	}
	dvcqgChannel struct {
		KENH     string      `json:"KENH"`
		THOIGIAN []dvcqgTime `json:"THOIGIAN,omitempty"`
	}
	dvcqgTime struct {
		MOTA     string     `json:"MOTA,omitempty"`
		PHILEPHI []dvcqgFee `json:"PHILEPHI,omitempty"`
	}
	dvcqgFee struct {
		SOTIEN int64  `json:"SOTIEN,omitempty"`
		DONVI  string `json:"DONVI,omitempty"`
		MOTA   string `json:"MOTA,omitempty"`
	}
	dvcqgDocCase struct {
		TRUONGHOP string          `json:"TRUONGHOP,omitempty"`
		GIAYTO    []dvcqgDocument `json:"GIAYTO"`
	}
	dvcqgDocument struct {
		TENGIAYTO  string `json:"TENGIAYTO"`
		SOBANCHINH int    `json:"SOBANCHINH,omitempty"`
		SOBANSAO   int    `json:"SOBANSAO,omitempty"`
		TENMAUDON  string `json:"TENMAUDON,omitempty"`
		URL        string `json:"URL,omitempty"`
	}
	dvcqgResult struct {
		TENKETQUA string `json:"TENKETQUA"`
	}
	dvcqgLaw struct {
		TENVANBAN string `json:"TENVANBAN"`
	}
)

// ExportReport names, per field of our catalog, how many values the
// national format could not carry (field paths as in docs/catalog-format.md,
// e.g. "cases[].documents[].notes").
type ExportReport struct {
	Procedures int            `json:"procedures"`
	NotCarried map[string]int `json:"notCarried"`
}

func (r *ExportReport) miss(field string) { r.NotCarried[field]++ }

// WriteText writes the report for a technician, one field per line.
func (r *ExportReport) WriteText(w io.Writer) error {
	fields := make([]string, 0, len(r.NotCarried))
	width := 0
	for f := range r.NotCarried {
		fields = append(fields, f)
		width = max(width, len(f))
	}
	sort.Strings(fields)
	var b strings.Builder
	fmt.Fprintf(&b, "exported %d procedures in the national procedure JSON (dvcqg)\n", r.Procedures)
	fmt.Fprintf(&b, "fields the national format cannot carry (%d):%s\n", len(fields), noneIf(len(fields) == 0))
	for _, f := range fields {
		fmt.Fprintf(&b, "  %-*s  %d×\n", width, f, r.NotCarried[f])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// channelCode is the inverse of channels, by folded method name.
func channelCode(method string) (string, bool) {
	k := vnfold.Key(method)
	switch {
	case strings.Contains(k, "truc tiep"):
		return "1", true
	case strings.Contains(k, "truc tuyen"):
		return "2", true
	case strings.Contains(k, "buu chinh"):
		return "3", true
	}
	return "", false
}

// ExportDVCQG writes f as the national interface's procedure list
// ({"result":[…]}), the inverse of importing with DVCQG: importing the
// answer gives back every field the national format carries. Fee and time
// texts are written whole (in MOTA) so exemptions survive; a fee is written
// as SOTIEN and DONVI only when its text is exactly the amount and unit, so
// the amount comes back too. The national format has no fee or time per
// case (trường hợp): case times and fees that the methods do not already
// say go into one more in-person channel (KENH 1), one THOIGIAN per case
// named by the case. The report names every field left behind.
func ExportDVCQG(f catalog.File) ([]byte, *ExportReport, error) {
	rep := &ExportReport{Procedures: len(f.Procedures), NotCarried: map[string]int{}}
	if f.Title != "" {
		rep.miss("title")
	}
	if f.Sample {
		rep.miss("sample")
	}
	env := dvcqgEnvelope{Result: []dvcqgProc{}}
	for _, p := range f.Procedures {
		env.Result = append(env.Result, exportProcedure(p, rep))
	}
	b, err := json.MarshalIndent(env, "", " ")
	if err != nil {
		return nil, rep, fmt.Errorf("export: %w", err)
	}
	return append(b, '\n'), rep, nil
}

func exportProcedure(p catalog.Procedure, rep *ExportReport) dvcqgProc {
	d := dvcqgProc{MATTHC: p.Code, TENTTHC: p.Name}
	for _, part := range strings.Split(p.Level, ",") {
		part = strings.TrimSpace(part)
		switch part {
		case "":
			continue
		case "trung ương":
			part = "Cấp Trung ương"
		case "tỉnh":
			part = "Cấp Tỉnh"
		case "huyện":
			part = "Cấp Huyện"
		case "xã":
			part = "Cấp Xã"
		}
		d.CAPTHUCHIEN = append(d.CAPTHUCHIEN, dvcqgLevel{part})
	}
	if p.Field != "" {
		d.LINHVUCTHUCHIEN = []dvcqgField{{p.Field}}
	}
	if p.Agency != "" {
		d.COQUANTHUCHIEN = []dvcqgAgency{{p.Agency}}
	}
	for _, s := range p.Subjects {
		d.DOITUONGTHUCHIEN = append(d.DOITUONGTHUCHIEN, dvcqgSubject{s})
	}
	d.YEUCAU = p.Conditions
	switch p.Validity {
	case "":
	case "hiệu lực":
		d.TRANGTHAI = "1"
	default:
		rep.miss("validity")
	}
	if len(p.Steps) > 0 {
		sc := dvcqgStepCase{}
		for _, s := range p.Steps {
			sc.TRINHTU = append(sc.TRINHTU, dvcqgStep{s})
		}
		d.TRINHTUTHUCHIEN = []dvcqgStepCase{sc}
	}

	// Methods, then the case times and fees the methods do not say.
	var times, fees []string
	for _, m := range p.Methods {
		k, ok := channelCode(m.Method)
		if !ok {
			rep.miss("methods[].method")
		} else if channels[k] != m.Method {
			rep.miss("methods[].method") // read back as the channel's national name
		}
		d.CACHTHUCTHUCHIEN = append(d.CACHTHUCTHUCHIEN, dvcqgChannel{KENH: k, THOIGIAN: exportTime("", m.Time, m.Fee, m.FeeAmount, rep, "methods[].feeAmount")})
		times, fees = append(times, m.Time), append(fees, m.Fee)
	}
	said := func(s string, in []string) bool {
		if strings.TrimSpace(s) == "" {
			return true
		}
		for _, x := range in {
			if strings.Contains(x, s) {
				return true
			}
		}
		return false
	}
	extra := false
	for _, c := range p.Cases {
		extra = extra || !said(c.Time, times) || !said(c.Fee, fees)
	}
	if extra {
		ch := dvcqgChannel{KENH: "1"}
		for _, c := range p.Cases {
			if c.Time == "" && c.Fee == "" {
				continue
			}
			prefix := ""
			if len(p.Cases) > 1 {
				prefix = c.Name + ": "
			}
			ch.THOIGIAN = append(ch.THOIGIAN, exportTime(prefix, c.Time, c.Fee, c.FeeAmount, rep, "")...)
		}
		d.CACHTHUCTHUCHIEN = append(d.CACHTHUCTHUCHIEN, ch)
	}
	for _, c := range p.Cases {
		if c.Time != "" {
			rep.miss("cases[].time") // carried as a channel's time, not the case's
		}
		if c.Fee != "" {
			rep.miss("cases[].fee") // carried as a channel's fee, not the case's
		}
		if c.FeeAmount != 0 {
			rep.miss("cases[].feeAmount")
		}
	}

	urls := map[string]bool{}
	for _, c := range p.Cases {
		dc := dvcqgDocCase{TRUONGHOP: c.Name, GIAYTO: []dvcqgDocument{}}
		if c.Name == p.Name {
			dc.TRUONGHOP = "" // the importer names an unnamed case after the procedure
		}
		for _, doc := range c.Documents {
			dc.GIAYTO = append(dc.GIAYTO, dvcqgDocument{TENGIAYTO: doc.Name, SOBANCHINH: doc.Originals, SOBANSAO: doc.Copies, TENMAUDON: doc.Form, URL: doc.FormURL})
			if doc.FormURL != "" {
				urls[doc.FormURL] = true
			}
			if doc.Obtain != "" {
				rep.miss("cases[].documents[].obtain")
			}
			if doc.Notes != "" {
				rep.miss("cases[].documents[].notes")
			}
		}
		d.THANHPHANHOSO = append(d.THANHPHANHOSO, dc)
	}
	for _, fm := range p.Forms {
		if fm.URL == "" || !urls[fm.URL] {
			rep.miss("forms") // only a document's form (TENMAUDON, URL) has a place
		}
	}
	if p.Result != "" {
		d.KETQUATHUCHIEN = []dvcqgResult{{p.Result}}
	}
	for _, l := range p.LegalBasis {
		d.CANCUPHAPLY = append(d.CANCUPHAPLY, dvcqgLaw{l})
	}

	for field, set := range map[string]bool{
		"onlineLevel": p.OnlineLevel != "", "replacedBy": p.ReplacedBy != "", "names": len(p.Names) > 0,
		"keywords": len(p.Keywords) > 0, "popular": p.Popular != 0, "source": p.Source != "",
		"sourceUrl": p.SourceURL != "", "updated": p.Updated != "", "unverified": len(p.Unverified) > 0,
	} {
		if set {
			rep.miss(field)
		}
	}
	return d
}

// exportTime is one THOIGIAN: the time text whole in MOTA and the fee as
// SOTIEN+DONVI when its text is exactly the amount and unit, else whole in
// MOTA. A zero (free) amount cannot come back with a text: the importer
// never takes a described fee as free.
func exportTime(prefix, time, fee string, amount int64, rep *ExportReport, amountField string) []dvcqgTime {
	if time == "" && fee == "" {
		return nil
	}
	t := dvcqgTime{}
	if time != "" {
		t.MOTA = prefix + time
	}
	if fee != "" {
		a := formatAmount(float64(amount), "", true)
		switch {
		case prefix == "" && amount > 0 && fee == a:
			t.PHILEPHI = []dvcqgFee{{SOTIEN: amount}}
		case prefix == "" && amount > 0 && strings.HasPrefix(fee, a+" ") && strings.TrimSpace(fee[len(a)+1:]) == fee[len(a)+1:]:
			t.PHILEPHI = []dvcqgFee{{SOTIEN: amount, DONVI: fee[len(a)+1:]}}
		default:
			t.PHILEPHI = []dvcqgFee{{MOTA: prefix + fee}}
			if amount >= 0 && amountField != "" {
				rep.miss(amountField)
			}
		}
	}
	return []dvcqgTime{t}
}
