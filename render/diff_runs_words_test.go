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
