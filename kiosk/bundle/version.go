package bundle

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrUnorderedVersion: a version that CompareVersions cannot order.
var ErrUnorderedVersion = errors.New("version cannot be ordered")

// CompareVersions orders two bundle versions for rollback protection. A
// version is one or more dot-separated decimal numbers ("7", "2026.12",
// "2026.12.3"); they compare field by field as integers, a missing field
// counting as 0 (so "2026.12" equals "2026.12.0" and "2026.10" is newer than
// "2026.9"). Anything else (letters, "-rc1", a leading "v") cannot be
// ordered and is an error: a kiosk refuses what it cannot prove newer.
// The result is -1, 0 or +1 as a is older than, equal to or newer than b.
func CompareVersions(a, b string) (int, error) {
	fa, err := versionFields(a)
	if err != nil {
		return 0, err
	}
	fb, err := versionFields(b)
	if err != nil {
		return 0, err
	}
	for i := 0; i < max(len(fa), len(fb)); i++ {
		var x, y uint64
		if i < len(fa) {
			x = fa[i]
		}
		if i < len(fb) {
			y = fb[i]
		}
		switch {
		case x < y:
			return -1, nil
		case x > y:
			return 1, nil
		}
	}
	return 0, nil
}

func versionFields(v string) ([]uint64, error) {
	parts := strings.Split(v, ".")
	out := make([]uint64, 0, len(parts))
	for _, p := range parts {
		if p == "" || strings.TrimLeft(p, "0123456789") != "" {
			return nil, fmt.Errorf("%w: %q: want dot-separated numbers such as 2026.12.1", ErrUnorderedVersion, v)
		}
		n, err := strconv.ParseUint(p, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: %q: %v", ErrUnorderedVersion, v, err)
		}
		out = append(out, n)
	}
	return out, nil
}
