package render

import "github.com/tracetui/tracetui/trace"

// SearchReport is what `search --format json` writes: one entry per
// matching trace, in the store's order, with what the store said about it
// (counts are null when the store did not say).
type SearchReport struct {
	Source string        `json:"source"`
	Traces []SearchTrace `json:"traces"`
}

// SearchTrace is one search result.
type SearchTrace struct {
	TraceID     string   `json:"trace_id"`
	RootService string   `json:"root_service"`
	RootName    string   `json:"root_name"`
	Start       string   `json:"start,omitempty"`
	DurationMS  *float64 `json:"duration_ms"` // null when no span of the trace is timed (list shows "untimed") or its end is open
	// DurationAtLeastMS is the lower bound on the duration of a trace whose
	// end is open (list shows "≥30.0 ms"); absent else.
	DurationAtLeastMS *float64 `json:"duration_at_least_ms,omitempty"`
	SpanCount         *int     `json:"span_count"`
	ErrorCount        *int     `json:"error_count"`
	Services          []string `json:"services"`
}

// SearchJSON encodes search results for scripts.
func SearchJSON(source string, results []trace.Summary) ([]byte, error) {
	rep := SearchReport{Source: source, Traces: make([]SearchTrace, 0, len(results))}
	for _, s := range results {
		t := SearchTrace{TraceID: s.ID, RootService: s.RootService, RootName: s.RootName,
			Services: s.Services}
		switch {
		case s.EndUnknown:
			t.DurationAtLeastMS = finite(ms(s.Duration))
		case ListDuration(s, Unicode) != "untimed":
			t.DurationMS = finite(ms(s.Duration))
		}
		if s.Start != 0 {
			t.Start = StartTime(s.Start, nil)
		}
		if s.Spans >= 0 {
			t.SpanCount = &s.Spans
		}
		if s.Errors >= 0 {
			t.ErrorCount = &s.Errors
		}
		if t.Services == nil {
			t.Services = []string{}
		}
		rep.Traces = append(rep.Traces, t)
	}
	return marshalJSON(rep)
}
