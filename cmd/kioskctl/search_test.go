package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Every result the CLI lists names the query words it matched; a procedure
// that matched none ("Đổi giấy phép lái xe" for "ly lich", through its
// agency "quản lý") is not listed.
func TestSearchMatchedWords(t *testing.T) {
	for q, unwanted := range map[string]string{"ly lich": "1.002804", "ket hon": "2.000635", "khai tu": "2.000815"} {
		var out, errb bytes.Buffer
		if code := dispatch([]string{"search", "--json", "--limit", "20", q}, &out, &errb); code != 0 {
			t.Fatalf("%q: exit %d: %s", q, code, errb.String())
		}
		var rs []struct {
			Code  string   `json:"code"`
			Name  string   `json:"name"`
			Words []string `json:"words"`
		}
		if err := json.Unmarshal(out.Bytes(), &rs); err != nil || len(rs) == 0 {
			t.Fatalf("%q: %s %v", q, out.String(), err)
		}
		for _, r := range rs {
			if len(r.Words) == 0 || r.Code == unwanted {
				t.Errorf("%q: listed %s %q with words %v", q, r.Code, r.Name, r.Words)
			}
		}
		out.Reset()
		if code := dispatch([]string{"search", q}, &out, &errb); code != 0 || strings.Count(out.String(), "matched: ") != len(rs) || strings.Contains(out.String(), "matched: \n") {
			t.Errorf("%q: text output %s", q, out.String())
		}
	}
}
