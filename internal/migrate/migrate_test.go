package migrate

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	cases := []struct {
		name  string
		files []string
		want  string // versions in order, or the error's text
	}{
		{"ordered by number", []string{"0002_b.sql", "0010_c.sql", "0001_a.sql"}, "1 2 10"},
		{"bad name", []string{"0001_a.sql", "second.sql"}, "name must be NNNN_name.sql"},
		{"not sql", []string{"0001_a.txt"}, "name must be NNNN_name.sql"},
		{"shared number", []string{"0003_a.sql", "0003_b.sql"}, "share number 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range c.files {
				fsys["m/"+f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
			}
			ms, err := Load(fsys, "m")
			var got []string
			for _, m := range ms {
				got = append(got, strings.TrimLeft(m.Name[:4], "0"))
			}
			if err != nil {
				if !strings.Contains(err.Error(), c.want) {
					t.Fatalf("err %v, want %q", err, c.want)
				}
				return
			}
			if strings.Join(got, " ") != c.want {
				t.Fatalf("order %v, want %s", got, c.want)
			}
		})
	}
}
