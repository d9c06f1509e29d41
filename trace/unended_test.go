package trace

import (
	"fmt"
	"maps"
	"slices"
	"testing"
)

func unended(s Span) Span { s.End = 0; return s }

// An unended span (a start but no usable end) under a timed span makes
// that span's moments after its start, where no timed child ran, unknown:
// they were the parent's own time or the unended span's, and nothing says
// which. They count neither as self time nor as the parent's time on the
// critical path (so it is never made the bottleneck by them), nor as a gap.
func TestUnendedSpansMakeTheirParentsLaterTimeUnknown(t *testing.T) {
	type unk struct {
		ms    int64
		after string
	}
	for _, c := range []struct {
		name        string
		spans       []Span
		path        map[string]int64 // path entry → ms on the path
		self        map[string]int64 // ms
		unknown     map[string]unk   // timed span → its unknown time and the unended span after whose start it fell
		unknownPath map[string]int64 // unended span → ms of the path after its start no timed span covers
		bottleneck  string
		gaps        []string // "span ms" of each gap finding, largest first
	}{
		// The report: A ends at 100 ms, B starts at 200 ms and never ends.
		// Before, root held 900 ms of self time, was the bottleneck, and
		// had a 900 ms gap "after A".
		{"child with no end",
			[]Span{sp(1, 0, 0, 1000, "root"), sp(2, 1, 0, 100, "A"), unended(sp(3, 1, 200, 0, "B"))},
			map[string]int64{"root": 100, "A": 100}, map[string]int64{"root": 100, "A": 100},
			map[string]unk{"root": {800, "B"}}, map[string]int64{"B": 800}, "root", []string{"root 100"}},
		// The unended span two levels down makes only its nearest timed
		// ancestor's time unknown: C's, not root's.
		{"unended grandchild",
			[]Span{sp(1, 0, 0, 1000, "root"), sp(2, 1, 100, 950, "C"), unended(sp(3, 2, 300, 0, "U")), sp(4, 2, 500, 600, "D")},
			map[string]int64{"root": 150, "C": 200, "D": 100}, map[string]int64{"root": 150, "C": 200, "D": 100},
			map[string]unk{"C": {550, "U"}}, map[string]int64{"U": 550}, "C", []string{"C 200", "root 100"}},
		// Two unended siblings: the unknown time begins at the earlier start.
		{"two unended siblings",
			[]Span{sp(1, 0, 0, 1000, "root"), sp(2, 1, 0, 200, "A"), unended(sp(3, 1, 600, 0, "late")), unended(sp(4, 1, 300, 0, "early"))},
			map[string]int64{"root": 100, "A": 200}, map[string]int64{"root": 100, "A": 200},
			map[string]unk{"root": {700, "early"}}, map[string]int64{"early": 700}, "A", []string{"root 100"}},
		// An unended root (a job exported while it ran): its children are
		// the trace's timed roots; the stretch between them is unknown.
		{"unended root with ended children",
			[]Span{unended(sp(1, 0, 0, 0, "job")), sp(2, 1, 0, 100, "C1"), sp(3, 1, 300, 500, "C2")},
			map[string]int64{"C1": 100, "C2": 200}, map[string]int64{"C1": 100, "C2": 200},
			map[string]unk{}, map[string]int64{"job": 200}, "C2", nil},
		// On the critical path: the unended span's timed child still holds
		// its stretch; around it, the parent's time is unknown.
		{"unended span on the critical path",
			[]Span{sp(1, 0, 0, 1000, "root"), unended(sp(2, 1, 100, 0, "U")), sp(3, 2, 200, 800, "W")},
			map[string]int64{"root": 100, "W": 600}, map[string]int64{"root": 100, "W": 600},
			map[string]unk{"root": {300, "U"}}, map[string]int64{"U": 300}, "W", []string{"root 100"}},
		// Case 14: an end before the start is a start with no usable end:
		// the clock that read the end was wrong, the start was read first.
		{"14 otlp end before start",
			[]Span{sp(1, 0, 0, 40, "tick"), sp(2, 1, 10, 7, "sleep!"), sp(3, 1, 15, 35, "persist"), sp(4, 1, 20, 30, "sleep")},
			map[string]int64{"tick": 10, "persist": 20}, map[string]int64{"tick": 10, "persist": 20, "sleep": 10},
			map[string]unk{"tick": {10, "sleep!"}}, map[string]int64{"sleep!": 10}, "persist", []string{"tick 10"}},
		// Started after its parent returned (async): the parent's time is
		// all known.
		{"unended span after its parent",
			[]Span{sp(1, 0, 0, 100, "root"), sp(2, 1, 0, 50, "A"), unended(sp(3, 1, 100, 0, "later"))},
			map[string]int64{"root": 50, "A": 50}, map[string]int64{"root": 50, "A": 50},
			map[string]unk{}, map[string]int64{}, "root", []string{"root 50"}},
		// Started before its parent (skew): all of the parent's uncovered
		// time is unknown.
		{"unended span before its parent",
			[]Span{sp(1, 0, 35, 100, "root"), unended(sp(5, 1, 20, 0, "early")), sp(6, 1, 40, 60, "child")},
			map[string]int64{"root": 0, "child": 20}, map[string]int64{"root": 0, "child": 20},
			map[string]unk{"root": {45, "early"}}, map[string]int64{"early": 45}, "child", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, a := build(c.spans...)
			byName := map[string]int32{}
			for i := int32(0); i < int32(tr.Len()); i++ {
				byName[tr.Span(i).Name] = i
			}
			path := map[string]int64{}
			sum := int64(0)
			for _, i := range a.Path {
				path[tr.Span(i).Name] = a.Critical[i] / ms
				sum += a.Critical[i]
			}
			if !maps.Equal(path, c.path) || sum != a.PathTime {
				t.Errorf("path %v (sum %d ms, PathTime %d ms), want %v", path, sum/ms, a.PathTime/ms, c.path)
			}
			for name, want := range c.self {
				if got := a.Self[byName[name]]; got != want*ms {
					t.Errorf("%s: self %d ms, want %d", name, got/ms, want)
				}
			}
			unknown := map[string]unk{}
			for _, u := range a.Unknown {
				unknown[tr.Span(u.Span).Name] = unk{u.Time / ms, tr.Span(u.After).Name}
				if got, ok := a.UnknownOf(u.Span); !ok || got != u {
					t.Errorf("UnknownOf(%d) = %v, %v", u.Span, got, ok)
				}
			}
			if !maps.Equal(unknown, c.unknown) {
				t.Errorf("unknown %v, want %v", unknown, c.unknown)
			}
			unknownPath, upSum := map[string]int64{}, int64(0)
			for k, seg := range a.UnknownPath {
				unknownPath[tr.Span(seg.Span).Name] += (seg.End - seg.Start) / ms
				upSum += seg.End - seg.Start
				if seg.End <= seg.Start || k > 0 && seg.End > a.UnknownPath[k-1].Start {
					t.Errorf("unknown segments not disjoint, latest first: %v", a.UnknownPath)
				}
			}
			if !maps.Equal(unknownPath, c.unknownPath) || upSum != a.UnknownPathTime {
				t.Errorf("unknown path %v (sum %d ms, UnknownPathTime %d ms), want %v", unknownPath, upSum/ms, a.UnknownPathTime/ms, c.unknownPath)
			}
			// Known and unknown time on the path never overlap and, in
			// these traces (no placeholders), cover the whole trace.
			if a.PathTime+a.UnknownPathTime != tr.Duration() {
				t.Errorf("path %d ms known + %d ms unknown, the trace lasts %d ms", a.PathTime/ms, a.UnknownPathTime/ms, tr.Duration()/ms)
			}
			if a.Bottleneck < 0 || tr.Span(a.Bottleneck).Name != c.bottleneck {
				t.Errorf("bottleneck %d, want %s", a.Bottleneck, c.bottleneck)
			}
			var gaps []string
			for _, x := range Find(tr, a, FindOptions{}).List {
				if x.Kind == FindingGap {
					gaps = append(gaps, fmt.Sprintf("%s %d", tr.Span(x.Span).Name, x.Time/ms))
				}
			}
			if !slices.Equal(gaps, c.gaps) {
				t.Errorf("gaps %v, want %v", gaps, c.gaps)
			}
		})
	}
}

// A trace with no unended span has no unknown time.
func TestNoUnknownTimeWithoutUnendedSpans(t *testing.T) {
	_, a := build(sp(1, 0, 0, 100, "root"), sp(2, 1, 10, 50, "A"), noTimes(sp(3, 1, 0, 0, "untimed")))
	if len(a.Unknown) != 0 || len(a.UnknownPath) != 0 || a.UnknownPathTime != 0 || a.Self[0] != 60*ms {
		t.Errorf("unknown %v, path %v (%d ns), root self %d ms", a.Unknown, a.UnknownPath, a.UnknownPathTime, a.Self[0]/ms)
	}
}
