package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// Defect F: the time axis lost its end label at some widths (print
// --width 109 on a 50 ms trace read "37.5 ms        duration"). At every
// width the axis says how long it is.
func TestRulerAlwaysLabelsTheEnd(t *testing.T) {
	a := build(spec{id: 1, svc: "api", name: "GET /", start: 0, end: 50},
		spec{id: 2, parent: 1, svc: "db", name: "SELECT", start: 5, end: 45})
	for w := 20; w <= 240; w++ {
		for _, fold := range []bool{false, true} {
			st := ViewState{Fold: fold}
			l := NewLayout(a.Tree, st, Options{Width: w})
			r := Ruler(l, Options{Width: w})
			if l.BarW > 0 && !strings.HasSuffix(r, "50.0 ms duration") {
				t.Errorf("width %d: the axis does not end with its length: %q", w, r)
			}
			if got, want := Width(r), l.Width; got != want {
				t.Errorf("width %d: the ruler is %d columns, the rows %d", w, got, want)
			}
		}
	}
}

// Defect G: a trace with no timed span read "start unknown · 0 ns" over an
// axis of "0 0 0 0 0". It says the duration is unknown and draws no axis.
func TestUntimedTraceHasNoAxisAndNoDuration(t *testing.T) {
	a := build(spec{id: 1, svc: "cart", name: "poll"}, spec{id: 2, parent: 1, svc: "cart", name: "fetch"})
	for k := range a.Tree.Trace.Spans { // no span has a start: none is timed
		a.Tree.Trace.Spans[k].Start, a.Tree.Trace.Spans[k].End = 0, 0
	}
	tr := trace.Build(a.Tree.Trace)
	a = trace.Analyzed{Tree: tr, Analysis: trace.Analyze(tr)}
	head := strings.Join(Header(a.Tree, a.Analysis, Options{Width: 100}), "\n")
	if !strings.Contains(head, "duration unknown · 2 spans") || strings.Contains(head, "0 ns") || strings.Contains(head, "start unknown") {
		t.Errorf("the header of an untimed trace:\n%s", head)
	}
	l := NewLayout(a.Tree, ViewState{}, Options{Width: 100})
	if r := Ruler(l, Options{Width: 100}); strings.ContainsAny(r, "0123456789") || !strings.HasSuffix(r, "duration") {
		t.Errorf("an untimed trace's ruler draws an axis: %q", r)
	}
}
