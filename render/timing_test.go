package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// detailLines is the explorer's details pane for each span of a trace, by name.
func detailLines(t *testing.T, spans []trace.Span) map[string]string {
	t.Helper()
	tr := trace.Build(&trace.Trace{Spans: spans})
	a := trace.Analyze(tr)
	out := map[string]string{}
	for i := int32(0); i < int32(len(spans)); i++ {
		out[tr.Span(i).Name] += strings.Join(Details(tr, a, i, Options{Width: 100}), "\n") + "\n"
	}
	return out
}

// none is a time the producer did not record (0 in the data).
const none = -1

// timedSpan makes a span with times in msec from t0, or none.
func timedSpan(id, parent byte, name string, start, end int64) trace.Span {
	s := trace.Span{Name: name}
	s.SpanID[7], s.ParentID[7] = id, parent
	if start != none {
		s.Start = t0 + start*msec
	}
	if end != none {
		s.End = t0 + end*msec
	}
	return s
}

// Kind 4 in the explorer: an untimed span's details say which time is
// missing, never a 1970 date, a negative offset or a 0 ns self time; its
// events are timed from the trace's start.
func TestDetailsOfUntimedSpans(t *testing.T) {
	flush := timedSpan(3, 1, "flush", none, none)
	flush.Events = []trace.Event{{Time: t0 + 120*msec, Name: "flushed"}}
	d := detailLines(t, []trace.Span{timedSpan(1, 0, "root", 0, 500), timedSpan(2, 1, "sleep", 10, 7), flush, timedSpan(4, 1, "late", 20, none)})
	for name, want := range map[string][]string{
		"flush": {"start: unknown (no start time)", "duration: unknown (no start time)", "self time: unknown", "warning: no start time", "+120 ms: flushed"},
		"sleep": {"start: +10.0 ms (", "duration: unknown (ends before it starts)", "self time: unknown"},
		"late":  {"start: +20.0 ms (", "duration: unknown (no end time)"},
	} {
		for _, w := range want {
			if !strings.Contains(d[name], w) {
				t.Errorf("%s: details lack %q:\n%s", name, w, d[name])
			}
		}
		for _, bad := range []string{"1970", "+-", "h00m", "critical"} {
			if strings.Contains(d[name], bad) {
				t.Errorf("%s: details show %q:\n%s", name, bad, d[name])
			}
		}
	}
}

// Kind 2 in the explorer: the details give each entry its time on the
// path (case 09: call db is on the path with 0 ns, query holds 20 ms of
// its 35 ms), and the bottleneck line agrees.
func TestDetailsGiveTimeOnThePath(t *testing.T) {
	d := detailLines(t, []trace.Span{timedSpan(1, 0, "handle", 0, 50), timedSpan(2, 1, "call db", 10, 30), timedSpan(3, 2, "query", 5, 40)})
	for name, want := range map[string]string{
		"handle":  "critical: 30.0 ms on the critical path (the bottleneck)",
		"call db": "critical: 0 ns on the critical path (its children hold its stretch of it)",
		"query":   "critical: 20.0 ms on the critical path\n",
	} {
		if !strings.Contains(d[name], want) {
			t.Errorf("%s: details lack %q:\n%s", name, want, d[name])
		}
	}
}

// A span with an unended child (a start, no end) is not credited with the
// time after it started: the details and the diagnosis say how much is
// unknown and after whose start, and the bottleneck is measured against
// the whole path. root 0–1000 ms, A 0–100 ms, B from 200 ms with no end;
// under A, C from 50 ms with an end before its start.
func TestUnknownTimeAfterAnUnendedSpanIsSaid(t *testing.T) {
	spans := []trace.Span{timedSpan(1, 0, "root", 0, 1000), timedSpan(2, 1, "A", 0, 100), timedSpan(3, 1, "B", 200, none), timedSpan(4, 2, "C", 50, 40)}
	api := &trace.Resource{Service: "api"}
	for k := range spans {
		spans[k].Resource = api
	}
	d := detailLines(t, spans)
	for name, want := range map[string]string{
		"root": "self time: 100 ms and 800 ms unknown, after api B started (no end time)\n",
		"A":    "self time: 50.0 ms and 50.0 ms unknown, after api C started (ends before it starts)\n",
		"B":    "self time: unknown\n",
	} {
		if !strings.Contains(d[name], want) {
			t.Errorf("%s: details lack %q:\n%s", name, want, d[name])
		}
	}
	tr := trace.Build(&trace.Trace{Spans: spans})
	got := strings.Join(Unicode.Diagnosis(tr, trace.Analyze(tr)), "\n")
	want := "bottleneck: api root 100 ms on the critical path of 1.00 s (10%), self 100 ms\n" +
		"unknown: 850 ms of the critical path of 1.00 s (85%), after api B started (no end time) and 1 more span with no usable end"
	if got != want {
		t.Errorf("diagnosis:\n%s\nwant:\n%s", got, want)
	}
}

// A path entry whose stretch is mostly unknown says so on its critical
// line, in the self time line's words, never "0 ns, its children hold
// it": root 100–1000 ms, E from 0 ms with no end, C 300–500 ms. C holds
// 200 ms of root's 900; the other 700 ms came after E started.
func TestCriticalLineSaysTheUnknownPart(t *testing.T) {
	spans := []trace.Span{timedSpan(1, 0, "root", 100, 1000), timedSpan(2, 1, "E", 0, none), timedSpan(3, 1, "C", 300, 500)}
	api := &trace.Resource{Service: "api"}
	for k := range spans {
		spans[k].Resource = api
	}
	d := detailLines(t, spans)
	for name, want := range map[string]string{
		"root": "critical: 0 ns on the critical path and 700 ms unknown, after api E started (no end time); its children hold the rest span id",
		"C":    "critical: 200 ms on the critical path (the bottleneck) span id",
	} {
		// Words joined by single spaces: the line wraps at 100 columns.
		if !strings.Contains(strings.Join(strings.Fields(d[name]), " "), want) {
			t.Errorf("%s: details lack %q:\n%s", name, want, d[name])
		}
	}
	if !strings.Contains(d["root"], "self time: 0 ns and 700 ms unknown, after api E started (no end time)\n") {
		t.Errorf("root: the self time line does not say the same unknown time:\n%s", d["root"])
	}
}
