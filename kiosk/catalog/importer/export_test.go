package importer

import (
	"bytes"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/motcua/kiosk/kiosk/catalog"
)

// sampleDVCQG is the shipped sample in the national shape, next to the sample.
const sampleDVCQG = "../sample/catalog.dvcqg.json"

// notCarried are the fields of our catalog the national procedure JSON has
// no place for; the exporter names each of them, and nothing else.
var notCarried = []string{
	"title", "sample", // the national list has no title or sample flag
	"source", "sourceUrl", "updated", // the importer stamps its own source file and date
	"unverified",                   // no "not checked" marks in the national data
	"names", "keywords", "popular", // our search aids
	"onlineLevel",                                      // MUCDO is not mapped by the importer
	"forms",                                            // only a document's form (TENMAUDON, URL) has a place
	"cases[].time", "cases[].fee", "cases[].feeAmount", // time and fee are per channel, not per case
	"cases[].documents[].obtain", "cases[].documents[].notes", // GIAYTO has no "where to get it" or notes
	"methods[].method",    // "Bưu chính" comes back as KENH 3's name
	"methods[].feeAmount", // a free fee with a text comes back as -1 (varies), never 0
}

// The committed national-shape sample is what the exporter writes today
// (go test -update rewrites it).
func TestSampleDVCQGGolden(t *testing.T) {
	s, err := catalog.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	got, rep, err := ExportDVCQG(s)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(sampleDVCQG, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(sampleDVCQG)
	if err != nil {
		t.Fatalf("%v (run go test -update once)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the exporter writes today; run go test -update and review the diff", sampleDVCQG)
	}
	var fields []string
	for f := range rep.NotCarried {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	exp := append([]string(nil), notCarried...)
	sort.Strings(exp)
	if !reflect.DeepEqual(fields, exp) {
		t.Errorf("fields not carried:\n got %v\nwant %v", fields, exp)
	}
}

// Importing the committed file gives back the sample in every field the
// national format carries, with an empty import report, and every fee text
// (exemptions included) whole.
func TestSampleDVCQGRoundTrip(t *testing.T) {
	s, err := catalog.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(sampleDVCQG)
	if err != nil {
		t.Fatal(err)
	}
	f, rep, err := Import(DVCQG, sampleDVCQG, data, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Gaps() {
		var b strings.Builder
		rep.WriteText(&b)
		t.Errorf("the import report is not empty:\n%s", b.String())
	}
	if rep.Read != len(s.Procedures) || len(f.Procedures) != len(s.Procedures) {
		t.Fatalf("read %d, imported %d procedures; the sample has %d", rep.Read, len(f.Procedures), len(s.Procedures))
	}
	for i, want := range s.Procedures {
		got := f.Procedures[i]
		t.Run(want.Code, func(t *testing.T) {
			// Every fee and time text of the sample, methods' and cases', comes back whole.
			var fees, times strings.Builder
			for _, m := range got.Methods {
				fees.WriteString(m.Fee + "\n")
				times.WriteString(m.Time + "\n")
			}
			for _, m := range want.Methods {
				if !strings.Contains(fees.String(), m.Fee) || !strings.Contains(times.String(), m.Time) {
					t.Errorf("method %s: fee %q / time %q not kept whole in %q / %q", m.Method, m.Fee, m.Time, fees.String(), times.String())
				}
			}
			for _, c := range want.Cases {
				if !strings.Contains(fees.String(), c.Fee) || !strings.Contains(times.String(), c.Time) {
					t.Errorf("case %q: fee %q / time %q not kept whole in %q / %q", c.Name, c.Fee, c.Time, fees.String(), times.String())
				}
			}
			// The methods come back as they were, in order; the case times
			// and fees they did not say arrive as one more in-person channel.
			if n := len(got.Methods) - len(want.Methods); n < 0 || n > 1 || (n == 1 && got.Methods[len(got.Methods)-1].Method != "Trực tiếp") {
				t.Errorf("methods: got %+v for %+v", got.Methods, want.Methods)
			} else {
				for j, m := range want.Methods {
					if m.Method == "Bưu chính" {
						m.Method = channels["3"]
					}
					if m.FeeAmount == 0 || m.FeeAmount > 0 && !plainFee(m.Fee, m.FeeAmount) {
						m.FeeAmount = -1
					}
					if got.Methods[j] != m {
						t.Errorf("method %d: got %+v, want %+v", j, got.Methods[j], m)
					}
				}
			}
			if got.Source == "" || got.Updated != "2026-12-01" {
				t.Errorf("source %q, updated %q", got.Source, got.Updated)
			}
			if len(got.Unverified) != 0 {
				t.Errorf("unverified %v: the import found a gap", got.Unverified)
			}
			// Everything else is equal once the fields the national format
			// cannot carry are cleared on both sides.
			if a, b := carried(got), carried(want); !reflect.DeepEqual(a, b) {
				t.Errorf("carried fields differ:\n got %+v\nwant %+v", a, b)
			}
		})
	}
}

// plainFee: the fee text is just the amount and a unit, so SOTIEN carries it.
func plainFee(fee string, amount int64) bool {
	a := formatAmount(float64(amount), "", true)
	return fee == a || strings.HasPrefix(fee, a+" ")
}

// carried is p without the fields in notCarried (and without methods, compared apart).
func carried(p catalog.Procedure) catalog.Procedure {
	p.Source, p.SourceURL, p.Updated, p.Unverified = "", "", "", nil
	p.Names, p.Keywords, p.Popular, p.OnlineLevel, p.Forms = nil, nil, 0, "", nil
	p.Methods = nil
	cases := make([]catalog.DossierCase, len(p.Cases))
	for i, c := range p.Cases {
		c.Time, c.Fee, c.FeeAmount = "", "", 0
		docs := make([]catalog.Document, len(c.Documents))
		for j, d := range c.Documents {
			d.Obtain, d.Notes = "", ""
			docs[j] = d
		}
		c.Documents = docs
		cases[i] = c
	}
	p.Cases = cases
	return p
}
