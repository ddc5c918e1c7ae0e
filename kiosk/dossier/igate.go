package dossier

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// IGate asks a province's VNPT iGate one-stop system:
// GET {BaseURL}/pa/dossier-search/dvc?code=…&spec=slice with the
// province's token. Each province has its own API host and login realm.
type IGate struct {
	BaseURL string        // the province's API host, e.g. "https://apiigate.example.gov.vn"
	Realm   string        // the province's login realm (the token is issued in it)
	Token   string        // bearer token for the dossier search
	Timeout time.Duration // one lookup's deadline (DefaultTimeout when 0)
	HTTP    *http.Client
	Now     func() time.Time
}

// igateDossier is the part of an iGate dossier the kiosk reads.
type igateDossier struct {
	Code      string `json:"code"`
	Applicant struct {
		Data struct {
			Fullname string `json:"fullname"`
		} `json:"data"`
	} `json:"applicant"`
	Procedure struct {
		Translate []struct {
			LanguageID any    `json:"languageId"`
			Name       string `json:"name"`
		} `json:"translate"`
	} `json:"procedure"`
	StatusCurrentTask json.RawMessage `json:"statusCurrentTask"`
	AppliedDate       string          `json:"appliedDate"`
	AppointmentDate   string          `json:"appointmentDate"`
	CompletedDate     string          `json:"completedDate"`
}

// Find implements Lookup.
func (g *IGate) Find(ctx context.Context, code string) (Status, error) {
	code, err := NormalizeCode(code)
	if err != nil {
		return Status{}, err
	}
	if g.BaseURL == "" || g.Token == "" {
		return Status{}, fmt.Errorf("%w: iGate needs base_url and token", ErrNotConfigured)
	}
	body, err := get(ctx, g.HTTP, g.Timeout, func(ctx context.Context) (*http.Request, error) {
		u := strings.TrimRight(g.BaseURL, "/") + "/pa/dossier-search/dvc?code=" + url.QueryEscape(code) + "&spec=slice"
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+g.Token)
		req.Header.Set("Accept", "application/json")
		return req, nil
	})
	if err != nil {
		return Status{}, err
	}
	list, err := igateList(body)
	if err != nil {
		return Status{}, err
	}
	for _, d := range list {
		if strings.EqualFold(strings.TrimSpace(d.Code), code) {
			return g.status(d), nil
		}
	}
	return Status{}, ErrNotFound
}

// igateList reads a slice page ({"content":[…]}), a bare list or one dossier.
func igateList(body []byte) ([]igateDossier, error) {
	var probe any
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	var list []igateDossier
	switch v := probe.(type) {
	case []any:
		if err := json.Unmarshal(body, &list); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
	case map[string]any:
		if _, ok := v["content"]; ok {
			var page struct {
				Content []igateDossier `json:"content"`
			}
			if err := json.Unmarshal(body, &page); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
			}
			list = page.Content
		} else if _, ok := v["code"]; ok {
			var d igateDossier
			if err := json.Unmarshal(body, &d); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
			}
			list = []igateDossier{d}
		} else {
			return nil, fmt.Errorf("%w: neither content nor code in the answer", ErrMalformed)
		}
	default:
		return nil, fmt.Errorf("%w: the answer is not an object or a list", ErrMalformed)
	}
	return list, nil
}

// taskName reads statusCurrentTask: a string, or an object with name or translate[].name.
func taskName(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var o struct {
		Name      string `json:"name"`
		Translate []struct {
			Name string `json:"name"`
		} `json:"translate"`
	}
	if json.Unmarshal(raw, &o) == nil {
		if o.Name != "" {
			return o.Name
		}
		if len(o.Translate) > 0 {
			return o.Translate[0].Name
		}
	}
	return ""
}

func (g *IGate) status(d igateDossier) Status {
	st := Status{Code: strings.TrimSpace(d.Code), Owner: MaskName(d.Applicant.Data.Fullname),
		ReceivedAt: parseTime(d.AppliedDate), AppointmentAt: parseTime(d.AppointmentDate), CompletedAt: parseTime(d.CompletedDate)}
	if len(d.Procedure.Translate) > 0 {
		st.Procedure = d.Procedure.Translate[0].Name
	}
	task := strings.TrimSpace(taskName(d.StatusCurrentTask))
	low := strings.ToLower(task)
	switch {
	case st.CompletedAt != nil:
		st.Step, st.Ready = StepReady, true
	case strings.Contains(low, "bổ sung"):
		st.Step = StepSupplement
	case strings.Contains(low, "trả kết quả"):
		st.Step, st.Ready = StepReady, true
	case task != "":
		st.Step = Text{VI: StepProcessing.VI + ": " + task, EN: StepProcessing.EN}
	default:
		st.Step = StepProcessing
	}
	if st.Ready {
		st.CollectAt = CollectCounter
	}
	now := time.Now
	if g.Now != nil {
		now = g.Now
	}
	st.markOverdue(now())
	return st
}
