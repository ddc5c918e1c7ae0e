package reader

import (
	"time"

	"github.com/motcua/kiosk/config"
)

// OptionsFrom maps the [reader] config section to assembly options.
func OptionsFrom(c config.Reader) Options {
	return Options{
		Mode:         Mode(c.Mode),
		Terminator:   Terminator(c.Terminator),
		FrameTimeout: time.Duration(c.FrameTimeoutMS) * time.Millisecond,
	}
}
