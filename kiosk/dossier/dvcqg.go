package dossier

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// DVCQG asks the national public-service interface: POST {URL} with
// {"service":"TraCuuHoSo","MaHoSo":"…"}, answered {"result":[{MaHoSo,
// MaTTHC, SoBienNhan, ChuHoSo, NgayTiepNhan, NgayHenTra, NgayTra,
// TrangThaiHoSo, …}]} with dates as yyyyMMddHHmmss in Asia/Ho_Chi_Minh.
type DVCQG struct {
	URL     string        // the interface's endpoint for this province
	Token   string        // the province's access token
	Timeout time.Duration // one lookup's deadline (DefaultTimeout when 0)
	HTTP    *http.Client
	Now     func() time.Time
	// Procedures names a procedure by its code (MaTTHC), e.g. from the
	// catalog; nil or "" falls back to the dossier's summary.
	Procedures func(code string) string
}

type dvcqgDossier struct {
	MaHoSo        string `json:"MaHoSo"`
	MaTTHC        string `json:"MaTTHC"`
	SoBienNhan    string `json:"SoBienNhan"`
	ChuHoSo       string `json:"ChuHoSo"`
	TrichYeuHoSo  string `json:"TrichYeuHoSo"`
	NgayTiepNhan  string `json:"NgayTiepNhan"`
	NgayHenTra    string `json:"NgayHenTra"`
	NgayTra       string `json:"NgayTra"`
	TrangThaiHoSo any    `json:"TrangThaiHoSo"` // "4" or 4
	DonViXuLy     string `json:"DonViXuLy"`
}

// Find implements Lookup.
func (d *DVCQG) Find(ctx context.Context, code string) (Status, error) {
	code, err := NormalizeCode(code)
	if err != nil {
		return Status{}, err
	}
	if d.URL == "" {
		return Status{}, fmt.Errorf("%w: dvcqg needs url", ErrNotConfigured)
	}
	body, err := get(ctx, d.HTTP, d.Timeout, func(ctx context.Context) (*http.Request, error) {
		b, _ := json.Marshal(map[string]string{"service": "TraCuuHoSo", "MaHoSo": code})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		if d.Token != "" {
			req.Header.Set("Authorization", "Bearer "+d.Token)
		}
		return req, nil
	})
	if err != nil {
		return Status{}, err
	}
	var ans struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return Status{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	var list []dvcqgDossier
	r := bytes.TrimSpace(ans.Result)
	switch {
	case len(r) == 0 || string(r) == "null":
		return Status{}, ErrNotFound
	case r[0] == '[':
		if err := json.Unmarshal(r, &list); err != nil {
			return Status{}, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
	case r[0] == '{':
		var one dvcqgDossier
		if err := json.Unmarshal(r, &one); err != nil {
			return Status{}, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		list = []dvcqgDossier{one}
	default:
		return Status{}, fmt.Errorf("%w: result is neither a list nor an object", ErrMalformed)
	}
	for _, h := range list {
		if strings.EqualFold(strings.TrimSpace(h.MaHoSo), code) || strings.EqualFold(strings.TrimSpace(h.SoBienNhan), code) {
			return d.status(h), nil
		}
	}
	return Status{}, ErrNotFound
}

// dvcqgStep maps TrangThaiHoSo to plain words. The code list (1 new …
// 10 handed over) is the one provincial systems send when they sync
// dossiers to the national portal; it is not in FACTS.md and is
// unverified: an unknown code reads as "in progress, ask a counter".
func dvcqgStep(code string) (Text, bool) {
	switch code {
	case "1", "2":
		return StepReceived, false
	case "4", "6":
		return StepProcessing, false
	case "5":
		return StepSupplement, false
	case "3", "7", "8":
		return StepRejected, false
	case "9":
		return StepReady, true
	case "10":
		return StepReturned, false
	}
	return StepUnknown, false
}

func (d *DVCQG) status(h dvcqgDossier) Status {
	st := Status{Code: strings.TrimSpace(h.MaHoSo), Owner: MaskName(h.ChuHoSo),
		ReceivedAt: parseTime(h.NgayTiepNhan), AppointmentAt: parseTime(h.NgayHenTra), CompletedAt: parseTime(h.NgayTra)}
	if d.Procedures != nil {
		st.Procedure = d.Procedures(h.MaTTHC)
	}
	if st.Procedure == "" {
		st.Procedure = strings.TrimSpace(h.TrichYeuHoSo)
	}
	if st.Procedure == "" && h.MaTTHC != "" {
		st.Procedure = "Thủ tục " + h.MaTTHC
	}
	st.Step, st.Ready = dvcqgStep(strings.TrimSpace(fmt.Sprint(h.TrangThaiHoSo)))
	if st.Ready {
		st.CollectAt = CollectCounter
		if h.DonViXuLy != "" {
			st.CollectAt = Text{VI: "Bộ phận trả kết quả, " + h.DonViXuLy, EN: "Results desk, " + h.DonViXuLy}
		}
	}
	now := time.Now
	if d.Now != nil {
		now = d.Now
	}
	st.markOverdue(now())
	return st
}
