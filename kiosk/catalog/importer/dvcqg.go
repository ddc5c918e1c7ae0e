package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/motcua/kiosk/drivers/vnfold"
	"github.com/motcua/kiosk/kiosk/catalog"
)

// channels are the national interface's KENH values.
var channels = map[string]string{"1": "Trực tiếp", "2": "Trực tuyến", "3": "Nộp qua bưu chính công ích"}

// importDVCQG reads the answer of LayThuTuc / LayDanhSachTTHC
// ({"result":[…]}), a bare list of procedures, or one procedure object.
func importDVCQG(file string, data []byte, opt Options, rep *Report) (catalog.File, catalog.Problems, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return catalog.File{}, nil, brokenf("%s: empty file, expected the national procedure JSON", file)
	}
	var top json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return catalog.File{}, nil, jsonError(file, data, err)
	}
	var records []json.RawMessage
	switch kind(top) {
	case "array":
		records = elements(top)
	case "object":
		var m map[string]json.RawMessage
		json.Unmarshal(top, &m)
		has := map[string]bool{}
		for k := range m {
			has[strings.ToUpper(strings.TrimSpace(k))] = true
		}
		if has["RESULT"] {
			env, _ := asObj(top, "(envelope)", "", rep)
			records = elements(env.take("RESULT"))
			env.done()
		} else if has["TENTTHC"] || has["MATTHC"] {
			records = []json.RawMessage{top}
		} else {
			return catalog.File{}, nil, brokenf(`%s: no procedures: expected {"result":[…]}, a list of procedures or one procedure with TENTTHC`, file)
		}
	default:
		return catalog.File{}, nil, brokenf(`%s: no procedures: the file holds %s, expected {"result":[…]}, a list or a procedure object`, file, kind(top))
	}
	if len(records) == 0 {
		return catalog.File{}, nil, brokenf("%s: the file lists no procedures", file)
	}
	rep.Read = len(records)
	f := catalog.File{Format: catalog.FormatID, Title: "Danh mục thủ tục nhập từ " + filepath.Base(file) + " (Cổng Dịch vụ công quốc gia)"}
	var probs catalog.Problems
	for i, raw := range records {
		o, ok := asObj(raw, "", "", rep)
		if !ok {
			probs = append(probs, catalog.Problem{Index: i, Field: "record", Msg: fmt.Sprintf("expected a procedure object, got %s", kind(raw))})
			f.Procedures = append(f.Procedures, catalog.Procedure{})
			continue
		}
		f.Procedures = append(f.Procedures, dvcqgProcedure(o, filepath.Base(file), opt))
	}
	return f, probs, nil
}

// jsonError names the byte offset, line and column of a JSON error.
func jsonError(file string, data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return fmt.Errorf("%w: %s: not valid JSON: %v", ErrBroken, file, err)
	}
	// Offset counts the bytes read, the offending one included.
	at := max(min(off, int64(len(data)))-1, 0)
	before := data[:at]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:]))) + 1
	return fmt.Errorf("%w: %s: not valid JSON at line %d, column %d (byte offset %d): %v", ErrBroken, file, line, col, at, err)
}

func dvcqgProcedure(o *obj, file string, opt Options) catalog.Procedure {
	code := o.str("MATTHC")
	o.code = code
	p := catalog.Procedure{
		Code:    code,
		Name:    o.str("TENTTHC"),
		Source:  "Cổng Dịch vụ công quốc gia, tệp " + file,
		Updated: opt.today(),
	}
	label := code
	if label == "" {
		label = p.Name
	}
	o.code = label
	rep := o.rep

	p.Level = normLevel(strings.Join(o.texts("CAPTHUCHIEN", "TENCAP", "TENCAPTHUCHIEN"), ", "))

	var fields []string
	for _, lv := range o.objs("LINHVUCTHUCHIEN") {
		if s := lv.str("TENLINHVUC"); s != "" {
			fields = append(fields, s)
		}
		lv.done()
	}
	if len(fields) > 0 {
		p.Field = fields[0]
		if len(fields) > 1 {
			rep.note(label, "%d fields (lĩnh vực); kept the first, %q, left out %q", len(fields), fields[0], strings.Join(fields[1:], "; "))
		}
	}

	var agencies []string
	for _, a := range o.objs("COQUANTHUCHIEN") {
		if s := a.str("TENDONVI"); s != "" {
			agencies = append(agencies, s)
		}
		a.done()
	}
	p.Agency = strings.Join(agencies, "; ")

	p.Subjects = o.texts("DOITUONGTHUCHIEN", "TENDOITUONG")
	p.Subjects = append(p.Subjects, o.texts("MOTADOITUONGTHUCHIEN")...)
	p.Conditions = o.texts("YEUCAU")

	switch s := o.str("TRANGTHAI"); s {
	case "":
	case "1":
		p.Validity = "hiệu lực"
	default:
		rep.note(label, "TRANGTHAI %q is not 1 (in force); validity left empty", s)
	}

	steps := o.objs("TRINHTUTHUCHIEN")
	for _, st := range steps {
		caseName := st.str("TRUONGHOP")
		for _, s := range st.texts("TRINHTU", "TENTRINHTU") {
			if len(steps) > 1 && caseName != "" {
				s = caseName + ": " + s
			}
			p.Steps = append(p.Steps, s)
		}
		st.done()
	}

	for _, c := range o.objs("CACHTHUCTHUCHIEN") {
		p.Methods = append(p.Methods, dvcqgMethod(c, label))
		c.done()
	}

	forms := map[string]bool{}
	for _, th := range o.objs("THANHPHANHOSO") {
		dc := catalog.DossierCase{Name: th.str("TRUONGHOP"), Documents: []catalog.Document{}}
		if dc.Name == "" {
			dc.Name = p.Name
		}
		for _, g := range th.objs("GIAYTO") {
			d := catalog.Document{Name: g.str("TENGIAYTO"), Form: g.str("TENMAUDON"), FormURL: g.str("URL")}
			d.Originals = count(g, "SOBANCHINH")
			d.Copies = count(g, "SOBANSAO")
			if d.FormURL != "" {
				if !strings.HasPrefix(d.FormURL, "https://") && !strings.HasPrefix(d.FormURL, "http://") {
					rep.note(label, "form URL %q of %q is not an http(s) address; kept, but a phone cannot open it", d.FormURL, d.Name)
				}
				if !forms[d.FormURL] {
					forms[d.FormURL] = true
					name := d.Form
					if name == "" {
						name = d.Name
					}
					p.Forms = append(p.Forms, catalog.Form{Name: name, URL: d.FormURL})
				}
			}
			dc.Documents = append(dc.Documents, d)
			g.done()
		}
		if len(dc.Documents) == 0 {
			rep.note(label, "case %q lists no documents", dc.Name)
		}
		p.Cases = append(p.Cases, dc)
		th.done()
	}

	var results []string
	for _, r := range o.texts("KETQUATHUCHIEN", "TENKETQUA") {
		results = append(results, r)
	}
	p.Result = strings.Join(results, "; ")

	for _, cc := range o.objs("CANCUPHAPLY") {
		no, name := cc.str("SOVANBAN"), cc.str("TENVANBAN")
		switch {
		case no != "" && name != "":
			p.LegalBasis = append(p.LegalBasis, no+": "+name)
		case no+name != "":
			p.LegalBasis = append(p.LegalBasis, no+name)
		}
		cc.done()
	}
	o.done()

	// A procedure without a document list still needs its one case; the
	// screen marks what the source did not give.
	docs := false
	for _, c := range p.Cases {
		docs = docs || len(c.Documents) > 0
	}
	if len(p.Cases) == 0 {
		p.Cases = []catalog.DossierCase{{Name: p.Name, Documents: []catalog.Document{}}}
	}
	fee, tm := false, false
	for _, m := range p.Methods {
		fee = fee || m.Fee != ""
		tm = tm || m.Time != ""
	}
	if !docs {
		addUnverified(&p, "documents")
	}
	if !fee {
		addUnverified(&p, "fee")
	}
	if !tm {
		addUnverified(&p, "time")
	}
	return p
}

// dvcqgMethod maps one CACHTHUCTHUCHIEN entry: KENH, and per THOIGIAN the
// time and fees. Fee descriptions (MOTA), where exemptions live, are kept
// whole; a fixed amount is set only for one plain published number.
func dvcqgMethod(c *obj, label string) catalog.Method {
	rep := c.rep
	m := catalog.Method{}
	k := c.str("KENH")
	if name, ok := channels[k]; ok {
		m.Method = name
	} else {
		if k == "" {
			rep.note(label, "CACHTHUCTHUCHIEN: a method without KENH; named \"Kênh không rõ\"")
			m.Method = "Kênh không rõ"
		} else {
			rep.note(label, "CACHTHUCTHUCHIEN: unknown KENH %q (1, 2 or 3 expected); named \"Kênh %s\"", k, k)
			m.Method = "Kênh " + k
		}
	}
	var times, fees []string
	amounts := []int64{}
	varies := false
	for _, t := range c.objs("THOIGIAN") {
		n, ntext, isNum, ok := number(t.take("THOIGIANGIAIQUYET"))
		unit, desc := t.str("DONVITINH"), t.str("MOTA")
		var s string
		switch {
		case ok:
			s = strings.TrimSpace(formatPlain(n, ntext, isNum) + " " + unit)
		case ntext != "":
			rep.note(label, "THOIGIANGIAIQUYET %q is not a number; kept as text", ntext)
			s = strings.TrimSpace(ntext + " " + unit)
		}
		if desc != "" {
			if s != "" {
				s += ": "
			}
			s += desc
		}
		if s != "" {
			times = appendNew(times, s)
		}
		for _, pf := range t.objs("PHILEPHI") {
			v, vtext, isNum, ok := number(pf.take("SOTIEN"))
			unit, desc := pf.str("DONVI"), pf.str("MOTA")
			var s string
			switch {
			case ok && (v != 0 || desc == ""):
				s = strings.TrimSpace(formatAmount(v, vtext, isNum) + " " + unit)
			case !ok && vtext != "":
				rep.note(label, "fee SOTIEN %q is not a number; kept as text, amount set to varies", vtext)
				s = strings.TrimSpace(vtext + " " + unit)
			}
			if desc != "" {
				if s != "" {
					s += ": "
				}
				s += desc
			}
			pf.done()
			if s == "" {
				continue
			}
			fees = appendNew(fees, s)
			switch {
			case !ok || desc != "" || v < 0 || v != math.Trunc(v):
				varies = true
			case !containsInt(amounts, int64(v)):
				amounts = append(amounts, int64(v))
			}
		}
		t.done()
	}
	m.Time = strings.Join(times, "; ")
	m.Fee = strings.Join(fees, "; ")
	switch {
	case len(fees) == 0:
		m.FeeAmount = -1 // unknown, never "free"
	case varies || len(amounts) != 1:
		m.FeeAmount = -1
		if !varies && allZero(amounts) {
			m.FeeAmount = 0
		}
	default:
		m.FeeAmount = amounts[0]
	}
	return m
}

func containsInt(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func allZero(xs []int64) bool {
	for _, x := range xs {
		if x != 0 {
			return false
		}
	}
	return len(xs) > 0
}

func appendNew(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// count reads SOBANCHINH / SOBANSAO, numbers or text.
func count(o *obj, key string) int {
	v, text, _, ok := number(o.take(key))
	if text == "" {
		return 0
	}
	if !ok || v < 0 || v != math.Trunc(v) {
		o.rep.note(o.code, "%s %q is not a count; left out", o.field(key), text)
		return 0
	}
	return int(v)
}

// formatPlain is a number as the source gave it (text) or in plain digits.
func formatPlain(v float64, text string, isNum bool) string {
	if !isNum {
		return text
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// formatAmount writes a JSON-number amount the Vietnamese way (400.000);
// an amount given as text is kept as written.
func formatAmount(v float64, text string, isNum bool) string {
	if !isNum || v != math.Trunc(v) || v < 0 {
		return formatPlain(v, text, isNum)
	}
	s := strconv.FormatInt(int64(v), 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// normLevel writes "Cấp Tỉnh" / "tinh" as the catalog's "tỉnh"; anything
// it does not know is kept as given.
func normLevel(s string) string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		k := strings.TrimPrefix(vnfold.Key(part), "cap ")
		switch k {
		case "trung uong", "bo", "bo nganh":
			part = "trung ương"
		case "tinh":
			part = "tỉnh"
		case "huyen":
			part = "huyện"
		case "xa":
			part = "xã"
		}
		if part != "" {
			out = appendNew(out, part)
		}
	}
	return strings.Join(out, ", ")
}
