package render

import "fmt"

// LiveCounts is what a live receiver reports in its status line.
type LiveCounts struct {
	Received      int64   // spans accepted since start
	Rate          float64 // spans per second over the last second
	Traces        int
	Logs          int64
	EvictedTraces int64
	Addrs         string // where the receiver listens
}

// LiveStatus is the status line of the live view.
func LiveStatus(c LiveCounts) string {
	s := fmt.Sprintf("live · %s received · %.0f spans/s · %s · %s",
		Plural(c.Received, "span"), c.Rate, Plural(c.Traces, "trace"), c.Addrs)
	if c.Logs > 0 {
		s += " · " + Plural(c.Logs, "log")
	}
	if c.EvictedTraces > 0 {
		s += fmt.Sprintf(" · %s evicted (--max-spans)", Plural(c.EvictedTraces, "old trace"))
	}
	return s
}
