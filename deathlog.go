package main

import "time"

// deathLog counts the web process's deaths within a sliding window
// (webview_linux.go). Not safe for concurrent use.
type deathLog struct {
	max    int           // more deaths than this within window is a loop
	window time.Duration // how far back deaths count
	at     []time.Time
}

// add records a death at now and returns how many fall within the window,
// and whether that is more than max.
func (d *deathLog) add(now time.Time) (n int, loop bool) {
	kept := d.at[:0]
	for _, t := range d.at {
		if now.Sub(t) < d.window {
			kept = append(kept, t)
		}
	}
	d.at = append(kept, now)
	return len(d.at), len(d.at) > d.max
}
