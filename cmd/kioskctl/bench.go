package main

import (
	"fmt"
	"io"
	"sort"
	"time"
)

func init() {
	register("bench", "measure: kioskctl bench search|all", subcommands("bench", benchSubs))
}

// benchSubs lists the benchmarks; each prints its figures and the baseline
// it is compared with in the same run.
var benchSubs = map[string]func([]string, io.Writer, io.Writer) int{
	"search": benchSearch,
}

func init() { benchSubs["all"] = benchAll }

func benchAll(args []string, stdout, stderr io.Writer) int {
	names := make([]string, 0, len(benchSubs))
	for n := range benchSubs {
		if n != "all" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	code := 0
	for _, n := range names {
		fmt.Fprintf(stdout, "== bench %s\n", n)
		if c := benchSubs[n](nil, stdout, stderr); c != 0 {
			code = c
		}
	}
	return code
}

// percentile of sorted durations.
func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	i := int(p*float64(len(d)-1) + 0.5)
	return d[i]
}

func us(d time.Duration) string { return fmt.Sprintf("%.1f µs", float64(d.Nanoseconds())/1000) }
