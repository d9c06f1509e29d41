package query

// Aggregate folds numbers into the values of avg, min, max and sum, so the
// TraceQL pipeline and the CI checks compute them one way.
type Aggregate struct {
	n           int
	sum, lo, hi float64
}

// Add takes one value.
func (g *Aggregate) Add(x float64) {
	if g.n == 0 || x < g.lo {
		g.lo = x
	}
	if g.n == 0 || x > g.hi {
		g.hi = x
	}
	g.sum += x
	g.n++
}

// Of is the aggregate fn ("avg", "min", "max" or "sum") of the values
// added; ok is false when none was, which TraceQL compares as false.
func (g *Aggregate) Of(fn string) (v float64, ok bool) {
	if g.n == 0 {
		return 0, false
	}
	switch fn {
	case "avg":
		return g.sum / float64(g.n), true
	case "min":
		return g.lo, true
	case "max":
		return g.hi, true
	}
	return g.sum, true
}
