package rundiff

import (
	"math/rand/v2"
	"testing"

	"golang.org/x/perf/benchmath"
)

// The table must give the library's p-values: same test, same numbers, for
// samples on both sides of every path (small, tied, past the exact limit,
// equal medians, far apart).
func TestExactTableIsTheLibrarys(t *testing.T) {
	th := &benchmath.Thresholds{CompareAlpha: 0.05}
	u := newUTest(60)
	r := rand.New(rand.NewPCG(3, 4))
	sample := func(n int, shift float64, tieEvery int) *benchmath.Sample {
		v := make([]float64, n)
		for i := range v {
			v[i] = r.ExpFloat64()*100 + shift
			if tieEvery > 0 && i%tieEvery == 0 {
				v[i] = float64(int(v[i] / 50))
			}
		}
		return benchmath.NewSample(v, th)
	}
	fast := 0
	for _, c := range []struct {
		n1, n2, tieEvery int
		shift            float64
	}{
		{50, 50, 0, 0}, {50, 50, 0, 30}, {37, 44, 0, 0}, {44, 37, 0, 10}, {12, 3, 0, 0},
		{3, 4, 0, 0}, {1, 7, 0, 0}, {9, 9, 0, 200}, {25, 20, 3, 0}, {51, 40, 0, 0}, {60, 60, 0, 5},
		{10, 1, 0, 0}, {48, 49, 0, 1000},
	} {
		for range 5 {
			a, b := sample(c.n1, 0, c.tieEvery), sample(c.n2, c.shift, c.tieEvery)
			want := benchmath.AssumeNothing.Compare(a, b)
			got := u.compare(a, b)
			if got.P != want.P || got.N1 != want.N1 || got.N2 != want.N2 || got.Alpha != want.Alpha || len(got.Warnings) != len(want.Warnings) {
				t.Errorf("%d vs %d (shift %g, ties every %d): got %+v, want %+v", c.n1, c.n2, c.shift, c.tieEvery, got, want)
			}
			if _, ties := uStatistic(a.Values, b.Values); !ties && max(c.n1, c.n2) >= uTestMinSamples && max(c.n1, c.n2) <= 50 {
				fast++
			}
		}
	}
	if fast < 30 {
		t.Errorf("only %d comparisons took the table; the test checks little", fast)
	}
}

func TestUStatistic(t *testing.T) {
	for _, c := range []struct {
		x, y []float64
		u    int
		ties bool
	}{
		{[]float64{1, 2, 3}, []float64{4, 5}, 0, false},
		{[]float64{4, 5}, []float64{1, 2, 3}, 6, false},
		{[]float64{1, 4}, []float64{2, 3, 5}, 2, false},
		{[]float64{1, 2}, []float64{2, 3}, 0, true},
		{[]float64{1, 1}, []float64{2, 3}, 0, true},
		{[]float64{1, 2}, []float64{3, 3}, 0, true},
	} {
		if u, ties := uStatistic(c.x, c.y); ties != c.ties || (!ties && u != c.u) {
			t.Errorf("uStatistic(%v, %v) = %d, %v; want %d, %v", c.x, c.y, u, ties, c.u, c.ties)
		}
	}
}
