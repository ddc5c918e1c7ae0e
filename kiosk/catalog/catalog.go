// Package catalog is the procedure catalog (thủ tục hành chính), modelled on
// the national procedure database: code, name, field, level, agency, steps,
// methods with time and fee, cases with their own documents, and the rest.
// It validates whole files before anything is imported and stores them in
// one transaction, so a broken file never replaces a working catalog.
package catalog

import "time"

// Procedure is one administrative procedure.
type Procedure struct {
	Code        string        `json:"code"`                  // short "1.001193" or full "1.001193.000.00.00.H48"
	Name        string        `json:"name"`                  // Tên thủ tục
	Field       string        `json:"field"`                 // Lĩnh vực
	Level       string        `json:"level"`                 // Cấp thực hiện: kept as a value (trung ương/tỉnh/huyện/xã)
	Agency      string        `json:"agency"`                // Cơ quan thực hiện
	Subjects    []string      `json:"subjects,omitempty"`    // Đối tượng thực hiện
	Steps       []string      `json:"steps,omitempty"`       // Trình tự thực hiện
	Methods     []Method      `json:"methods,omitempty"`     // Cách thức thực hiện
	Cases       []DossierCase `json:"cases"`                 // Thành phần hồ sơ, per trường hợp (one case when there are none)
	Result      string        `json:"result,omitempty"`      // Kết quả thực hiện
	Conditions  []string      `json:"conditions,omitempty"`  // Điều kiện
	LegalBasis  []string      `json:"legalBasis,omitempty"`  // Căn cứ pháp lý
	Forms       []Form        `json:"forms,omitempty"`       // Mẫu đơn, tờ khai
	OnlineLevel string        `json:"onlineLevel,omitempty"` // "toàn trình" | "một phần" | ""
	Validity    string        `json:"validity,omitempty"`    // "hiệu lực" | "hết hiệu lực" | "thay thế"
	ReplacedBy  string        `json:"replacedBy,omitempty"`  // code of the replacing procedure
	Names       []string      `json:"names,omitempty"`       // everyday names ("sổ đỏ", "làm căn cước")
	Keywords    []string      `json:"keywords,omitempty"`    // abbreviations and search words (LLTP, GCN)
	Popular     int           `json:"popular,omitempty"`     // rank among popular procedures (1 = most), 0 = not
	Source      string        `json:"source"`
	SourceURL   string        `json:"sourceUrl,omitempty"`
	Updated     string        `json:"updated"`              // YYYY-MM-DD
	Unverified  []string      `json:"unverified,omitempty"` // fields not checked against the source: "code", "fee", "time", "documents"
}

// Method is one way to submit (trực tiếp / trực tuyến / bưu chính).
type Method struct {
	Method    string `json:"method"`
	Time      string `json:"time"`
	Fee       string `json:"fee"`
	FeeAmount int64  `json:"feeAmount"` // VND when a fixed amount, 0 = free, -1 = varies
}

// DossierCase is one trường hợp (a case of the dossier) with its own documents, time and fee.
type DossierCase struct {
	Name      string     `json:"name"`
	Time      string     `json:"time,omitempty"`
	Fee       string     `json:"fee,omitempty"`
	FeeAmount int64      `json:"feeAmount,omitempty"`
	Documents []Document `json:"documents"`
}

// Document is one paper of the dossier.
type Document struct {
	Name      string `json:"name"`
	Originals int    `json:"originals,omitempty"` // bản chính
	Copies    int    `json:"copies,omitempty"`    // bản sao
	Form      string `json:"form,omitempty"`      // form name/number to fill in
	FormURL   string `json:"formUrl,omitempty"`
	Obtain    string `json:"obtain,omitempty"` // where to get it
	Notes     string `json:"notes,omitempty"`
}

// Form is a downloadable form.
type Form struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// File is the JSON import format (docs/catalog-format.md, docs/catalog.schema.json).
type File struct {
	Format     string      `json:"format"` // "motcua-catalog/1"
	Title      string      `json:"title"`
	Sample     bool        `json:"sample,omitempty"`
	Procedures []Procedure `json:"procedures"`
}

// FormatID is the current file format.
const FormatID = "motcua-catalog/1"

// FeeAmount is the fixed fee of the first case or method, 0 if free or varying.
func (p Procedure) FeeAmount() int64 {
	for _, c := range p.Cases {
		if c.FeeAmount > 0 {
			return c.FeeAmount
		}
	}
	for _, m := range p.Methods {
		if m.FeeAmount > 0 {
			return m.FeeAmount
		}
	}
	return 0
}

// Stale reports whether the entry was last updated more than maxAge ago.
func (p Procedure) Stale(now time.Time, maxAge time.Duration) bool {
	t, err := time.Parse("2006-01-02", p.Updated)
	return err != nil || now.Sub(t) > maxAge
}
