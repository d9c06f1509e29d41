package trace

import (
	"slices"
	"testing"
)

func noTimes(s Span) Span              { s.Start, s.End = 0, 0; return s }
func noStart(s Span) Span              { s.Start = 0; return s }
func withKind(s Span, k SpanKind) Span { s.Kind = k; return s }

// Kind 4: a span with no start, no end, or an end before its start is
// kept and marked, takes no part in the extent, self time, the critical
// path, gaps or statistics, and never makes clock skew. One with a start
// (no end, or an end before it) still makes its parent's later uncovered
// time unknown: unended_test.go.
func TestUntimedSpansAreMarkedAndTakeNoPartInTiming(t *testing.T) {
	noEnd := sp(5, 1, 20, 0, "no end")
	noEnd.End = 0
	for _, c := range []struct {
		name     string
		spans    []Span
		untimed  map[string]Mark // span name → its one mark
		start    int64           // ms: Tree.Start, from the timed spans only
		end      int64
		path     []string
		selfOf   string // a span whose self time is checked
		self     int64  // ms
		warnings []WarningKind
	}{
		// 12: a Zipkin shared server half and a flush with no timestamp.
		{"12 zipkin missing timestamps",
			[]Span{withKind(sp(1, 0, 0, 500, "get /report"), KindServer), withKind(sp(2, 1, 50, 350, "post /render"), KindClient),
				withKind(noTimes(sp(2, 1, 0, 0, "post /render server")), KindServer), noTimes(sp(3, 1, 0, 0, "flush"))},
			map[string]Mark{"post /render server": MarkNoStart, "flush": MarkNoStart},
			0, 500, []string{"get /report", "post /render"}, "post /render", 300, []WarningKind{WarnNoStart}},
		// 14: under tick, a sleep whose end precedes its start.
		{"14 otlp end before start",
			[]Span{sp(1, 0, 0, 40, "tick"), sp(2, 1, 10, 7, "sleep"), sp(3, 1, 15, 35, "persist"), sp(4, 1, 20, 30, "sleep")},
			map[string]Mark{"sleep": MarkEndBeforeStart},
			// tick's own time ends where the broken sleep started (10 ms):
			// after, it may be the sleep's.
			0, 40, []string{"tick", "persist"}, "tick", 10, []WarningKind{WarnEndBeforeStart}},
		// Made for tracetui: an OTLP span with startTimeUnixNano 0 deep in a
		// tree, whose timed child still ran inside the nearest timed
		// ancestor: that child counts there, the untimed span does not.
		{"no start deep in a tree",
			[]Span{sp(1, 0, 0, 100, "handle"), sp(2, 1, 10, 90, "process"), noStart(sp(3, 2, 0, 80, "render")),
				sp(4, 3, 30, 70, "template"), sp(5, 2, 75, 85, "render")},
			map[string]Mark{"render": MarkNoStart},
			0, 100, []string{"handle", "process", "template", "render"}, "process", 30, []WarningKind{WarnNoStart}},
		// A span with a start but no end stretches nothing, although it
		// starts before everything else; from root's start it may be
		// running, so none of root's uncovered time is known to be its own.
		{"no end, earliest start",
			[]Span{sp(1, 0, 35, 100, "root"), noEnd, sp(6, 1, 40, 60, "child")},
			map[string]Mark{"no end": MarkNoEnd},
			35, 100, []string{"root", "child"}, "root", 0, []WarningKind{WarnNoEnd}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, a := build(c.spans...)
			for i := int32(0); i < int32(len(tr.Trace.Spans)); i++ {
				s := tr.Span(i)
				want, isUntimed := c.untimed[s.Name]
				if isUntimed && !s.Timed() {
					if tr.Marks[i]&(MarkNoStart|MarkNoEnd|MarkEndBeforeStart) != want {
						t.Errorf("%s: marks %b, want only %b", s.Name, tr.Marks[i], want)
					}
					if a.Self[i] != 0 || a.Critical[i] != 0 || a.OnCriticalPath(i) || s.Duration() != 0 {
						t.Errorf("%s: self %d, critical %d, duration %d: an untimed span has no times", s.Name, a.Self[i], a.Critical[i], s.Duration())
					}
				}
				if tr.Marks[i]&(MarkStartsBeforeParent|MarkEndsAfterParent) != 0 {
					t.Errorf("%s: marked as clock skew", s.Name)
				}
			}
			if tr.Start != t0+c.start*ms || tr.End != t0+c.end*ms {
				t.Errorf("extent %d..%d ms, want %d..%d", (tr.Start-t0)/ms, (tr.End-t0)/ms, c.start, c.end)
			}
			if got := names(tr, a.Path); !slices.Equal(got, c.path) {
				t.Errorf("critical path %v, want %v", got, c.path)
			}
			for i := int32(0); i < int32(len(tr.Trace.Spans)); i++ {
				if tr.Span(i).Name == c.selfOf && tr.Span(i).Timed() && a.Self[i] != c.self*ms {
					t.Errorf("%s: self %d ms, want %d", c.selfOf, a.Self[i]/ms, c.self)
				}
			}
			var kinds []WarningKind
			for _, w := range tr.Warnings {
				kinds = append(kinds, w.Kind)
			}
			if !slices.Equal(kinds, c.warnings) {
				t.Errorf("warnings %v, want %v", kinds, c.warnings)
			}
		})
	}
}

// Statistics count untimed spans apart: never a 0 ns minimum or a mean
// halved by a span with no duration (case 14: sleep 10 ms and a broken one).
func TestStatsCountUntimedSpansApart(t *testing.T) {
	tr, a := build(sp(1, 0, 0, 40, "tick"), sp(2, 1, 10, 7, "sleep"), sp(3, 1, 15, 35, "persist"),
		sp(4, 1, 20, 30, "sleep"), noTimes(sp(5, 1, 0, 0, "flush")))
	var st StatsTable
	st.ByOperation = true
	st.Add(tr, a)
	got := map[string]OpStat{}
	for _, r := range st.Rows {
		got[r.Name] = r
	}
	if s := got["sleep"]; s.Count != 2 || s.Untimed != 1 || s.Avg() != 10*ms || s.Min != 10*ms || s.Max != 10*ms || s.Total != 10*ms {
		t.Errorf("sleep = %+v (avg %d), want 2 spans, 1 untimed, avg/min/max 10 ms", s, s.Avg())
	}
	if s := got["flush"]; s.Count != 1 || s.Untimed != 1 || s.Avg() != 0 || s.Min != 0 || s.Max != 0 {
		t.Errorf("flush = %+v, want 1 untimed span and no times", s)
	}
}

// A placeholder spans its timed orphans only; with none it is untimed too.
func TestPlaceholderSpansOnlyTimedOrphans(t *testing.T) {
	tr, _ := build(sp(1, 0, 0, 100, "root"), noTimes(sp(2, 9, 0, 0, "lost")), sp(3, 9, 40, 60, "found"), noTimes(sp(4, 8, 0, 0, "alone")))
	for _, ph := range tr.Extra {
		switch ph.SpanID[7] {
		case 9:
			if ph.Start != t0+40*ms || ph.End != t0+60*ms {
				t.Errorf("placeholder 9 spans %d..%d ms, want 40..60", (ph.Start-t0)/ms, (ph.End-t0)/ms)
			}
		case 8:
			if ph.Timed() {
				t.Errorf("placeholder 8 holds only an untimed orphan, yet spans %d..%d", ph.Start, ph.End)
			}
		}
	}
	if tr.Start != t0 || tr.End != t0+100*ms {
		t.Errorf("extent %d..%d", tr.Start, tr.End)
	}
}
