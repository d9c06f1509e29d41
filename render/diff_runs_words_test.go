package render

import (
	"math"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/rundiff"
)

// An operation that took 0 ns in A and 5 ms in B was there before: its
// change is +5.00 ms, never "new" (a word for operations only B has).
func TestChangeFromZeroIsAbsolute(t *testing.T) {
	o := rundiff.OpDiff{Key: rundiff.OpKey{Service: "c", Name: "const"},
		A:    rundiff.Stat{Count: 5, Median: rundiff.Interval{Lo: math.Inf(-1), Hi: math.Inf(1)}},
		B:    rundiff.Stat{Count: 5, P50: 5e6, P95: 5e6, Median: rundiff.Interval{Center: 5e6, Lo: math.Inf(-1), Hi: math.Inf(1)}},
		Test: &rundiff.Test{P: 0.01, Q: 0.01, Alpha: 0.05, N1: 5, N2: 5}}
	cells := runCells(&o, Unicode)
	if cells[3] != "+5.00 ms" {
		t.Errorf("change cell %q; want +5.00 ms", cells[3])
	}
	txt := IntervalText(&o, Unicode)
	if strings.Contains(txt, "?") || strings.Contains(txt, "new") || !strings.Contains(txt, "no interval: n=5") {
		t.Errorf("interval text %q; want no ± ?, no 'new', and 'no interval: n=5'", txt)
	}
}

// An operation whose B calls are all untimed reads "?" and "untimed",
// never 0 ns and −100%, and a section says how many calls were untimed;
// every line fits 40 columns.
func TestRunDiffUntimedRow(t *testing.T) {
	res := &rundiff.Result{Ops: []rundiff.OpDiff{{Key: rundiff.OpKey{Service: "u", Name: "untimedB"},
		A: rundiff.Stat{Count: 50, P50: 3e6, P95: 3e6, P99: 3e6, Mean: 3e6},
		B: rundiff.Stat{Count: 50, Untimed: 50}}}}
	res.Overall.A = rundiff.Stat{Count: 50, P50: 10e6, P95: 10e6}
	res.Overall.B = rundiff.Stat{Count: 50, P50: 10e6, P95: 10e6}
	for _, w := range []int{40, 100} {
		lines := RunDiffLines(res, 0, Options{Width: w})
		text := strings.Join(lines, "\n")
		if strings.Contains(text, "0 ns") || strings.Contains(text, "100%") || strings.Contains(text, "gone") ||
			!strings.Contains(text, "3.00 ms → ?") || !strings.Contains(text, "untimed") ||
			!strings.Contains(text, "u untimedB: 50 of 50 in B") {
			t.Errorf("width %d:\n%s", w, text)
		}
		for _, l := range lines {
			if Width(l) > w {
				t.Errorf("width %d: %d-column line %q", w, Width(l), l)
			}
		}
	}
}

// Traces with no timed span on a side: the verdict says "?", not 0 ns.
func TestRunVerdictUntimedTraces(t *testing.T) {
	res := &rundiff.Result{}
	res.Overall.A = rundiff.Stat{Count: 3, P50: 10e6, P95: 12e6}
	res.Overall.B = rundiff.Stat{Count: 3, Untimed: 3}
	v := runVerdict(res, Unicode)
	if strings.Contains(v, "0 ns") || strings.Contains(v, "100%") || !strings.Contains(v, "10.0 ms → ?") {
		t.Errorf("verdict %q", v)
	}
}
