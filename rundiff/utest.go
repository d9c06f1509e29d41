package rundiff

import (
	"sync"

	"github.com/aclements/go-moremath/stats"
	"golang.org/x/perf/benchmath"
)

// uTest is benchmath.AssumeNothing.Compare (a two-sided Mann–Whitney U
// test) with the exact null distribution built once per comparison.
//
// The library computes the exact distribution of U for every pair of
// samples it is given: Θ(n1·n2·U) work, ~1 ms for two samples of 50. A run
// diff of 4,000 operations of ~50 calls paid that for each operation, a
// third of the whole command. Without ties the distribution depends only on
// the two sample sizes, and one pass of Mann and Whitney's recurrence up to
// the largest sizes yields every smaller pair on the way, so the table
// costs about what one test did. With ties (or past the exact limits) the
// library's own test runs: the numbers are the library's either way (same
// recurrence, same float operations; TestExactTableIsTheLibrarys).
type uTest struct {
	once  sync.Once
	limit int           // largest sample size tabulated
	cdf   [][][]float64 // cdf[n][m][u] = P(U ≤ u) for n ≤ m, u ≤ n·m/2
}

// newUTest prepares a table for samples of up to maxN values (capped at
// the library's exact limit); it is filled on first use.
func newUTest(maxN int) *uTest {
	return &uTest{limit: min(maxN, stats.MannWhitneyExactLimit)}
}

// uTestMinSamples: below this many values on both sides benchmath adds
// its "need more samples" warning, which the fast path does not write;
// such small samples take the library's path (where they cost nothing).
const uTestMinSamples = 10

// compare is benchmath.AssumeNothing.Compare(a, b); both samples are
// sorted (benchmath.NewSample sorts).
func (t *uTest) compare(a, b *benchmath.Sample) benchmath.Comparison {
	x, y := a.Values, b.Values
	n1, n2 := len(x), len(y)
	if n1 == 0 || n2 == 0 || n1 > t.limit || n2 > t.limit || max(n1, n2) < uTestMinSamples {
		return benchmath.AssumeNothing.Compare(a, b)
	}
	u1, ties := uStatistic(x, y)
	if ties {
		return benchmath.AssumeNothing.Compare(a, b)
	}
	t.once.Do(t.build)
	u2 := n1*n2 - u1
	p := 1.0 // U1 == U2: the whole distribution, as the library says
	if u1 != u2 {
		n, m := min(n1, n2), max(n1, n2)
		p = t.cdf[n][m][min(u1, u2)] * 2
	}
	return benchmath.Comparison{P: p, N1: n1, N2: n2, Alpha: a.Thresholds.CompareAlpha}
}

// uStatistic is U1, the number of pairs (x, y) with x > y, and whether any
// two values among both samples are equal. x and y are sorted.
func uStatistic(x, y []float64) (u1 int, ties bool) {
	if repeats(x) || repeats(y) {
		return 0, true
	}
	j := 0 // y[:j] < the current x
	for _, v := range x {
		for j < len(y) && y[j] < v {
			j++
		}
		if j < len(y) && y[j] == v {
			return 0, true
		}
		u1 += j
	}
	return u1, false
}

// repeats: a sorted sample holds a value twice.
func repeats(s []float64) bool {
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			return true
		}
	}
	return false
}

// build runs the recurrence of Mann and Whitney (1947),
//
//	p[n][m](u) = (n·p[n-1][m](u-m) + m·p[n][m-1](u)) / (n+m),
//
// exactly as go-moremath's UDist.p does, keeping every (n ≤ m) pair up to
// the limit, then turns each into a cumulative distribution up to half
// its range (the two-sided test reads the smaller tail). A value at u
// depends on values at u and below only, so capping every pair at the
// largest u any test reads (limit²/2) changes none of them.
func (t *uTest) build() {
	L := t.limit
	cap := L * L / 2
	p := make([][][]float64, L+1)
	for n := range p {
		p[n] = make([][]float64, L+1)
	}
	at := func(n, m int) []float64 { // symmetry: p[n][m] = p[m][n]
		if n > m {
			n, m = m, n
		}
		return p[n][m]
	}
	for m := 0; m <= L; m++ {
		p[0][m] = []float64{1}
		for n := 1; n <= m; n++ {
			lp, rp := at(n-1, m), at(n, m-1)
			out := make([]float64, min(n*m, cap)+1)
			nm := float64(n + m)
			for u := len(out) - 1; u >= 0; u-- {
				l := 0.0
				if u-m >= 0 && u-m < len(lp) {
					l = float64(n) * lp[u-m]
				}
				r := 0.0
				if u < len(rp) {
					r = float64(m) * rp[u]
				}
				out[u] = (l + r) / nm
			}
			p[n][m] = out
		}
	}
	t.cdf = make([][][]float64, L+1)
	for n := 1; n <= L; n++ {
		t.cdf[n] = make([][]float64, L+1)
		for m := n; m <= L; m++ {
			c := make([]float64, n*m/2+1)
			sum := 0.0
			for u := range c {
				sum += p[n][m][u]
				c[u] = sum
			}
			t.cdf[n][m] = c
		}
	}
}
