package rundiff

import (
	"math"
	"testing"
)

func TestMinP(t *testing.T) {
	for _, c := range []struct {
		n1, n2 int
		want   float64
	}{{1, 7, 0.25}, {3, 3, 0.1}, {4, 4, 2.0 / 70}, {2, 2, 1.0 / 3}, {20, 20, 0}} {
		if got := minP(c.n1, c.n2); math.Abs(got-c.want) > 1e-9 && !(c.want == 0 && got < 1e-9) {
			t.Errorf("minP(%d, %d) = %g, want %g", c.n1, c.n2, got, c.want)
		}
	}
}

// One call against seven, with a tie among the seven: the library's
// approximation says p=0, but no ranking of 1 and 7 values is rarer than
// 1 in 4, so the row must say too few, never "beyond noise".
func TestOneCallIsNeverBeyondNoise(t *testing.T) {
	a, b := NewRun(false), NewRun(false)
	a.Add(request(0, 100, 0, ""))
	for k, ms := range []float64{1, 1, 2, 3, 4, 5, 6} {
		b.Add(request(k+1, ms, 0, ""))
	}
	o := op(t, Compare(a, b, Options{}), "db SELECT")
	if o.Flagged || !o.Test.TooFew || o.Test.P < 0.25 {
		t.Errorf("1 against 7 calls: %+v flagged=%v; want too few, p >= 0.25", o.Test, o.Flagged)
	}
}
