package importer

import (
	"bytes"
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// obj is one JSON object of a source record. Keys match case-insensitively
// (portals re-serve the national fields as MaTTHC, TenTTHC, …); every key
// not taken by the mapping is counted as unmapped when the object is done.
type obj struct {
	path string // e.g. THANHPHANHOSO[].GIAYTO[]; "" for a procedure
	code string // procedure code, for notes
	m    map[string]json.RawMessage
	used map[string]bool
	rep  *Report
}

func asObj(raw json.RawMessage, path, code string, rep *Report) (*obj, bool) {
	var m map[string]json.RawMessage
	if kind(raw) != "object" || json.Unmarshal(raw, &m) != nil {
		return nil, false
	}
	o := &obj{path: path, code: code, m: make(map[string]json.RawMessage, len(m)), used: map[string]bool{}, rep: rep}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		u := strings.ToUpper(strings.TrimSpace(k))
		if _, dup := o.m[u]; dup {
			rep.note(code, "%s given twice in different cases; kept %q", o.field(u), k)
		}
		o.m[u] = m[k]
	}
	return o, true
}

func (o *obj) field(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

// take returns the raw value of key (nil when absent) and marks it used.
func (o *obj) take(key string) json.RawMessage {
	o.used[key] = true
	return o.m[key]
}

// str is the text of a scalar value; any other type is noted and left out.
func (o *obj) str(key string) string {
	raw := o.take(key)
	s, ok := scalarText(raw)
	if !ok {
		o.rep.note(o.code, "%s: expected text, got %s; left out", o.field(key), kind(raw))
	}
	return s
}

// objs returns the objects under key: an array of objects, or one object
// where a feed gives a single one. Other elements are noted and left out.
func (o *obj) objs(key string) []*obj {
	var out []*obj
	for _, el := range elements(o.take(key)) {
		if c, ok := asObj(el, o.field(key)+"[]", o.code, o.rep); ok {
			out = append(out, c)
		} else if !empty(el) {
			o.rep.note(o.code, "%s: expected an object, got %s; left out", o.field(key), kind(el))
		}
	}
	return out
}

// texts returns the texts under key: one string, an array of strings, or
// objects whose text is under one of the nameKeys (the others are unmapped).
func (o *obj) texts(key string, nameKeys ...string) []string {
	var out []string
	for _, el := range elements(o.take(key)) {
		if s, ok := scalarText(el); ok {
			if s != "" {
				out = append(out, s)
			}
			continue
		}
		c, ok := asObj(el, o.field(key)+"[]", o.code, o.rep)
		if !ok {
			o.rep.note(o.code, "%s: expected text, got %s; left out", o.field(key), kind(el))
			continue
		}
		for _, nk := range nameKeys {
			if _, has := c.m[nk]; has {
				if s := c.str(nk); s != "" {
					out = append(out, s)
				}
				break
			}
		}
		c.done()
	}
	return out
}

// done counts every non-empty key nobody took as unmapped.
func (o *obj) done() {
	keys := make([]string, 0, len(o.m))
	for k := range o.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !o.used[k] && !empty(o.m[k]) {
			o.rep.unmapped(o.field(k))
		}
	}
}

// kind names a JSON value's type for messages.
func kind(raw json.RawMessage) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "text"
	case 't', 'f':
		return "true/false"
	case 'n':
		return "null"
	}
	return "number"
}

// empty is null, "", [] or {} (or absent).
func empty(raw json.RawMessage) bool {
	t := string(bytes.TrimSpace(raw))
	switch t {
	case "", "null", `""`, "[]", "{}":
		return true
	}
	if kind(raw) == "text" {
		var s string
		return json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) == ""
	}
	return false
}

// elements is an array's elements, a single non-null value as one, or none.
func elements(raw json.RawMessage) []json.RawMessage {
	switch kind(raw) {
	case "nothing", "null":
		return nil
	case "array":
		var els []json.RawMessage
		if json.Unmarshal(raw, &els) == nil {
			return els
		}
		return nil
	}
	return []json.RawMessage{raw}
}

// scalarText is the text of a string, number or boolean (surrounding space
// trimmed, nothing else changed); "" and true for null or absent.
func scalarText(raw json.RawMessage) (string, bool) {
	switch kind(raw) {
	case "nothing", "null":
		return "", true
	case "text":
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false
		}
		return strings.TrimSpace(s), true
	case "number", "true/false":
		return string(bytes.TrimSpace(raw)), true
	}
	return "", false
}

var (
	viThousands = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{3})+$`)
	viDecimal   = regexp.MustCompile(`^[0-9]+,[0-9]+$`)
)

// number reads a number given as a JSON number or as text ("5", "400.000",
// "0,5"); ok is false for anything else (text is then the value as given).
func number(raw json.RawMessage) (v float64, text string, isNum bool, ok bool) {
	text, isText := scalarText(raw)
	if !isText || text == "" {
		return 0, text, false, false
	}
	isNum = kind(raw) == "number"
	s := text
	switch {
	case viThousands.MatchString(s):
		s = strings.ReplaceAll(s, ".", "")
	case viDecimal.MatchString(s):
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, text, isNum, err == nil
}
