package serialport

import (
	"runtime"
	"strings"
	"testing"
)

func TestListNamesLookLikePorts(t *testing.T) {
	for _, p := range List() {
		if runtime.GOOS != "windows" && !strings.HasPrefix(p, "/dev/") {
			t.Errorf("odd port name %q", p)
		}
	}
}
