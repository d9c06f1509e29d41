package trace

import "testing"

// A span that started and never ended, with no timed span around it,
// started the trace when it is the earliest: the trace's window begins at
// its start, not at the first ended child, and since nothing says when it
// ended the trace's duration is only a lower bound (EndUnknown). An
// unended span under a timed one ended, as far as anyone knows, within it.
func TestUnendedSpanWithNoTimedAncestorOpensTheTrace(t *testing.T) {
	for _, c := range []struct {
		name       string
		spans      []Span
		start, end int64 // ms after t0
		open       bool
		unknown    int64 // ms of the critical path after an unended span started
		hole       int64 // ms the trace ran in no span known to be running
	}{
		{"unended root before its first child",
			[]Span{unended(sp(1, 0, 0, 0, "root")), unended(sp(2, 1, 10, 0, "A")), sp(4, 1, 20, 30, "C")},
			0, 30, true, 20, 0},
		{"unended root, nested ended children, unended child before everything",
			[]Span{unended(sp(1, 0, 10, 0, "job")), unended(sp(2, 1, 0, 0, "prepare")), sp(3, 1, 20, 60, "step"),
				sp(4, 3, 30, 50, "inner"), sp(5, 1, 70, 80, "tail")},
			0, 80, true, 30, 0},
		// Started after every ended span: the trace ran at least until
		// then, though nothing is known to have run from 40 to 90 ms.
		{"unended second root after the rest",
			[]Span{sp(1, 0, 0, 40, "root"), unended(sp(2, 0, 90, 0, "late"))},
			0, 90, true, 0, 50},
		// Under a timed root: bounded by it; a start before it is skew.
		{"unended child of a timed root",
			[]Span{sp(1, 0, 35, 100, "root"), unended(sp(2, 1, 20, 0, "early")), sp(3, 1, 40, 60, "child")},
			35, 100, false, 45, 0},
		{"every span timed", []Span{sp(1, 0, 0, 100, "root"), sp(2, 1, 10, 60, "child")}, 0, 100, false, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, a := build(c.spans...)
			if tr.Start != t0+c.start*ms || tr.End != t0+c.end*ms || tr.EndUnknown != c.open {
				t.Errorf("extent %d..%d ms, end unknown %v; want %d..%d, %v",
					(tr.Start-t0)/ms, (tr.End-t0)/ms, tr.EndUnknown, c.start, c.end, c.open)
			}
			if a.UnknownPathTime != c.unknown*ms {
				t.Errorf("unknown path %d ms, want %d", a.UnknownPathTime/ms, c.unknown)
			}
			if a.PathTime+a.UnknownPathTime+c.hole*ms != tr.Duration() {
				t.Errorf("path %d ms known + %d ms unknown + %d ms hole, the trace lasts %d ms",
					a.PathTime/ms, a.UnknownPathTime/ms, c.hole, tr.Duration()/ms)
			}
		})
	}
	// Nothing timed: no extent at all, as before (duration unknown, not 0).
	tr, _ := build(unended(sp(1, 0, 10, 0, "root")))
	if tr.Start != 0 || tr.End != 0 {
		t.Errorf("untimed trace extent %d..%d, want none", tr.Start, tr.End)
	}
}
