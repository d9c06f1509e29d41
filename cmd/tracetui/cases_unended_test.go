package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// Kind: spans with a start but no usable end. What ran after such a span
// started and no timed span covers is unknown: never its parent's self
// time, never the reason the parent is the bottleneck, never a gap; print
// says how much of the path it is and after whose start.
func TestUnendedSpansLeaveTheirParentsLaterTimeUnknown(t *testing.T) {
	for _, c := range []struct {
		file  string
		trace int
		want  []string // lines of print's diagnosis and findings
		path  []pathEntry
		not   []string
	}{
		// Case 14: the broken sleep started at 10 ms; tick's time after it
		// may be the sleep's. Before, tick was the bottleneck (20 ms self)
		// with a 15 ms gap. Two spans are named sleep: the broken one is
		// named by its span ID too.
		{"14-otlp-end-before-start.json", 0,
			[]string{"bottleneck: scheduler persist 20.0 ms on the critical path of 40.0 ms (50%), self 20.0 ms",
				"unknown: 10.0 ms of the critical path of 40.0 ms (25%), after scheduler sleep (span 1400000000000002) started (ends before it starts)",
				"gap        scheduler tick: 10.0 ms with no child span (before its first child)"},
			[]pathEntry{{"tick", 10, 10}, {"persist", 20, 20}}, []string{"bottleneck: scheduler tick"}},
		// Case 12: spans with no start say nothing about when they ran:
		// nothing is unknown because of them.
		{"12-zipkin-missing-timestamps.json", 0,
			[]string{"bottleneck: frontend post /render 300 ms on the critical path of 500 ms (60%), self 300 ms"},
			[]pathEntry{{"get /report", 200, 200}, {"post /render", 300, 300}}, []string{"unknown:"}},
		// Made for tracetui: charge card (a client call) and cache get
		// (under load cart) have no end. Before, POST /checkout was the
		// bottleneck with 650 ms of self time and a 600 ms gap "after
		// POST /charge".
		{"otlp-unended-spans.json", 0,
			[]string{"bottleneck: payments POST /charge 250 ms on the critical path of 1.00 s (25%), self 250 ms",
				"unknown: 700 ms of the critical path of 1.00 s (70%), after checkout charge card started (no end time) and 1 more span with no usable end"},
			[]pathEntry{{"POST /checkout", 0, 0}, {"load cart", 50, 50}, {"POST /charge", 250, 250}}, []string{"gap ", "bottleneck: checkout"}},
		// Made for tracetui: the root, a nightly job, has no end; the
		// stretch between its children is unknown, not a hole.
		{"otlp-unended-spans.json", 1,
			[]string{"bottleneck: exporter dump table 400 ms on the critical path of 900 ms (44%), self 400 ms",
				"unknown: 200 ms of the critical path of 900 ms (22%), after exporter nightly export started (no end time)"},
			[]pathEntry{{"dump table", 400, 400}, {"upload", 300, 300}}, nil},
	} {
		t.Run(c.file, func(t *testing.T) {
			r := runCLI(t, nil, false, "print", "--width", "300", caseFile(c.file))
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			text := strings.Split(r.stdout, "\ntrace ")[c.trace]
			for _, w := range c.want {
				if !strings.Contains(text, w+"\n") {
					t.Errorf("print lacks %q:\n%s", w, text)
				}
			}
			for _, bad := range c.not {
				if strings.Contains(text, bad) {
					t.Errorf("print shows %q:\n%s", bad, text)
				}
			}
			tr := jsonReport(t, caseFile(c.file)).Traces[c.trace]
			if len(tr.CriticalPath) != len(c.path) {
				t.Fatalf("critical path %+v, want %+v", tr.CriticalPath, c.path)
			}
			for k, e := range tr.CriticalPath {
				if e != c.path[k] {
					t.Errorf("entry %d = %+v, want %+v", k, e, c.path[k])
				}
			}
		})
	}
}

// The JSON report lists the unknown time per unended span, most first.
func TestUnknownTimeInTheJSONReport(t *testing.T) {
	r := runCLI(t, nil, false, "print", "--format", "json", caseFile("otlp-unended-spans.json"))
	type unknown struct {
		AfterSpanID string  `json:"after_span_id"`
		Name        string  `json:"name"`
		Why         string  `json:"why"`
		PathMS      float64 `json:"path_ms"`
	}
	var rep struct {
		Traces []struct {
			Unknown []unknown `json:"unknown"`
		} `json:"traces"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || len(rep.Traces) != 2 {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	want := []unknown{{"c000000000000004", "charge card", "no end time", 650}, {"c000000000000003", "cache get", "no end time", 50}}
	if !slices.Equal(rep.Traces[0].Unknown, want) {
		t.Errorf("unknown %+v, want %+v", rep.Traces[0].Unknown, want)
	}
	if got := rep.Traces[1].Unknown; len(got) != 1 || got[0].Name != "nightly export" || got[0].PathMS != 200 {
		t.Errorf("unknown %+v, want nightly export 200 ms", got)
	}
	r = runCLI(t, nil, false, "print", "--format", "json", caseFile("12-zipkin-missing-timestamps.json"))
	if strings.Contains(r.stdout, `"unknown"`) {
		t.Errorf("spans with no start made unknown time:\n%s", r.stdout)
	}
}
