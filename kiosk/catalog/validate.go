package catalog

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Problem is one validation finding, naming the record and field.
type Problem struct {
	Index int    `json:"index"`
	Code  string `json:"code"`
	Field string `json:"field"`
	Msg   string `json:"msg"`
}

func (p Problem) String() string {
	return fmt.Sprintf("procedure #%d (%s): %s: %s", p.Index+1, p.Code, p.Field, p.Msg)
}

// Problems is every finding of a file.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

var codeRe = regexp.MustCompile(`^[0-9]\.[0-9]{6}(\.[0-9A-Za-z]+)*$`)

var onlineLevels = map[string]bool{"": true, "toàn trình": true, "một phần": true}

// unverifiable names what an "unverified" note may point at: the JSON keys
// of a procedure, plus fee, time and documents inside its cases and methods.
var unverifiable = map[string]bool{
	"code": true, "name": true, "field": true, "level": true, "agency": true, "subjects": true, "steps": true,
	"methods": true, "cases": true, "result": true, "conditions": true, "legalBasis": true, "forms": true,
	"onlineLevel": true, "validity": true, "replacedBy": true, "fee": true, "time": true, "documents": true,
}

var validities = map[string]bool{"": true, "hiệu lực": true, "hết hiệu lực": true, "thay thế": true}

// Validate checks a whole list and returns every problem (nil when fine).
func Validate(ps []Procedure) Problems {
	var out Problems
	seen := map[string]int{}
	for i, p := range ps {
		add := func(field, format string, a ...any) {
			out = append(out, Problem{Index: i, Code: p.Code, Field: field, Msg: fmt.Sprintf(format, a...)})
		}
		if !codeRe.MatchString(p.Code) {
			add("code", "must look like 1.001193 or 1.001612.000.00.00.H48, got %q", p.Code)
		} else if j, dup := seen[p.Code]; dup {
			add("code", "duplicate of procedure #%d", j+1)
		}
		seen[p.Code] = i
		if strings.TrimSpace(p.Name) == "" {
			add("name", "must not be empty")
		}
		if strings.TrimSpace(p.Field) == "" {
			add("field", "must not be empty")
		}
		if strings.TrimSpace(p.Level) == "" {
			add("level", "must not be empty")
		}
		if len(p.Cases) == 0 {
			add("cases", "at least one case (the single document list when the procedure has no cases)")
		}
		for ci, c := range p.Cases {
			if strings.TrimSpace(c.Name) == "" {
				add(fmt.Sprintf("cases[%d].name", ci), "must not be empty")
			}
			for di, d := range c.Documents {
				if strings.TrimSpace(d.Name) == "" {
					add(fmt.Sprintf("cases[%d].documents[%d].name", ci, di), "must not be empty")
				}
				if d.Originals < 0 || d.Copies < 0 {
					add(fmt.Sprintf("cases[%d].documents[%d]", ci, di), "originals and copies cannot be negative")
				}
			}
			if c.FeeAmount < -1 {
				add(fmt.Sprintf("cases[%d].feeAmount", ci), "must be -1 (varies), 0 (free) or an amount in VND")
			}
			if c.FeeAmount > 0 && strings.TrimSpace(c.Fee) == "" {
				add(fmt.Sprintf("cases[%d].fee", ci), "a fee amount needs the published fee text beside it")
			}
		}
		for mi, m := range p.Methods {
			if strings.TrimSpace(m.Method) == "" {
				add(fmt.Sprintf("methods[%d].method", mi), "must not be empty")
			}
			if m.FeeAmount < -1 {
				add(fmt.Sprintf("methods[%d].feeAmount", mi), "must be -1 (varies), 0 (free) or an amount in VND")
			}
			if m.FeeAmount > 0 && strings.TrimSpace(m.Fee) == "" {
				add(fmt.Sprintf("methods[%d].fee", mi), "a fee amount needs the published fee text beside it")
			}
		}
		if !onlineLevels[p.OnlineLevel] {
			add("onlineLevel", "must be \"toàn trình\", \"một phần\" or empty, got %q", p.OnlineLevel)
		}
		if !validities[p.Validity] {
			add("validity", "must be \"hiệu lực\", \"hết hiệu lực\" or \"thay thế\", got %q", p.Validity)
		}
		if p.Validity == "thay thế" && p.ReplacedBy == "" {
			add("replacedBy", "required when validity is \"thay thế\"")
		} else if p.ReplacedBy != "" && !codeRe.MatchString(p.ReplacedBy) {
			add("replacedBy", "must be a procedure code, got %q", p.ReplacedBy)
		}
		for _, u := range p.Unverified {
			if !unverifiable[u] {
				add("unverified", "%q is not a field name (use code, fee, time, documents, level, agency, …)", u)
			}
		}
		if strings.TrimSpace(p.Source) == "" {
			add("source", "must name where the entry comes from")
		}
		if _, err := time.Parse("2006-01-02", p.Updated); err != nil {
			add("updated", "must be a date YYYY-MM-DD, got %q", p.Updated)
		}
	}
	return out
}
